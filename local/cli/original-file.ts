/**
 * The original PolyMix's data file (`real_trading_data.json`, docs/migrating.md#importing-the-data-file):
 * its zod schema, and the import plan computed from it before anything is written.
 *
 * Amounts in the file are JSON numbers in dollars, written by Python's float repr, which is the
 * shortest decimal that reads back as the same float; JavaScript's `String(number)` gives that
 * same decimal. Each amount is read from that decimal text and rounded to the micro-dollar
 * (half away from zero) with integer arithmetic: no float product ever becomes money.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TradingMode } from '../../lib/core/mode';
import { displayUsd, type Micros } from '../../lib/core/money';
import { utcDay } from '../../lib/core/time';
import { cleanText, type ImportedBet, type ImportPlan } from '../../lib/store';

/** A JSON number of dollars → exact micros, rounded half away from zero. Throws RangeError. */
export function dollarsToMicros(x: number): Micros {
  if (!Number.isFinite(x)) throw new RangeError('not a finite number');
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new RangeError('not a decimal number');
  const [, sign, whole = '', frac = '', exp = '0'] = m;
  // digits × 10^(e − frac length) dollars = digits × 10^(e − frac length + 6) micros
  const digits = BigInt(whole + frac);
  const shift = Number(exp) - frac.length + 6;
  let micros: bigint;
  if (shift >= 0) micros = digits * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    micros = (digits + d / 2n) / d; // half away from zero (digits is the magnitude)
  }
  if (micros > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('too large');
  const n = Number(micros);
  return sign === '-' && n !== 0 ? -n : n;
}

const MAX_DOLLARS = 1e12;
const dollars = z
  .number()
  .refine(Number.isFinite, 'must be a finite number')
  .refine((x) => Math.abs(x) <= MAX_DOLLARS, 'must be at most 1e12 dollars');
const nonNegative = dollars.refine((x) => x >= 0, 'must not be negative');

/** `2024-01-15T14:30:00` (no zone: read as UTC), with optional fraction and zone. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function timestampMs(raw: string): number | null {
  const m = TIMESTAMP.exec(raw);
  if (!m) return null;
  const zone = m[8] ?? 'Z';
  const frac = (m[7] ?? '').slice(0, 4); // at most milliseconds
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}${m[6] ? m[6].slice(0, 3) : ':00'}${frac}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || ms < Date.UTC(2000, 0, 1) ? null : ms;
}

const orderId = z
  .union([z.string().max(200), z.number()])
  .nullable()
  .transform((v) => (v === null ? null : String(v)));

const betSchema = z
  .object({
    id: z.string().min(1, 'must not be empty').max(200),
    game: z.string().min(1, 'must not be empty').max(500),
    sport: z.string().min(1, 'must not be empty').max(50),
    timestamp: z.string().refine((t) => timestampMs(t) !== null, 'must be a date-time like 2024-01-15T14:30:00'),
    status: z.enum(['pending', 'settled'], 'must be "pending" or "settled"'),
    legs: z.array(z.unknown()).max(50),
    order_ids: z.record(z.string().max(50), orderId).optional(),
    cost: nonNegative,
    profit: dollars,
  })
  .catchall(z.unknown());

/** The file as the original PolyMix's setup guide documents it; other top-level keys are ignored. */
export const originalFileSchema = z
  .object({
    balance: nonNegative,
    initial_balance: dollars.refine((x) => x > 0, 'must be above 0'),
    bets: z.array(betSchema).max(100_000),
    daily_trades: z.array(z.unknown()).optional(),
    daily_loss: nonNegative.optional(),
    errors: z.array(z.unknown()).max(10_000).optional(),
  })
  .catchall(z.unknown());

export interface FileProblem {
  readonly path: string;
  readonly reason: string;
}

export interface PlanNotes {
  readonly ignoredKeys: readonly string[];
  readonly originalDailyTrades: number | null;
  readonly dailyLossDay: string | null;
  readonly dailyLossMicros: Micros;
  /** initial − Σ pending cost + Σ settled profit − balance (0 when the file adds up). */
  readonly balanceGapMicros: Micros;
}

const MAX_PROBLEMS = 10;
const MAX_LEGS_JSON = 20_000;

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? String(p) : `${s}.${String(p)}`),
    '',
  );
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = json;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The key of an imported bet: the original's ids name a game, so the timestamp is part of it. */
export function importedBetKey(originalId: string, timestamp: string): string {
  return createHash('sha256').update(`${originalId}\n${timestamp}`).digest('hex').slice(0, 24);
}

/** Reads the file's text into a plan, or lists (at most 10) problems; nothing else happens. */
export function planImport(
  text: string,
  mode: TradingMode,
): { plan: ImportPlan; notes: PlanNotes } | { problems: FileProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text; a truncated file ends here.
    return { problems: [{ path: '(file)', reason: 'not valid JSON (a truncated or partial file?)' }] };
  }
  const parsed = originalFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.slice(0, MAX_PROBLEMS).map((i) => ({
        path: pathText(i.path) || '(file)',
        reason: i.code === 'invalid_type' && valueAt(json, i.path) === undefined ? 'missing' : i.message,
      })),
    };
  }
  const file = parsed.data;
  const problems: FileProblem[] = [];
  const seen = new Map<string, number>();
  const bets: ImportedBet[] = [];
  file.bets.forEach((b, i) => {
    const key = importedBetKey(b.id, b.timestamp);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      problems.push({ path: `bets[${i}]`, reason: `the same id and timestamp as bets[${earlier}]` });
    seen.set(key, i);
    const { id, game, sport, timestamp, status, legs, order_ids, cost, profit, ...extra } = b;
    const legsJson = JSON.stringify(legs);
    if (legsJson.length > MAX_LEGS_JSON)
      problems.push({ path: `bets[${i}].legs`, reason: `more than ${MAX_LEGS_JSON} characters of JSON` });
    const extraJson = Object.keys(extra).length ? JSON.stringify(extra) : null;
    if (extraJson !== null && extraJson.length > MAX_LEGS_JSON)
      problems.push({ path: `bets[${i}]`, reason: `other fields: more than ${MAX_LEGS_JSON} characters of JSON` });
    bets.push({
      key,
      originalId: id,
      game,
      sport,
      timestamp,
      atMs: timestampMs(timestamp)!,
      status,
      legsJson,
      orderIds: order_ids ?? {},
      costMicros: dollarsToMicros(cost),
      profitMicros: dollarsToMicros(profit),
      extraJson,
    });
  });
  if (problems.length > 0) return { problems: problems.slice(0, MAX_PROBLEMS) };

  // Trades per UTC day from the bets' own timestamps (PolyMix's counter: admitted trades per day);
  // the original's daily loss belongs to its last trading day.
  bets.sort((a, b) => b.atMs - a.atMs || (a.key < b.key ? -1 : 1));
  const days: Record<string, { trades: number; lossMicros: Micros }> = {};
  for (const b of bets) {
    const d = (days[utcDay(b.atMs)] ??= { trades: 0, lossMicros: 0 });
    d.trades += 1;
  }
  const dailyLossMicros = dollarsToMicros(file.daily_loss ?? 0);
  const dailyLossDay = bets.length > 0 ? utcDay(bets[0]!.atMs) : null;
  if (dailyLossDay !== null) days[dailyLossDay]!.lossMicros = dailyLossMicros;

  const balanceMicros = dollarsToMicros(file.balance);
  const initialBalanceMicros = dollarsToMicros(file.initial_balance);
  const pendingCost = bets.filter((b) => b.status === 'pending').reduce((s, b) => s + b.costMicros, 0);
  const settledProfit = bets.filter((b) => b.status === 'settled').reduce((s, b) => s + b.profitMicros, 0);
  const errors = (file.errors ?? []).slice(-100).map((e) => cleanText(JSON.stringify(e) ?? 'null', 1_000));
  const body = { mode, balanceMicros, initialBalanceMicros, days, bets, errors };
  const importId = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return {
    plan: { importId, ...body },
    notes: {
      ignoredKeys: Object.keys(file).filter((k) => !(k in originalFileSchema.shape)),
      originalDailyTrades: file.daily_trades ? file.daily_trades.length : null,
      dailyLossDay,
      dailyLossMicros,
      balanceGapMicros: initialBalanceMicros - pendingCost + settledProfit - balanceMicros,
    },
  };
}

/** What the import will write, for people. */
export function describePlan(plan: ImportPlan, notes: PlanNotes, source: string): string {
  const pending = plan.bets.filter((b) => b.status === 'pending').length;
  const first = plan.bets.at(-1);
  const last = plan.bets[0];
  const dayLines = Object.entries(plan.days)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([day, c]) =>
        `${day}: ${c.trades} trade${c.trades === 1 ? '' : 's'}${c.lossMicros > 0 ? `, loss ${displayUsd(c.lossMicros)}` : ''}`,
    );
  const lines = [
    `Import of ${source} into the ${plan.mode} ledger (import id ${plan.importId.slice(0, 12)}):`,
    `  balance         ${displayUsd(plan.balanceMicros)} (initial ${displayUsd(plan.initialBalanceMicros)})`,
    `  bets            ${plan.bets.length}: ${pending} pending, ${plan.bets.length - pending} settled` +
      (first && last ? ` (${first.timestamp} … ${last.timestamp})` : ''),
    `  daily counters  ${dayLines.length ? dayLines.join('; ') : 'none'} (trades counted per UTC day from the bets' timestamps${notes.originalDailyTrades === null ? '' : `; the file's daily_trades lists ${notes.originalDailyTrades}`})`,
    `  errors          ${plan.errors.length} entr${plan.errors.length === 1 ? 'y' : 'ies'} (kept with the import record; not listed by GET /trading/errors)`,
  ];
  if (notes.dailyLossDay === null && notes.dailyLossMicros > 0)
    lines.push(
      `  note            daily_loss ${displayUsd(notes.dailyLossMicros)} has no trading day in the file: not written`,
    );
  if (notes.ignoredKeys.length) lines.push(`  ignored fields  ${notes.ignoredKeys.join(', ')}`);
  lines.push(
    notes.balanceGapMicros === 0
      ? '  check           balance = initial − pending cost + settled profit: the file adds up'
      : `  check           balance differs from initial − pending cost + settled profit by ${displayUsd(notes.balanceGapMicros)}: imported as the file says`,
  );
  if (pending > 0)
    lines.push(
      `  pending bets    ${pending} stay pending history: PolyMix never sends, settles or reconciles them (docs/migrating.md#what-differs)`,
    );
  return lines.join('\n');
}
