/**
 * The one logger (one way to do each thing: no other logger): structured JSON lines through Powertools Logger, with
 * every message and attribute passed through the Redactor first, and the Redactor again as
 * Powertools' JSON replacer (so even an attribute added elsewhere, e.g. by Powertools itself,
 * is checked on the way out). It satisfies the engine's `Logger` port.
 */
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../engine';
import { isSecretFieldName, REDACTED, type Redactor } from './redact';

export type LogAttributes = Record<string, unknown>;

/** Where lines go: Powertools in Lambda and locally; a recorder in tests. */
export interface LogSink {
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
}

export class AppLogger implements Logger {
  constructor(
    private readonly sink: LogSink,
    readonly redactor: Redactor,
  ) {}

  info(message: string, attributes?: LogAttributes): void {
    this.write('info', message, attributes);
  }

  warn(message: string, attributes?: LogAttributes): void {
    this.write('warn', message, attributes);
  }

  error(message: string, attributes?: LogAttributes): void {
    this.write('error', message, attributes);
  }

  private write(level: keyof LogSink, message: string, attributes?: LogAttributes): void {
    const attrs = attributes === undefined ? undefined : (this.redactor.value(attributes) as LogAttributes);
    this.sink[level](this.redactor.text(message), attrs);
  }
}

export function powertoolsSink(serviceName: string, redactor: Redactor): LogSink {
  const logger = new PowertoolsLogger({
    serviceName,
    jsonReplacerFn: (key: string, value: unknown) => {
      if (typeof value === 'string') return isSecretFieldName(key) ? REDACTED : redactor.text(value);
      return value;
    },
  });
  return {
    info: (message, attributes) => (attributes ? logger.info(message, attributes) : logger.info(message)),
    warn: (message, attributes) => (attributes ? logger.warn(message, attributes) : logger.warn(message)),
    error: (message, attributes) => (attributes ? logger.error(message, attributes) : logger.error(message)),
  };
}

/** Keeps lines in memory (tests, and the local runner's summary). */
export class RecordingSink implements LogSink {
  readonly lines: { level: keyof LogSink; message: string; attributes?: LogAttributes }[] = [];
  info(message: string, attributes?: LogAttributes): void {
    this.lines.push({ level: 'info', message, ...(attributes ? { attributes } : {}) });
  }
  warn(message: string, attributes?: LogAttributes): void {
    this.lines.push({ level: 'warn', message, ...(attributes ? { attributes } : {}) });
  }
  error(message: string, attributes?: LogAttributes): void {
    this.lines.push({ level: 'error', message, ...(attributes ? { attributes } : {}) });
  }
  /** Every line as the JSON a log reader would see. */
  text(): string {
    return this.lines.map((l) => JSON.stringify(l)).join('\n');
  }
}
