/**
 * An authenticated CLOB session: the signing wallet, the L2 API credentials (given, or derived
 * once with L1: docs/venues-polymarket.md#p3) and a helper that sends L2-signed requests through the shared
 * HttpClient. Secrets stay inside this object: errors carry endpoints, never headers or keys.
 */
import { inspect } from 'node:util';
import { Wallet } from 'ethers';
import type { z } from 'zod';
import { AuthError, type Clock, VenueError, type VenueErrorDetails } from '../../engine/ports';
import type { HttpClient, HttpRequest, HttpResponse } from '../http';
import { type ApiCredentials, l1Headers, l2Headers } from './auth';
import type { PolymarketCredentials } from './config';
import { polymarketCredentialsSchema } from './config';
import { PATHS, SIGNATURE_TYPES, type SignatureType } from './constants';
import { regionAware } from './errors';
import { apiKeyAnswer } from './schemas';

export type AuthedRequest<S extends z.ZodType> = Omit<HttpRequest<S>, 'headers'>;

export class ClobSession {
  readonly wallet: Wallet;
  readonly signatureType: SignatureType;
  /** Who holds the funds: the funder for types 1–3, the EOA for type 0. */
  readonly funderAddress: string;
  private creds: ApiCredentials | undefined;
  private deriving: Promise<ApiCredentials> | undefined;

  constructor(
    credentials: PolymarketCredentials,
    private readonly clob: HttpClient,
    private readonly clock: Clock,
  ) {
    const parsed = polymarketCredentialsSchema.safeParse(credentials);
    if (!parsed.success) {
      // Name the problem, never the value (it may be a key).
      const issue = parsed.error.issues[0];
      throw new AuthError(
        `polymarket credentials invalid: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
        {
          venue: 'polymarket',
        },
      );
    }
    const c = parsed.data;
    this.wallet = new Wallet(c.privateKey.startsWith('0x') ? c.privateKey : `0x${c.privateKey}`);
    this.signatureType = c.signatureType;
    this.funderAddress = c.signatureType === SIGNATURE_TYPES.EOA ? this.wallet.address : (c.funderAddress ?? '');
    if (c.apiKey && c.secret && c.passphrase)
      this.creds = { apiKey: c.apiKey, secret: c.secret, passphrase: c.passphrase };
  }

  get address(): string {
    return this.wallet.address;
  }

  nowSec(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** L2 credentials, deriving them once with L1 when they were not configured. */
  async credentials(): Promise<ApiCredentials> {
    if (this.creds) return this.creds;
    this.deriving ??= this.deriveApiKey().then(
      (c) => (this.creds = c),
      (err: unknown) => {
        this.deriving = undefined;
        throw err;
      },
    );
    return this.deriving;
  }

  /** `GET /auth/derive-api-key` with L1 headers (nonce 0). */
  async deriveApiKey(nonce = 0): Promise<ApiCredentials> {
    return this.keyRequest('GET', PATHS.deriveApiKey, nonce);
  }

  /** `POST /auth/api-key` with L1 headers: creates a key (first use of a wallet). */
  async createApiKey(nonce = 0): Promise<ApiCredentials> {
    return this.keyRequest('POST', PATHS.createApiKey, nonce);
  }

  private async keyRequest(method: 'GET' | 'POST', path: string, nonce: number): Promise<ApiCredentials> {
    const headers = await l1Headers(this.wallet, this.nowSec(), nonce);
    try {
      const res = await this.clob.request({
        method,
        path,
        headers: { ...headers },
        schema: apiKeyAnswer,
        idempotent: method === 'GET',
        class: method === 'GET' ? 'read' : 'write',
      });
      return res.data;
    } catch (err) {
      // The body of a key answer holds the secret: drop the excerpt before anyone logs it.
      if (err instanceof VenueError) {
        const Same = err.constructor as new (message: string, details: VenueErrorDetails) => VenueError;
        throw new Same(`polymarket ${method} ${path} failed (${err.name})`, {
          venue: 'polymarket',
          endpoint: `${method} ${path}`,
          ...(err.status !== undefined ? { status: err.status } : {}),
        });
      }
      throw err;
    }
  }

  /** Send an L2-signed request. The signed path has no query string; the body is signed as sent. */
  async request<S extends z.ZodType>(req: AuthedRequest<S>): Promise<HttpResponse<z.infer<S>>> {
    const creds = await this.credentials();
    const headers = l2Headers(this.wallet.address, creds, this.nowSec(), req.method, req.path, req.body);
    try {
      return await this.clob.request({ ...req, headers: { ...headers } });
    } catch (err) {
      // A region block is not a credential problem (docs/venues-polymarket.md#p5-region-block).
      throw regionAware(err);
    }
  }

  async apiKey(): Promise<string> {
    return (await this.credentials()).apiKey;
  }

  /** Serialised or inspected, a session shows who it is, never its keys. */
  toJSON(): Record<string, unknown> {
    return {
      address: this.wallet.address,
      signatureType: this.signatureType,
      funderAddress: this.funderAddress,
      l2: this.creds ? '[redacted]' : 'not derived',
    };
  }

  [inspect.custom](): string {
    return `ClobSession ${inspect(this.toJSON())}`;
  }
}
