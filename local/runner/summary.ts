/**
 * The compact periodic summary, and the final state `--once` prints. Both read the account
 * through the API's own `GET /trading/state` code (lib/api/get-state.ts), so what the console says
 * is exactly what `curl …/api/trading/state` says.
 */

import type { ApiDeps } from '../../lib/api';
import { getState } from '../../lib/api/get-state';
import { displayUsd } from '../../lib/core/money';
import type { Tally } from './cycles';

type StateJson = Awaited<ReturnType<typeof getState>>;

const request = (query: Record<string, string | undefined>) => ({
  method: 'GET',
  path: '/trading/state',
  query,
  headers: {},
  body: null,
});

function signed(micros: number): string {
  return micros > 0 ? `+${displayUsd(micros)}` : displayUsd(micros);
}

/** One line: balance, realised P&L, open bets and their locked cost, today's counters, run tallies. */
export async function summaryLine(api: ApiDeps, tally: Tally): Promise<string> {
  const s = await getState(api, request({ limit: '1' }));
  return [
    `── balance ${displayUsd(s.balance_micros)}`,
    `realised ${signed(s.total_profit_micros)}`,
    `open ${s.open_bets} (${displayUsd(s.reserved_micros)} locked, est. ${signed(s.estimated_profit_micros)})`,
    `trades today ${s.daily_trades}/${s.max_daily_trades}`,
    `scans ${tally.scans}`,
    `traded ${tally.traded}`,
    `settled ${tally.settled}`,
    `errors ${tally.errors}`,
    ...(s.halted ? [`HALTED (${s.halt_reason ?? 'no reason'})`] : []),
  ].join(' · ');
}

/**
 * The whole state as the API gives it, with EVERY bet (pages joined), for `--once`: the
 * seed's keys (`balance`, `initial_balance`, `total_profit`, `estimated_profit`,
 * `total_trades`, `daily_loss`, `daily_trades`, `mode`, `bets`) plus the API's exact `_micros`
 * twins and status fields.
 */
export async function fullState(api: ApiDeps): Promise<Omit<StateJson, 'next_cursor'>> {
  const first = await getState(api, request({ limit: '100' }));
  const bets = [...first.bets];
  let cursor = first.next_cursor;
  while (cursor !== null) {
    const page = await getState(api, request({ limit: '100', cursor }));
    bets.push(...page.bets);
    cursor = page.next_cursor;
  }
  const { next_cursor: _drop, ...rest } = first;
  return { ...rest, bets };
}
