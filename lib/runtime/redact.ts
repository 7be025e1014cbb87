/**
 * The last guard that keeps secrets out of logs and API responses (brief: "secrets never appear
 * in logs, errors or test snapshots"). Two rules, applied to every line and attribute:
 * 1. known values: every secret the runtime holds (the Secrets Manager fields, secret-named
 *    environment variables such as POLYMIX_RESET_KEY or AWS_SECRET_ACCESS_KEY) is replaced
 *    wherever it appears, also in its JSON-escaped form and, for a PEM key, line by line;
 * 2. shapes: PEM blocks, and any attribute whose NAME looks secret (privateKey, apiKey,
 *    passphrase, authorization, …) have their value replaced whatever it is.
 * Values shorter than MIN_SECRET_CHARS are not registered: replacing "0" everywhere would
 * destroy every log line and protect nothing.
 */
import type { Secrets } from '../config';

export const REDACTED = '[redacted]';
export const MIN_SECRET_CHARS = 8;

const SECRET_FIELD =
  /private|secret|passphrase|password|passwd|token(?!_?id)|authorization|cookie|signature|api[-_]?key|reset[-_]?key|credential|pem|^key$/i;
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
/** Variable names that hold secrets (as lib/config/env.ts judges them). */
export const SECRET_ENV_NAME = /KEY|SECRET|TOKEN|PASS|PRIVATE|CREDENTIAL|AUTH|SIGNATURE/i;

/** Secrets fields that are public facts, not secrets (an on-chain address, a small enum). */
const PUBLIC_SECRET_FIELDS: ReadonlySet<string> = new Set(['polymarketFunderAddress', 'polymarketSignatureType']);

export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELD.test(name);
}

export class Redactor {
  private known: string[] = [];

  /** Registers a secret value (and the forms it may take in a log line). */
  addSecret(value: string | null | undefined): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_CHARS) return;
    const forms = new Set<string>([value, JSON.stringify(value).slice(1, -1)]);
    if (/^0x[0-9a-fA-F]+$/.test(value)) {
      forms.add(value.slice(2));
      forms.add(value.slice(2).toLowerCase());
      forms.add(value.toLowerCase());
    }
    if (value.includes('PRIVATE KEY')) {
      for (const line of value.replace(/\\n/g, '\n').split(/\r?\n/))
        if (line.length >= 16 && !line.startsWith('-----')) forms.add(line.trim());
    }
    for (const f of forms) if (f.length >= MIN_SECRET_CHARS && !this.known.includes(f)) this.known.push(f);
    // Longest first, so a value that contains another is replaced whole.
    this.known.sort((a, b) => b.length - a.length);
  }

  addSecrets(secrets: Secrets): void {
    for (const [field, value] of Object.entries(secrets)) {
      if (!PUBLIC_SECRET_FIELDS.has(field) && typeof value === 'string') this.addSecret(value);
    }
  }

  /** Registers every environment variable whose name looks secret. */
  addSecretEnv(env: Readonly<Record<string, string | undefined>>): void {
    for (const [name, value] of Object.entries(env)) if (SECRET_ENV_NAME.test(name)) this.addSecret(value);
  }

  text(input: string): string {
    let out = input;
    for (const secret of this.known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out.replace(PEM, '[redacted key]');
  }

  /** A redacted deep copy, safe to log. Errors become `{name, message, stack}`, all redacted. */
  value(input: unknown, depth = 0): unknown {
    if (typeof input === 'string') return this.text(input);
    if (input === null || typeof input !== 'object') return input;
    if (depth > 12) return '[too deep]';
    if (input instanceof Error) {
      return {
        name: input.name,
        message: this.text(input.message),
        ...(input.stack ? { stack: this.text(input.stack) } : {}),
      };
    }
    if (Array.isArray(input)) return input.map((v) => this.value(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      out[k] =
        isSecretFieldName(k) && v !== null && v !== undefined && typeof v !== 'boolean'
          ? REDACTED
          : this.value(v, depth + 1);
    }
    return out;
  }
}
