/**
 * The Notifier port over Amazon SNS (lib/engine/ports.ts): one topic, subscribers choose SMS, email or
 * push. The subject is cut to SNS's limits (no line breaks or control characters, under 100
 * characters); the severity travels as a message attribute so subscriptions can filter on it.
 * A failed publish throws NotifyFailed naming the SDK error only (the engine logs it and goes on,
 * lib/engine/notices.ts): an SDK message is not ours to vouch for.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notification, Notifier } from '../engine/ports';

/** SNS: "less than 100 characters"; counted in code points, with room to spare. */
export const MAX_SUBJECT_CHARS = 90;
/** SNS caps a message at 256 KB; ours are a few lines, this only guards against a runaway text. */
export const MAX_MESSAGE_CHARS = 60_000;

export class NotifyFailed extends Error {
  constructor(readonly errorName: string) {
    super(`SNS publish failed (${errorName})`);
    this.name = 'NotifyFailed';
  }
}

/** One line, no control characters, at most MAX_SUBJECT_CHARS code points (never splits an emoji). */
export function snsSubject(subject: string): string {
  const flat = subject
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  const cut =
    chars.length > MAX_SUBJECT_CHARS
      ? `${chars
          .slice(0, MAX_SUBJECT_CHARS - 1)
          .join('')
          .trimEnd()}…`
      : flat;
  return cut === '' ? 'PolyMix' : cut;
}

export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: Pick<SNSClient, 'send'>,
    private readonly topicArn: string,
  ) {}

  async notify(message: Notification): Promise<void> {
    const text =
      message.text.length > MAX_MESSAGE_CHARS ? `${message.text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message.text;
    try {
      await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: snsSubject(message.subject),
          Message: text === '' ? message.subject : text,
          MessageAttributes: { severity: { DataType: 'String', StringValue: message.severity } },
        }),
      );
    } catch (err) {
      throw new NotifyFailed(err instanceof Error ? err.name : 'unknown error');
    }
  }
}
