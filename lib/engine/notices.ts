/**
 * Notifications through the Notifier port with the texts of ./messages.ts. A failed
 * notification is logged, never thrown: it must not undo or interrupt a trade's bookkeeping.
 */

import type { BetRecord } from '../core/bet';
import type { VenueName } from '../core/market';
import type { Micros } from '../core/money';
import type { EngineDeps } from './deps';
import {
  haltMessage,
  legFailureMessage,
  lowRunwayMessage,
  newArbMessage,
  settlementMessage,
  unwindMessage,
} from './messages';
import type { Notification } from './ports';

async function send(deps: EngineDeps, n: Notification): Promise<void> {
  try {
    await deps.notifier.notify(n);
  } catch (err) {
    deps.logger.error(`notification failed: ${err instanceof Error ? err.name : 'error'}`);
  }
}

export function legName(bet: BetRecord, legIndex: number): string {
  const leg = bet.legs[legIndex];
  if (!leg) return `leg ${legIndex}`;
  const i = leg.instrument;
  switch (i.venue) {
    case 'kalshi':
      return `Kalshi ${i.ticker} ${i.side.toUpperCase()}`;
    case 'polymarket':
      return `Polymarket ${bet.teams[legIndex] ?? i.tokenId}`;
    case 'polymarket-us':
      return `Polymarket US ${bet.teams[legIndex] ?? `${i.marketSlug} ${i.side}`}`;
  }
}

export function notifyNewArb(
  deps: EngineDeps,
  bet: BetRecord,
  a: { profitMicros: Micros; roiPpm: number; costMicros: Micros },
): Promise<void> {
  return send(
    deps,
    newArbMessage({
      mode: deps.mode,
      title: bet.title,
      league: bet.league ?? '',
      type: bet.legs.map((_, i) => legName(bet, i)).join(' + '),
      expectedProfitMicros: a.profitMicros,
      roiPpm: a.roiPpm,
      costMicros: a.costMicros,
      atMs: deps.clock.now(),
    }),
  );
}

export function notifyLegFailure(deps: EngineDeps, bet: BetRecord, legIndex: number, reason: string): Promise<void> {
  return send(
    deps,
    legFailureMessage({
      mode: deps.mode,
      title: bet.title,
      leg: legName(bet, legIndex),
      reason,
      atMs: deps.clock.now(),
    }),
  );
}

export function notifyUnwind(
  deps: EngineDeps,
  bet: BetRecord,
  realizedLossMicros: Micros,
  complete: boolean,
): Promise<void> {
  return send(
    deps,
    unwindMessage({ mode: deps.mode, title: bet.title, realizedLossMicros, complete, atMs: deps.clock.now() }),
  );
}

export function notifySettlement(deps: EngineDeps, bet: BetRecord, pnlMicros: Micros, outcome: string): Promise<void> {
  return send(
    deps,
    settlementMessage({ mode: deps.mode, title: bet.title, pnlMicros, outcome, atMs: deps.clock.now() }),
  );
}

export function notifyHalt(deps: EngineDeps, reason: string): Promise<void> {
  return send(deps, haltMessage({ mode: deps.mode, reason, atMs: deps.clock.now() }));
}

export function notifyAlert(deps: EngineDeps, subject: string, text: string): Promise<void> {
  const tag = deps.mode === 'live' ? '🔴 LIVE' : '📄 PAPER';
  return send(deps, { subject: `${tag} 🚨 ${subject}`, text: `${tag} 🚨 ${subject}\n${text}`, severity: 'critical' });
}

/** Once per UTC day per venue (./capital.ts decides when). */
export function notifyLowRunway(
  deps: EngineDeps,
  a: {
    venue: VenueName;
    cashMicros: Micros;
    runwayTrades: number;
    perTradeMicros: Micros;
    alertBelowTrades: number;
    source: 'venue' | 'ledger';
  },
): Promise<void> {
  return send(deps, lowRunwayMessage({ mode: deps.mode, ...a, atMs: deps.clock.now() }));
}
