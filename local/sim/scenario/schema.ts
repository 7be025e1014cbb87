/**
 * The scenario file: a slate of games that drives both simulators. Plain JSON a person can
 * edit (slates/demo-slate.json); `parseSlate` checks it with zod and explains every problem.
 *
 * Timing: each game's `start` is either `{ "afterSlateStartMin": 30 }` (relative: the slate
 * starts when the simulators start, so a demo is always "live") or `{ "at": "<ISO 8601>" }`
 * (absolute). With `rebaseDates`, the date inside a relative game's Kalshi event ticker and
 * Polymarket slug is rewritten to the US-Eastern date of its actual start (docs/venues-kalshi.md#k1, docs/venues-polymarket.md#p1).
 */
import { z } from 'zod';
import { LEAGUES, type League } from '../../../lib/core/market';
import { KALSHI_GAME_SERIES, POLYMARKET_PREFIX } from '../../../lib/core/teams';
import { POLYMARKET_FILLER_LEAGUES } from '../control';
import { soccerGameSchema } from './soccer';

/** Kalshi game series per league: the catalogue's (lib/core/leagues.ts). */
export const SERIES_BY_LEAGUE: Readonly<Record<League, string>> = KALSHI_GAME_SERIES;

const teamSchema = z.object({
  /**
   * As in Kalshi tickers (and, unless `polymarketCode` says otherwise, Polymarket slugs), e.g. `LAL`;
   * catalogued leagues' codes can hold digits and a hyphen (`M-OH`, `9INE`: docs/leagues.md).
   */
  code: z
    .string()
    .regex(/^[A-Z0-9](?:[A-Z0-9-]{0,8}[A-Z0-9])$/, 'team code: 2–10 capitals or digits, a hyphen only inside'),
  /** The Polymarket slug code where it differs from the Kalshi code (`mioh` for `M-OH`). */
  polymarketCode: z
    .string()
    .regex(/^[a-z0-9]{2,12}$/)
    .optional(),
  name: z.string().min(1),
  /** Kalshi `yes_sub_title`, e.g. "Los Angeles L". */
  kalshiName: z.string().min(1),
  /** Polymarket outcome label, e.g. "Lakers". */
  polymarketName: z.string().min(1),
  polymarketTokenId: z.string().regex(/^[1-9]\d{19,79}$/, 'token id: a long decimal string'),
});

const startSchema = z.union([
  z.object({ afterSlateStartMin: z.number().min(0) }).strict(),
  z.object({ at: z.iso.datetime({ offset: true }) }).strict(),
]);

const quoteSchema = z.object({
  /** Each side quotes this far from the venue's fair price (then rounded outward to the tick). */
  halfSpreadCents: z.number().min(0.5).max(10),
  /** Standard deviation of the venue's own wander around the fair price, per step. */
  noiseCents: z.number().min(0).max(5),
  levels: z.number().int().min(1).max(20),
  minShares: z.number().int().min(1),
  maxShares: z.number().int().min(1),
});

/**
 * A Polymarket market's Gamma `feeSchedule` (docs/venues-polymarket.md#p5-fee-schedule): the rate is
 * per market, so every simulated market carries its own. `rate` is a decimal fraction (0.05).
 */
const feeScheduleSchema = z
  .object({
    rate: z
      .number()
      .min(0)
      .max(1)
      .refine((r) => Math.abs(r * 1e6 - Math.round(r * 1e6)) < 1e-6, 'rate: at most 6 decimals'),
    exponent: z.number().int().min(0).max(8).default(1),
  })
  .strict();

/** Sports taker rate of the newest public source (docs/venues-polymarket.md#p5-fee-schedule): 0.05. */
const SPORTS_FEE_SCHEDULE = { rate: 0.05, exponent: 1 } as const;

/**
 * A Polymarket US `minimumTradeQty` in contracts (docs/venues-polymarket-us.md#u-sides): whole
 * hundredths that divide one contract, so the model's whole-contract levels stay on its step.
 */
const minimumTradeQtySchema = z
  .number()
  .positive()
  .refine((q) => {
    const centi = Math.round(q * 100);
    return Math.abs(q * 100 - centi) < 1e-9 && centi >= 1 && 100 % centi === 0;
  }, 'minimumTradeQty: whole hundredths of a contract that divide 1 (0.01, 0.05, 0.1, 0.5, 1, …)');

/**
 * How the slate's games are listed on Polymarket US (docs/venues-polymarket-us.md#u-sides, #u-fees).
 * Its books are the Polymarket model's (the away token's book is the long book), so the tick can only
 * be $0.01 or finer; the model's prices are whole cents either way.
 */
const polymarketUsSchema = z
  .object({
    /** `orderPriceMinTickSize` in dollars. */
    tick: z.union([z.literal(0.01), z.literal(0.001)]).default(0.01),
    /** `minimumTradeQty` in contracts. */
    minimumTradeQty: minimumTradeQtySchema.default(0.01),
    /** The taker Θ the markets carry (`feeCoefficient`); the venue's schedule says 0.0695. */
    takerTheta: z
      .number()
      .min(0)
      .max(0.25)
      .refine((t) => Math.abs(t * 1e6 - Math.round(t * 1e6)) < 1e-6, 'takerTheta: at most 6 decimals')
      .default(0.0695),
  })
  .strict();

const gameSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  league: z.enum(LEAGUES),
  away: teamSchema,
  home: teamSchema,
  start: startSchema,
  durationMin: z.number().positive().max(600),
  /** Opening fair probability that the AWAY team wins. */
  fairAwayWin: z.number().gt(0.02).lt(0.98),
  /** How fast the fair price moves in play (logit units per √hour). Default 1.2. */
  volatility: z.number().min(0).max(5).optional(),
  /** away | home wins; tie (NFL only); void = postponed, never played. */
  result: z.enum(['away', 'home', 'tie', 'void']),
  kalshi: z.object({
    eventTicker: z.string(),
    /**
     * The ticker carries the scheduled start, `HHMM` US Eastern after the date, written by the
     * schedule from the game's start (the ticker in the file has none).
     */
    startInTicker: z.boolean().optional(),
    /** A market `status` word to show on both markets instead of the lifecycle word (e.g. an unknown one). */
    marketStatus: z.string().min(1).optional(),
    /**
     * Both markets accept counts in hundredths of a contract (`fractional_trading_enabled`,
     * docs/venues-kalshi.md#k1-fractional). Default false: whole contracts only.
     */
    fractional: z.boolean().optional(),
  }),
  polymarket: z.object({
    slug: z.string(),
    question: z.string().min(1),
    conditionId: z.string().regex(/^0x[0-9a-f]{64}$/, 'conditionId: 0x + 64 hex digits'),
    gammaId: z.string().regex(/^\d+$/),
    /** This market's fee schedule; default: the slate's `polymarketFeeSchedule`. */
    feeSchedule: feeScheduleSchema.optional(),
  }),
  /**
   * A scripted window where one venue's quotes of the away team sit `cents` from the venue's view of
   * fair (the home side moves with it): a cross-venue arbitrage at a known time. A game with one has
   * no random `dislocations`, so its trades are where the slate says.
   */
  arbitrage: z
    .object({
      venue: z.enum(['kalshi', 'polymarket']),
      cents: z.number().min(-30).max(30),
      afterSlateStartMin: z.number().min(0),
      minutes: z.number().positive(),
    })
    .strict()
    .optional(),
  /** This game's Polymarket US market, where it differs from the slate's `polymarketUs`. */
  polymarketUs: z.object({ minimumTradeQty: minimumTradeQtySchema.optional() }).strict().optional(),
  note: z.string().optional(),
});

export const slateSchema = z
  .object({
    $comment: z.string().optional(),
    name: z.string().min(1),
    /** Seconds of simulated time between two book updates. */
    stepSec: z.number().int().min(1).max(600).default(10),
    /** Minutes between a game's end (markets close) and its settlement on both venues. */
    settleDelayMin: z.number().min(0).default(5),
    rebaseDates: z.boolean().default(true),
    /** Fee schedule of every Polymarket market that does not carry its own. */
    polymarketFeeSchedule: feeScheduleSchema.default(SPORTS_FEE_SCHEDULE),
    /** Polymarket US listing settings (the venue is driven only when its simulator runs). */
    polymarketUs: polymarketUsSchema.default({ tick: 0.01, minimumTradeQty: 0.01, takerTheta: 0.0695 }),
    venues: z.object({ kalshi: quoteSchema, polymarket: quoteSchema }),
    /** Moments where one venue's quotes jump away from the fair price for a while. */
    dislocations: z.object({
      perGameHour: z.number().min(0).max(60),
      minCents: z.number().min(0).max(30),
      maxCents: z.number().min(0).max(30),
      minSteps: z.number().int().min(1),
      maxSteps: z.number().int().min(1),
    }),
    games: z.array(gameSchema).min(1),
    /** Three-way (soccer) games: home, draw and away, each a binary market on both venues (./soccer.ts). */
    soccer: z.array(soccerGameSchema).default([]),
    /**
     * Polymarket-only moneyline markets of sports we never trade, listed before the games (fillers.ts): a
     * realistic all-sports listing longer than one Gamma page.
     */
    fillers: z
      .array(z.object({ league: z.enum(POLYMARKET_FILLER_LEAGUES), count: z.number().int().min(1).max(500) }))
      .default([]),
  })
  .superRefine((slate, ctx) => {
    const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
    for (const [name, q] of Object.entries(slate.venues)) {
      if (q.minShares > q.maxShares) issue(['venues', name], 'minShares must not exceed maxShares');
    }
    if (slate.dislocations.minCents > slate.dislocations.maxCents) issue(['dislocations'], 'minCents > maxCents');
    if (slate.dislocations.minSteps > slate.dislocations.maxSteps) issue(['dislocations'], 'minSteps > maxSteps');
    const seen = new Map<string, string>();
    const unique = (key: string, path: Array<string | number>) => {
      const prior = seen.get(key);
      if (prior) issue(path, `duplicate ${key} (also at ${prior})`);
      else seen.set(key, path.join('.'));
    };
    slate.games.forEach((g, i) => {
      const at = (...p: Array<string | number>) => ['games', i, ...p];
      unique(`id ${g.id}`, at('id'));
      unique(`event ticker ${g.kalshi.eventTicker}`, at('kalshi', 'eventTicker'));
      unique(`slug ${g.polymarket.slug}`, at('polymarket', 'slug'));
      unique(`token ${g.away.polymarketTokenId}`, at('away', 'polymarketTokenId'));
      unique(`token ${g.home.polymarketTokenId}`, at('home', 'polymarketTokenId'));
      if (g.away.code === g.home.code) issue(at('home', 'code'), 'a team cannot play itself');
      const tickerDate = checkEventTicker(g.kalshi.eventTicker, g.league, g.away.code, g.home.code);
      if (typeof tickerDate !== 'string') issue(at('kalshi', 'eventTicker'), tickerDate.error);
      const slugDate = checkSlug(
        g.polymarket.slug,
        g.league,
        g.away.polymarketCode ?? g.away.code,
        g.home.polymarketCode ?? g.home.code,
      );
      if (typeof slugDate !== 'string') issue(at('polymarket', 'slug'), slugDate.error);
      if (typeof tickerDate === 'string' && typeof slugDate === 'string' && tickerDate !== slugDate) {
        issue(at('polymarket', 'slug'), `slug date ${slugDate} differs from the Kalshi ticker date ${tickerDate}`);
      }
      if (g.result === 'tie' && g.league !== 'NFL') issue(at('result'), `${g.league} games do not end in a tie`);
      const arb = g.arbitrage;
      if (arb && 'afterSlateStartMin' in g.start) {
        const endMin = g.start.afterSlateStartMin + g.durationMin;
        if (arb.afterSlateStartMin + arb.minutes > endMin) {
          issue(at('arbitrage'), `the arbitrage window must close by the game's end (minute ${endMin})`);
        }
      }
    });
  });

export type SlateInput = z.input<typeof slateSchema>;
export type Slate = z.output<typeof slateSchema>;
export type SlateGame = Slate['games'][number];
export type QuoteConfig = Slate['venues']['kalshi'];

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** `KXNBAGAME-26NOV25LALBOS` → `2026-11-25`, or why it is wrong (away code first: docs/venues-kalshi.md#k1). */
export function checkEventTicker(
  ticker: string,
  league: League,
  away: string,
  home: string,
): string | { error: string } {
  const series = SERIES_BY_LEAGUE[league];
  const m = /^([A-Z0-9]+)-(\d{2})([A-Z]{3})(\d{2})([A-Z0-9-]+)$/.exec(ticker);
  if (!m) return { error: `event ticker must look like ${series}-26NOV25${away}${home}` };
  const [, s, yy, mon, dd, teams] = m as unknown as [string, string, string, string, string, string];
  if (s !== series) return { error: `${league} games belong to series ${series}, not ${s}` };
  const month = MONTHS.indexOf(mon);
  if (month < 0) return { error: `unknown month ${mon} in ${ticker}` };
  if (teams !== `${away}${home}`) return { error: `event ticker teams must be away then home: ${away}${home}` };
  return `20${yy}-${String(month + 1).padStart(2, '0')}-${dd}`;
}

/** `nba-lal-bos-2026-11-25` → `2026-11-25`, or why it is wrong. */
export function checkSlug(slug: string, league: League, away: string, home: string): string | { error: string } {
  const prefix = `${POLYMARKET_PREFIX[league]}-${away.toLowerCase()}-${home.toLowerCase()}-`;
  const m = /^(.*-)(\d{4}-\d{2}-\d{2})$/.exec(slug);
  if (!m || m[1] !== prefix) return { error: `slug must look like ${prefix}2026-11-25` };
  return m[2] as string;
}

/** Every problem in one message, each with where it is. */
export function parseSlate(input: unknown, source = 'slate'): Slate {
  const result = slateSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new Error(`Invalid scenario ${source}:\n${lines.join('\n')}`);
}
