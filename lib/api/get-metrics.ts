/**
 * `GET /trading/metrics` — win rate, ROI, daily P&L, max drawdown and locked capital, computed
 * by lib/core/metrics.ts over the mode's bets (definitions there); cash, locked capital,
 * won-not-redeemed and runway per venue, and the return on locked capital, by lib/core/capital.ts
 * (docs/capital.md). Bets are read page by page up to MAX_METRIC_BETS; beyond that the answer
 * says `complete: false` rather than pretend.
 */

import type { BetRecord } from '../core/bet';
import {
  type LockedCapitalBet,
  lockedCapitalOf,
  MIN_LOCKED_MS,
  returnOnLockedCapital,
  venueCapital,
} from '../core/capital';
import { PAIR_VENUES } from '../core/market';
import { computeMetrics } from '../core/metrics';
import { perTradeOf, reportedCash } from '../engine';
import { betForMetrics } from './bet-view';
import type { ApiDeps } from './deps';
import { isoOrNull, money, moneyOrNull } from './money-json';
import { polOf } from './redemption-view';
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
  const capital = await capitalFigures(deps, bets, account?.balanceMicros ?? initial);

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
    ...capital,
  };
}

/** docs/api.md#capital-per-venue-and-return-on-locked-capital, docs/capital.md. */
async function capitalFigures(deps: ApiDeps, bets: readonly BetRecord[], ledgerBalanceMicros: number) {
  const { engine, state } = deps;
  const cash = await reportedCash(engine, state, ledgerBalanceMicros);
  const perTrade = perTradeOf(engine.config);
  const redemptions = await deps.store.listRedemptions(engine.mode, MAX_METRIC_BETS);
  const confirmed = redemptions.filter((r) => r.status === 'confirmed');
  const venues = venueCapital({
    mode: engine.mode,
    cashMicros: cash?.micros ?? null,
    perTradeMicros: perTrade,
    alertBelowTrades: engine.config.runwayAlertTrades,
    bets,
    redeemedBetIds: new Set(confirmed.flatMap((r) => Object.keys(r.bets))),
  });
  const gasWei = redemptions.reduce((s, r) => s + BigInt(r.gasCostWei), 0n).toString();
  const rolc = returnOnLockedCapital(bets.map(lockedCapitalOf).filter((b): b is LockedCapitalBet => b !== null));
  return {
    capital: {
      cash_source: engine.mode === 'live' ? 'venue' : 'ledger',
      cash_available: cash !== null,
      cash_problem: cash === null ? 'a venue did not answer; the error is in GET /trading/errors' : null,
      ...money('per_trade_spend', perTrade),
      runway_alert_trades: engine.config.runwayAlertTrades,
      venues: PAIR_VENUES.map((venue) => {
        const v = venues[venue];
        return {
          venue,
          ...moneyOrNull('cash', v.cashMicros),
          ...money('locked', v.lockedMicros),
          locked_bets: v.lockedBets,
          ...money('won_not_redeemed', v.wonNotRedeemedMicros),
          won_not_redeemed_bets: v.wonNotRedeemedBets,
          unsplit_settled_bets: v.unsplitSettledBets,
          runway_trades: v.runwayTrades,
          runway_low: v.runwayLow,
        };
      }),
      // docs/redemption.md#in-polymix: Polymarket redemptions; gas in POL, never in a dollar figure.
      redemptions: {
        enabled: engine.redemption !== undefined,
        wallet_kind: engine.redemption?.redeemer.walletKind ?? null,
        confirmed: confirmed.length,
        open: redemptions.filter((r) => r.status !== 'confirmed' && r.status !== 'attention').length,
        attention: redemptions.filter((r) => r.status === 'attention').length,
        ...money(
          'paid',
          confirmed.reduce((s, r) => s + (r.paidMicros ?? 0), 0),
        ),
        gas_cost_wei: gasWei,
        gas_cost_pol: polOf(gasWei),
      },
    },
    return_on_locked_capital: {
      bets: rolc.bets,
      ...money('profit', rolc.profitMicros),
      ...money('capital', rolc.capitalMicros),
      per_day_ppm: rolc.perDayPpm,
      per_year_ppm: rolc.perYearPpm,
      min_locked_ms: MIN_LOCKED_MS,
    },
  };
}
