/** A recording Notifier adapter (the port is lib/engine/ports.ts). */
import type { Notification, Notifier } from '../engine/ports';

/** Keeps what was sent, for tests and the local runner's summary. */
export class RecordingNotifier implements Notifier {
  readonly sent: Notification[] = [];
  async notify(message: Notification): Promise<void> {
    this.sent.push(message);
  }
}
