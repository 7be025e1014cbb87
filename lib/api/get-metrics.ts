/**
 * `GET /trading/metrics` — win rate, ROI, daily P&L, max drawdown and locked capital, computed
 * by lib/core/metrics.ts over the mode's bets (definitions there). Bets are read page by page
 * up to MAX_METRIC_BETS; beyond that the answer says `complete: false` rather than pretend.
 */

import type { BetRecord } from '../core/bet';
import { computeMetrics } from '../core/metrics';
import { betForMetrics } from './bet-view';
import type { ApiDeps } from './deps';
import { isoOrNull, money } from './money-json';
import { type ApiRequest, parseQuery } from './request';

export const MAX_METRIC_BETS = 10_000;
const PAGE = 100;

export async function getMetrics(deps: ApiDeps, req: ApiRequest) {
  parseQuery(req, {});
  const { mode } = deps.engine;
  const bets: BetRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.store.listBets(mode, { limit: PAGE, cursor });
    bets.push(...page.bets);
    cursor = page.nextCursor;
  } while (cursor !== null && bets.length < MAX_METRIC_BETS);
  const account = await deps.store.getAccount(mode);
  const initial = account?.initialBalanceMicros ?? deps.initialBalanceMicros;
  const m = computeMetrics(bets.map(betForMetrics), initial);
  const dd = m.maxDrawdown;

  return {
    mode,
    complete: cursor === null,
    bets_counted: bets.length,
    total_trades: m.totalTrades,
    open_trades: m.openTrades,
    closed_trades: m.closedTrades,
    wins: m.wins,
    losses: m.losses,
    flat: m.flat,
    win_rate: m.winRate,
    average_roi: m.averageRoi,
    aggregate_roi: m.aggregateRoi,
    ...money('total_realised_pnl', m.totalRealizedPnlMicros),
    ...money('realised_equity', m.realizedEquityMicros),
    ...money('locked_capital', m.lockedCapitalMicros),
    ...money('expected_open_profit', m.expectedOpenProfitMicros),
    daily_pnl: m.dailyPnl.map((d) => ({ day: d.day, ...money('pnl', d.pnlMicros), closed_trades: d.closedTrades })),
    max_drawdown: {
      ...money('amount', dd.micros),
      ratio: dd.ratio,
      ...money('peak', dd.peakMicros),
      ...money('trough', dd.troughMicros),
      peak_at: isoOrNull(dd.peakAtMs),
      trough_at: isoOrNull(dd.troughAtMs),
    },
  };
}
