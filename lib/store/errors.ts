/**
 * Typed store errors: the engine decides by type (never by message text). Refused admissions are NOT
 * errors: they come back as an `AdmissionResult` value.
 */

import type { BetStatus } from '../core/bet';
import type { TradingMode } from '../core/mode';

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class AccountNotFound extends StoreError {
  constructor(readonly mode: TradingMode) {
    super(`No ${mode} account: call ensureAccount first`);
  }
}

export class BetNotFound extends StoreError {
  constructor(readonly betId: string) {
    super(`No bet ${betId}`);
  }
}

/** The lifecycle table does not allow `from → to` at all. Nothing was written. */
export class IllegalTransition extends StoreError {
  constructor(
    readonly betId: string,
    readonly from: BetStatus,
    readonly to: BetStatus,
  ) {
    super(`Bet ${betId}: ${from} → ${to} is not an allowed transition`);
  }
}

/** The bet was not in the status (or version) the caller expected: someone else moved it first. */
export class BetStatusConflict extends StoreError {
  constructor(
    readonly betId: string,
    readonly expected: BetStatus,
    readonly actual: BetStatus,
  ) {
    super(`Bet ${betId} is ${actual}, expected ${expected}`);
  }
}

/** A stored item does not have the shape this code writes (corruption or an old format). */
export class CorruptItem extends StoreError {
  constructor(what: string, detail: string) {
    super(`Stored ${what} is malformed: ${detail}`);
  }
}
