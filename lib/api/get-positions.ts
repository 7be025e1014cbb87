/**
 * `GET /trading/positions` — what the ledger says we hold (shares filled minus unwound, over
 * the bets not finished yet) against what the venues say, via the engine's `positionDrift`.
 * In paper mode there is nothing to compare with: fills are simulated in the memory of
 * whichever container ran the scan, so the venue side is reported unavailable, not invented.
 */

import { isTerminal } from '../core/bet';
import { instrumentKey, type VenueName } from '../core/market';
import { positionDrift } from '../engine';
import { heldCenti } from '../engine/legs';
import type { ApiDeps } from './deps';
import { shares } from './money-json';
import { type ApiRequest, parseQuery } from './request';

interface LedgerPosition {
  venue: VenueName;
  heldCenti: number;
  bets: string[];
}

export async function getPositions(deps: ApiDeps, req: ApiRequest) {
  parseQuery(req, {});
  const { mode } = deps.engine;
  const ledger = new Map<string, LedgerPosition>();
  for (const bet of await deps.store.listActiveBets(mode)) {
    if (isTerminal(bet.status)) continue;
    bet.legs.forEach((leg, i) => {
      const held = heldCenti(bet, i);
      if (held === 0) return;
      const key = instrumentKey(leg.instrument);
      const entry = ledger.get(key) ?? { venue: leg.venue, heldCenti: 0, bets: [] };
      entry.heldCenti += held;
      if (!entry.bets.includes(bet.id)) entry.bets.push(bet.id);
      ledger.set(key, entry);
    });
  }

  let venue;
  if (mode === 'paper') {
    venue = {
      available: false,
      reason: 'paper mode: fills are simulated, there are no venue positions to compare',
      drift: null,
    };
  } else {
    const drift = await positionDrift(deps.engine);
    venue =
      drift === null
        ? { available: false, reason: 'a venue did not answer; the error is in GET /trading/errors', drift: null }
        : {
            available: true,
            in_sync: drift.length === 0,
            drift: drift.map((d) => ({
              instrument: d.instrument,
              ...shares('ledger', d.expectedCenti),
              ...shares('venue', d.venueCenti),
            })),
          };
  }

  return {
    mode,
    ledger: [...ledger.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([instrument, p]) => ({ instrument, venue: p.venue, ...shares('held', p.heldCenti), bets: p.bets })),
    venue,
  };
}
