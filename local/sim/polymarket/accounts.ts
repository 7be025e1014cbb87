/**
 * Simulated Polymarket accounts: the EOA that signs, the funder that holds pUSD and outcome
 * tokens, API credentials (docs/venues-polymarket.md#p3), a pUSD balance in exact micros and token positions in
 * centishares. Tests and the ledger reconciliation read them through this in-process API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { getAddress } from 'ethers';
import { assertInteger, type Centishares, type Micros } from '../../../lib/core/money';

export interface ApiCreds {
  readonly key: string;
  readonly secret: string;
  readonly passphrase: string;
}

/** docs/venues-polymarket.md#p4: EOA=0, POLY_PROXY=1, POLY_GNOSIS_SAFE=2, POLY_1271=3. */
export type SignatureType = 0 | 1 | 2 | 3;

export interface RegisterAccountInput {
  /** The signing EOA. */
  readonly address: string;
  /** Holds the funds and is the order `maker`; defaults to `address` (EOA accounts). */
  readonly funder?: string;
  readonly signatureType?: SignatureType;
  readonly balanceMicros?: Micros;
  /** Pre-registered API credentials (as if created earlier with L1 at nonce 0). */
  readonly apiCreds?: ApiCreds;
}

export interface SimAccount {
  readonly address: string;
  readonly funder: string;
  readonly signatureType: SignatureType;
  balanceMicros: Micros;
  /** tokenId → shares held, in centishares. */
  readonly positions: Map<string, Centishares>;
}

interface KeyRecord {
  readonly creds: ApiCreds;
  readonly address: string;
  readonly nonce: string;
}

export interface AccountSnapshot {
  readonly address: string;
  readonly funder: string;
  readonly signatureType: SignatureType;
  readonly balanceMicros: Micros;
  readonly positions: Readonly<Record<string, Centishares>>;
}

export class AccountBook {
  private readonly byAddress = new Map<string, SimAccount>();
  private readonly keys = new Map<string, KeyRecord>();
  /** Accounts whose pUSD allowance for the exchanges is zero (see `revokeAllowances`). */
  private readonly withoutAllowance = new Set<string>();

  /**
   * Test knob: the account has not approved pUSD for the exchange contracts, so
   * `GET /balance-allowance` reports zero allowances and a buy is refused with the venue's
   * "not enough balance / allowance" (docs/venues-polymarket.md#p-preflight-allowances).
   */
  revokeAllowances(address: string): void {
    this.withoutAllowance.add(getAddress(address));
  }

  hasAllowance(account: SimAccount): boolean {
    return !this.withoutAllowance.has(account.address);
  }

  /** Registers (or updates) an account. Addresses are stored checksummed. */
  register(input: RegisterAccountInput): SimAccount {
    const address = getAddress(input.address);
    const balance = input.balanceMicros ?? 0;
    assertInteger(balance, 'balanceMicros');
    const account: SimAccount = {
      address,
      funder: getAddress(input.funder ?? input.address),
      signatureType: input.signatureType ?? 0,
      balanceMicros: balance,
      positions: this.byAddress.get(address)?.positions ?? new Map(),
    };
    this.byAddress.set(address, account);
    if (input.apiCreds) this.keys.set(input.apiCreds.key, { creds: input.apiCreds, address, nonce: '0' });
    return account;
  }

  get(address: string): SimAccount | undefined {
    try {
      return this.byAddress.get(getAddress(address));
    } catch {
      return undefined;
    }
  }

  /** The account an L1-authenticated wallet acts as; a wallet never seen before starts empty. */
  getOrOpen(address: string): SimAccount {
    return this.get(address) ?? this.register({ address });
  }

  byApiKey(key: string): { account: SimAccount; creds: ApiCreds } | undefined {
    const record = this.keys.get(key);
    if (!record) return undefined;
    const account = this.byAddress.get(record.address);
    return account ? { account, creds: record.creds } : undefined;
  }

  /** L1 `POST /auth/api-key`: one key per (address, nonce); a second create fails like the venue. */
  createKey(address: string, nonce: string): ApiCreds | null {
    const account = this.getOrOpen(address);
    if (this.findKey(account.address, nonce)) return null;
    const creds: ApiCreds = {
      key: randomUUID(),
      secret: randomBytes(32).toString('base64url') + '=',
      passphrase: randomBytes(32).toString('hex'),
    };
    this.keys.set(creds.key, { creds, address: account.address, nonce });
    return creds;
  }

  /** L1 `GET /auth/derive-api-key`: returns the key created earlier for (address, nonce). */
  deriveKey(address: string, nonce: string): ApiCreds | null {
    const account = this.get(address);
    return account ? (this.findKey(account.address, nonce)?.creds ?? null) : null;
  }

  credit(account: SimAccount, micros: Micros): void {
    assertInteger(micros, 'micros');
    account.balanceMicros += micros;
  }

  position(account: SimAccount, tokenId: string): Centishares {
    return account.positions.get(tokenId) ?? 0;
  }

  addPosition(account: SimAccount, tokenId: string, centi: Centishares): void {
    assertInteger(centi, 'centi');
    const next = this.position(account, tokenId) + centi;
    if (next < 0) throw new RangeError(`position of ${tokenId} would go negative`);
    if (next === 0) account.positions.delete(tokenId);
    else account.positions.set(tokenId, next);
  }

  all(): SimAccount[] {
    return [...this.byAddress.values()];
  }

  snapshot(account: SimAccount): AccountSnapshot {
    return {
      address: account.address,
      funder: account.funder,
      signatureType: account.signatureType,
      balanceMicros: account.balanceMicros,
      positions: Object.fromEntries(account.positions),
    };
  }

  private findKey(address: string, nonce: string): KeyRecord | undefined {
    for (const record of this.keys.values()) {
      if (record.address === address && record.nonce === nonce) return record;
    }
    return undefined;
  }
}
