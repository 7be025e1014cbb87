/** Without an SNS topic (POLYMIX_TOPIC_ARN unset), notifications go to the log instead. */
import type { Notification, Notifier } from '../engine/ports';
import type { AppLogger } from './logger';

export class LogNotifier implements Notifier {
  constructor(private readonly logger: AppLogger) {}

  async notify(message: Notification): Promise<void> {
    const line = `notification: ${message.subject}`;
    const attrs = { notification: { severity: message.severity, text: message.text } };
    if (message.severity === 'info') this.logger.info(line, attrs);
    else this.logger.warn(line, attrs);
  }
}
