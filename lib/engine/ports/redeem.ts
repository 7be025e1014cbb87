/**
 * The Redeemer port (docs/redemption.md): turns a resolved Polymarket condition's outcome tokens
 * back into collateral. lib/venues/polymarket/redeemer.ts implements it for each wallet kind
 * (an EOA sending its own transaction, a proxy, Safe or deposit wallet through Polymarket's relayer),
 * lib/venues/paper-redeemer.ts for paper mode. The engine (../redeem.ts) drives it one step at a
 * time and records every step first (RedemptionStore), so that a crash between two steps is
 * repaired by looking up what was sent, never by sending again.
 */
import type { TradingMode } from '../../core/mode';
import type { Micros } from '../../core/money';
import type { PreflightCheck } from './preflight';

/** Who sends the redeem (docs/redemption.md#r6). `paper`: nothing is sent. */
export type WalletKind = 'eoa' | 'proxy' | 'safe' | 'deposit' | 'paper';

export interface RedeemTarget {
  readonly conditionId: string;
  /** Gamma `negRisk`: picks the adapter (docs/redemption.md#r2-abi). */
  readonly negRisk: boolean;
}

/**
 * One attempt, fixed before it is sent and recorded first, so that a later run can look it up
 * and, while it provably never arrived, send exactly the same thing again (same nonce: the chain
 * or the relayer runs it at most once). Never holds a signature or a key.
 */
export type PreparedRedeem =
  | {
      readonly kind: 'tx';
      /** The signed transaction's hash (known before sending). */
      readonly txHash: string;
      readonly nonce: number;
      readonly gasLimit: string;
      readonly maxFeePerGas: string;
      readonly maxPriorityFeePerGas: string;
    }
  | {
      readonly kind: 'relayer';
      /** The relayer's nonce for the wallet (docs/redemption.md#r7-endpoints). */
      readonly nonce: string;
      /** Deposit-wallet batches only: unix seconds (docs/redemption.md#r6-signing). */
      readonly deadline: number | null;
      /** Proxy wallets only: the relay address the relayer named with the nonce (signed; docs/redemption.md#r6-proxy). */
      readonly relay?: string;
      /** Proxy wallets only: the signed gas limit, decimal (docs/redemption.md#r6-proxy). */
      readonly gasLimit?: string;
    }
  | { readonly kind: 'paper' };

/** What the chain or the relayer says of one attempt. */
export type AttemptState =
  | {
      readonly state: 'confirmed';
      readonly txHash: string | null;
      /** Collateral minted to the holder by this transaction (0 is possible: docs/redemption.md#r5). */
      readonly paidMicros: Micros;
      /** Gas the holder paid, in wei of POL, decimal ('0' through the relayer). */
      readonly gasCostWei: string;
    }
  | { readonly state: 'pending'; readonly relayerId: string | null; readonly detail: string }
  | {
      readonly state: 'failed';
      readonly cause: string;
      readonly txHash: string | null;
      readonly gasCostWei: string;
    }
  /** Provably never reached the chain or the relayer: the same prepared attempt may be sent. */
  | { readonly state: 'not-sent' }
  /** Cannot be told: left to the operator, never re-sent. */
  | { readonly state: 'unknown'; readonly detail: string };

/**
 * Why a redeem was not sent. `retryable`: may succeed later (not resolved on chain yet, gas above
 * the bound, too little POL, relayer busy); the engine waits with backoff. Causes never carry a
 * key, a relayer key or a signature.
 */
export class RedeemBlocked extends Error {
  constructor(
    message: string,
    readonly reason: 'not-resolved' | 'gas-price' | 'gas-balance' | 'refused' | 'unavailable' | 'config',
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'RedeemBlocked';
  }
}

export interface Redeemer {
  readonly walletKind: WalletKind;
  /** The address holding the outcome tokens and the collateral (docs/redemption.md#r6). */
  readonly holder: string;
  /** Gamma `negRisk` of the condition's market. */
  negRiskOf(conditionId: string): Promise<boolean>;
  /** CTF `payoutDenominator(condition) > 0` (docs/redemption.md#r4-onchain). */
  resolvedOnChain(conditionId: string): Promise<boolean>;
  /** The holder's collateral (pUSD) balance. */
  collateralMicros(): Promise<Micros>;
  /** Checks what could stop a send (gas price and balance, approval) and fixes the attempt; sends nothing. Throws RedeemBlocked. */
  prepare(target: RedeemTarget): Promise<PreparedRedeem>;
  /** Sends the prepared attempt; the relayer's transaction id where there is one. Throws RedeemBlocked or a VenueError. */
  send(target: RedeemTarget, prepared: PreparedRedeem): Promise<{ readonly relayerId: string | null }>;
  /** What became of an attempt: by receipt and nonce (EOA) or by the relayer's own record. */
  lookup(target: RedeemTarget, prepared: PreparedRedeem, relayerId: string | null): Promise<AttemptState>;
  /** Optional: what the wallet kind needs, for preflight (docs/deploy.md#redemption). Never throws. */
  preflightChecks?(): Promise<PreflightCheck[]>;
}

export type RedemptionStatus = 'pending' | 'submitting' | 'submitted' | 'confirmed' | 'attention';

export interface RedemptionCause {
  readonly atMs: number;
  readonly attempt: number;
  readonly cause: string;
}

/** One redemption: a condition held by one wallet, redeemed once (docs/redemption.md#in-polymix). */
export interface RedemptionRecord {
  readonly mode: TradingMode;
  readonly holder: string;
  readonly walletKind: WalletKind;
  readonly conditionId: string;
  readonly negRisk: boolean | null;
  /** Bet id → what its Polymarket legs on this condition were paid at settlement. */
  readonly bets: Readonly<Record<string, Micros>>;
  readonly status: RedemptionStatus;
  /** Attempts prepared so far (each one its own nonce). */
  readonly attempt: number;
  /** Failures and waits so far: the backoff grows with it. */
  readonly tries: number;
  readonly nextAttemptAtMs: number;
  readonly prepared: PreparedRedeem | null;
  readonly relayerId: string | null;
  readonly txHash: string | null;
  readonly collateralBeforeMicros: Micros | null;
  readonly collateralAfterMicros: Micros | null;
  readonly paidMicros: Micros | null;
  /** POL gas over every attempt (reverted ones too), wei, decimal. */
  readonly gasCostWei: string;
  /** The latest causes, newest last (at most 10). */
  readonly causes: readonly RedemptionCause[];
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly confirmedAtMs: number | null;
}

export interface RedemptionNote {
  readonly mode: TradingMode;
  readonly holder: string;
  readonly walletKind: WalletKind;
  readonly conditionId: string;
  readonly betId: string;
  readonly expectedMicros: Micros;
  readonly nowMs: number;
}

export type RedemptionPatch = Partial<
  Pick<
    RedemptionRecord,
    | 'negRisk'
    | 'status'
    | 'attempt'
    | 'tries'
    | 'nextAttemptAtMs'
    | 'prepared'
    | 'relayerId'
    | 'txHash'
    | 'collateralBeforeMicros'
    | 'collateralAfterMicros'
    | 'paidMicros'
    | 'gasCostWei'
    | 'causes'
    | 'confirmedAtMs'
  >
>;

/** The store side (lib/store/redemptions.ts): every change one conditional write. */
export interface RedemptionStore {
  /** Writes the redemption's intent (conditional put) or adds the bet to it; returns the item. */
  noteRedemption(note: RedemptionNote): Promise<RedemptionRecord>;
  getRedemption(mode: TradingMode, holder: string, conditionId: string): Promise<RedemptionRecord | null>;
  /** Not confirmed yet (pending, submitting, submitted), oldest first; attention ones are not included. */
  listOpenRedemptions(mode: TradingMode): Promise<RedemptionRecord[]>;
  /** Every redemption of a mode, newest first (at most `limit`). */
  listRedemptions(mode: TradingMode, limit: number): Promise<RedemptionRecord[]>;
  /**
   * Applies `patch` only if the item is still in `from` (status and attempt); null when another
   * run moved it first.
   */
  advanceRedemption(
    current: Pick<RedemptionRecord, 'mode' | 'holder' | 'conditionId' | 'status' | 'attempt' | 'updatedAtMs'>,
    patch: RedemptionPatch,
    nowMs: number,
  ): Promise<RedemptionRecord | null>;
}

export interface RedemptionPolicy {
  /** First wait after a failure; doubled per failure up to `backoffMaxMs`. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** Failed attempts (sent and proven failed, or refused) before the operator is asked to look. */
  readonly maxAttempts: number;
  /** A sent attempt still pending after this long is sent again (the same attempt: harmless). */
  readonly rebroadcastAfterMs: number;
  /**
   * A relayer transaction still not final (unlisted, or NEW/EXECUTED/MINED) this long after it
   * was submitted is left to the operator: one alert, nothing more sent for it
   * (`POLYMIX_REDEEM_STUCK_MINUTES`, docs/deploy.md#redemption).
   */
  readonly relayerStuckAfterMs: number;
}

export const DEFAULT_REDEMPTION_POLICY: RedemptionPolicy = {
  backoffBaseMs: 60_000,
  backoffMaxMs: 3_600_000,
  maxAttempts: 8,
  rebroadcastAfterMs: 600_000,
  relayerStuckAfterMs: 30 * 60_000,
};

/** What the engine is handed to redeem (EngineDeps.redemption); unset: nothing is redeemed. */
export interface RedemptionDeps {
  readonly redeemer: Redeemer;
  readonly store: RedemptionStore;
  readonly policy?: Partial<RedemptionPolicy>;
}
