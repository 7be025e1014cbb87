/**
 * Market resolution (docs/venues-polymarket.md#p6). The CLOB market's `tokens[].winner` is the authority for a
 * winner; Gamma tells whether the market is closed, whether the UMA process is disputed, and,
 * for a 50-50 resolution (no winner), the final `outcomePrices` ["0.5","0.5"].
 */
import type { Resolution } from '../../core/market';
import { instrumentKey } from '../../core/market';
import { PAYOUT_MICROS } from '../../core/money';
import type { MarketInfo } from './games';
import { ParseFailure, scaledFrom } from './parse';
import type { ClobMarket, GammaMarket } from './schemas';

const FINAL_UMA = new Set(['resolved', 'settled']);

function payouts(info: MarketInfo, perOutcome: readonly [number, number]): Record<string, number> {
  const out: Record<string, number> = {};
  info.tokenIds.forEach((tokenId, i) => {
    out[instrumentKey({ venue: 'polymarket', conditionId: info.conditionId, tokenId })] = perOutcome[i] ?? 0;
  });
  return out;
}

/** Needs the CLOB market only once Gamma says the market is closed. */
export function resolutionOf(gamma: GammaMarket, info: MarketInfo, clob: ClobMarket | null): Resolution {
  const uma = (gamma.umaResolutionStatus ?? '').toLowerCase();
  if (uma === 'disputed') return { state: 'disputed', detail: 'UMA resolution disputed' };
  if (gamma.closed !== true || !clob) return { state: 'unresolved' };
  if (clob.condition_id.toLowerCase() !== info.conditionId.toLowerCase()) {
    throw new ParseFailure(`CLOB market ${clob.condition_id} is not ${info.conditionId}`);
  }
  const winners = clob.tokens.filter((t) => t.winner);
  if (winners.length > 1) throw new ParseFailure('more than one winning token');
  const winner = winners[0];
  if (winner) {
    // Match by outcome name: v2 markets trade positionIds, which need not equal the CLOB token ids.
    const index = info.outcomeNames.findIndex((n) => n === winner.outcome);
    const byToken = info.tokenIds.findIndex((t) => t === winner.token_id);
    const i = byToken >= 0 ? byToken : index;
    if (i < 0) throw new ParseFailure(`winning outcome ${winner.outcome} is not one of the market's outcomes`);
    return {
      state: 'final',
      kind: 'won',
      payoutMicros: payouts(info, i === 0 ? [PAYOUT_MICROS, 0] : [0, PAYOUT_MICROS]),
    };
  }
  // No winner: a final 50-50 shows as outcomePrices 0.5/0.5 once UMA has resolved.
  const prices = gamma.outcomePrices;
  if (FINAL_UMA.has(uma) && prices && prices.length === 2) {
    const micros = prices.map((p) => scaledFrom(p, 6, 'reject'));
    if (micros[0] === PAYOUT_MICROS / 2 && micros[1] === PAYOUT_MICROS / 2) {
      return { state: 'final', kind: 'split', payoutMicros: payouts(info, [PAYOUT_MICROS / 2, PAYOUT_MICROS / 2]) };
    }
  }
  // Closed but no authoritative outcome yet (proposal window, or prices say 1/0 before the
  // CLOB flags a winner): wait rather than guess.
  return { state: 'unresolved' };
}
