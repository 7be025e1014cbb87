/**
 * Paper mode's Redeemer (docs/redemption.md#in-polymix): nothing is sent and no chain is read.
 * The ledger already credited the payout at settlement, so a paper redemption goes through the
 * same steps and records (intent, attempt, confirmation) and is confirmed at once, paying what
 * settlement booked (the engine fills that in for the `paper` kind) at no gas.
 */
import type { AttemptState, PreparedRedeem, Redeemer } from '../engine/ports';

/** Paper's holder: no wallet, the zero address. */
export const PAPER_HOLDER = '0x0000000000000000000000000000000000000000';

export class PaperRedeemer implements Redeemer {
  readonly walletKind = 'paper' as const;
  readonly holder = PAPER_HOLDER;

  async negRiskOf(): Promise<boolean> {
    return false;
  }

  async resolvedOnChain(): Promise<boolean> {
    return true;
  }

  async collateralMicros(): Promise<number> {
    return 0;
  }

  async prepare(): Promise<PreparedRedeem> {
    return { kind: 'paper' };
  }

  async send(): Promise<{ readonly relayerId: string | null }> {
    return { relayerId: null };
  }

  async lookup(): Promise<AttemptState> {
    return { state: 'confirmed', txHash: null, paidMicros: 0, gasCostWei: '0' };
  }
}
