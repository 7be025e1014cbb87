/**
 * The Notifier port (lib/engine/ports.ts): the engine announces through it; SNS in AWS, the console
 * locally, a recorder in tests. Messages are formatted by ./messages.ts (pure).
 */
export interface Notification {
  /** Short subject line (SNS subject / push title). */
  readonly subject: string;
  /** Full text (SMS / push body). */
  readonly text: string;
  /** Severity, for routing and alarms. */
  readonly severity: 'info' | 'warning' | 'critical';
}

export interface Notifier {
  notify(message: Notification): Promise<void>;
}

/** Keeps what was sent, for tests and the local runner's summary. */
export class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  async notify(message: Notification): Promise<void> {
    this.sent.push(message);
  }
}
