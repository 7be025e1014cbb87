/**
 * What each command prints as a table. The API's answers are read loosely (the JSON is shown
 * as the server sent it; a field that is missing prints as "-"); money is the API's exact
 * decimal string, shown to the cent with `$`, never recomputed from a float.
 */
import type { Command } from './args';
import { fields, table } from './table';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string => (v === null || v === undefined ? '-' : String(v));

/** "12.345678" → "$12.34" (truncated toward zero; the exact figure is in --json). */
export function usd(v: unknown): string {
  if (typeof v !== 'string' || !/^-?\d+(\.\d+)?$/.test(v)) return '-';
  const negative = v.startsWith('-');
  const [whole, frac = ''] = v.replace('-', '').split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative && /[1-9]/.test(whole! + frac.slice(0, 2)) ? '-' : ''}$${grouped}.${frac.padEnd(2, '0').slice(0, 2)}`;
}

function pct(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(2)}%` : '-';
}

function time(v: unknown): string {
  return typeof v === 'string' ? v.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z') : '-';
}

function renderState(s: Json): string {
  const head = fields([
    ['mode', `${text(s.mode)}${s.halted === true ? `  HALTED: ${text(s.halt_reason)}` : ''}`],
    ['balance', usd(s.balance)],
    ['initial balance', usd(s.initial_balance)],
    ['realised profit', usd(s.total_profit)],
    ['estimated profit (open)', usd(s.estimated_profit)],
    ['locked in open bets', usd(s.reserved)],
    ['open bets', text(s.open_bets)],
    ['total trades', text(s.total_trades)],
    [
      'today',
      `${text(s.daily_trades)}/${text(s.max_daily_trades)} trades, loss ${usd(s.daily_loss)} of ${usd(s.daily_loss_limit)}`,
    ],
    ['as of', time(s.as_of)],
  ]);
  const bets = list(s.bets).map((b) => [
    time(b.created_at),
    text(b.title),
    text(b.status),
    usd(b.cost),
    usd(b.expected_profit),
    b.realised_profit === null ? '-' : usd(b.realised_profit),
  ]);
  return `${head}\n\nbets (newest first)\n${table(['created', 'game', 'status', 'cost', 'expected', 'realised'], bets, new Set([3, 4, 5]))}`;
}

/** ppm → "3.63%" (an integer from the API, shown to two decimals; "-" when absent). */
export function ppmPct(v: unknown): string {
  return typeof v === 'number' && Number.isSafeInteger(v) ? `${(v / 10_000).toFixed(2)}%` : '-';
}

/** docs/capital.md: one row per venue, then the return on locked capital. */
function renderCapital(m: Json): string {
  const c = obj(m.capital);
  const r = obj(m.return_on_locked_capital);
  const rows = list(c.venues).map((v) => [
    text(v.venue),
    v.cash === null ? '-' : usd(v.cash),
    usd(v.locked),
    usd(v.won_not_redeemed),
    `${text(v.runway_trades)}${v.runway_low === true ? ' LOW' : ''}`,
  ]);
  const unsplit = list(c.venues).reduce(
    (n, v) => n + (typeof v.unsplit_settled_bets === 'number' ? v.unsplit_settled_bets : 0),
    0,
  );
  const notes = [
    `runway = trades the cash funds at ${usd(c.per_trade_spend)} a trade; alert below ${text(c.runway_alert_trades)}`,
    ...(c.cash_source === 'ledger' ? ['paper: cash is the ledger balance, shared by both venues'] : []),
    ...(c.cash_available === false ? [`cash unknown: ${text(c.cash_problem)}`] : []),
    ...(unsplit > 0 ? [`${unsplit} settled bet(s) without a per-leg payout are not in "won, not redeemed"`] : []),
  ];
  const rolc = fields([
    [
      'return on locked capital',
      `${ppmPct(r.per_day_ppm)} a day, ${ppmPct(r.per_year_ppm)} a year (simple) over ${text(r.bets)} bet(s)`,
    ],
  ]);
  return `capital per venue\n${table(['venue', 'cash', 'locked', 'won, not redeemed', 'runway'], rows, new Set([1, 2, 3, 4]))}\n${notes.join('\n')}\n\n${rolc}`;
}

function renderMetrics(m: Json): string {
  const dd = obj(m.max_drawdown);
  const head = fields([
    ['mode', text(m.mode)],
    ['trades', `${text(m.total_trades)} (${text(m.open_trades)} open, ${text(m.closed_trades)} closed)`],
    ['wins / losses / flat', `${text(m.wins)} / ${text(m.losses)} / ${text(m.flat)}`],
    ['win rate', pct(m.win_rate)],
    ['average ROI', pct(m.average_roi)],
    ['aggregate ROI', pct(m.aggregate_roi)],
    ['realised P&L', usd(m.total_realised_pnl)],
    ['locked capital', usd(m.locked_capital)],
    ['expected open profit', usd(m.expected_open_profit)],
    ['max drawdown', `${usd(dd.amount)} (${pct(dd.ratio)})`],
    ...(m.complete === false ? [['note', `counted the newest ${text(m.bets_counted)} bets only`] as const] : []),
  ]);
  const days = list(m.daily_pnl).map((d) => [text(d.day), usd(d.pnl), text(d.closed_trades)]);
  const capital = m.capital === undefined ? '' : `\n\n${renderCapital(m)}`;
  return `${head}${capital}\n\ndaily P&L\n${table(['day', 'P&L', 'closed'], days, new Set([1, 2]))}`;
}

function renderPositions(p: Json): string {
  const rows = list(p.ledger).map((l) => [
    text(l.venue),
    text(l.instrument),
    text(l.held),
    Array.isArray(l.bets) ? String(l.bets.length) : '-',
  ]);
  const venue = obj(p.venue);
  const drift =
    venue.available === true
      ? venue.in_sync === true
        ? 'venues agree with the ledger'
        : table(
            ['instrument', 'ledger', 'venue'],
            list(venue.drift).map((d) => [text(d.instrument), text(d.ledger), text(d.venue)]),
          )
      : `venue side: ${text(venue.reason)}`;
  return `${table(['venue', 'instrument', 'shares', 'bets'], rows, new Set([2, 3]))}\n\n${drift}`;
}

function renderErrors(e: Json): string {
  return table(
    ['time', 'source', 'venue', 'message'],
    list(e.errors).map((x) => [time(x.at), text(x.source), text(x.venue), text(x.message)]),
  );
}

function renderMode(m: Json): string {
  const r = obj(m.rule_policy);
  return fields([
    ['mode', `${text(m.mode)}  ${text(m.banner)}`],
    ['why', text(m.reason)],
    ['rule policy', text(r.note)],
  ]);
}

function renderControl(command: Command, r: Json): string {
  if (command === 'halt')
    return `🛑 halted (${text(r.mode)}): ${text(r.reason)}; ${text(r.cancelled_orders)} resting order(s) cancelled`;
  if (command === 'resume') return `▶ trading resumed (${text(r.mode)})`;
  // The API has named the count `archived_bets` or `deleted_bets`; show whichever it sent.
  const [count, what] = r.archived_bets !== undefined ? [r.archived_bets, 'archived'] : [r.deleted_bets, 'removed'];
  return `paper account reset: ${text(count)} bet(s) ${what}, balance ${usd(r.balance)}${r.halted === true ? ' (still halted)' : ''}`;
}

/** The settled bet (POST /trading/bets/{id}/settle answers the bet as the state route shows it). */
function renderSettled(b: Json): string {
  const head = fields([
    ['bet', `${text(b.id)}  ${text(b.title)}`],
    ['status', text(b.status)],
    ['realised profit', `${usd(b.realised_profit)} (exact: ${text(b.realised_profit)})`],
    ['cost', usd(b.cost)],
    ['note', text(b.note)],
    ['closed', time(b.closed_at)],
  ]);
  const legs = list(b.legs).map((l) => [text(l.venue), text(l.instrument), text(l.held)]);
  return `${head}\n\n${table(['venue', 'instrument', 'held'], legs, new Set([2]))}`;
}

export function render(command: Command, body: unknown): string {
  const b = obj(body);
  switch (command) {
    case 'state':
      return renderState(b);
    case 'metrics':
      return renderMetrics(b);
    case 'positions':
      return renderPositions(b);
    case 'errors':
      return renderErrors(b);
    case 'mode':
      return renderMode(b);
    case 'settle-by-hand':
      return renderSettled(b);
    default:
      return renderControl(command, b);
  }
}
