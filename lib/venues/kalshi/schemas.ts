/**
 * zod schemas of every Kalshi response this client reads (kalshi-typescript 3.30.0 `docs/*.md`,
 * docs/venues-kalshi.md#k1 to #k4). Amounts are turned into exact integers HERE, digit by digit
 * (lib/core/money.ts): a malformed amount fails the parse, which the HTTP layer reports as
 * `BadResponse`. Objects are not strict: Kalshi adds fields often, and we only read these.
 */
import { z } from 'zod';
import { MICROS_PER_DOLLAR, parseCentishares, parseMicros } from '../../core/money';

function exact<T>(parse: (s: string) => T, what: string) {
  return z.string().transform((s, ctx): T => {
    try {
      return parse(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: `not an exact ${what}: ${JSON.stringify(s.slice(0, 40))}` });
      return z.NEVER;
    }
  });
}

/** `"0.5600"` → 560000; up to 6 decimals ("responses emit up to 6", Market.md); signed. */
export const dollarsMicros = exact((s) => parseMicros(s), 'dollar amount');
/** A price of one contract, 0..1 dollars inclusive. */
export const priceMicros = dollarsMicros.refine((p) => p >= 0 && p <= MICROS_PER_DOLLAR, 'price outside [0, 1]');
/** `"13.00"` → 1300 centishares, exact (responses always emit 2 decimals); signed. */
export const countCenti = exact((s) => parseCentishares(s), 'contract count');
/** Book depth: finer than 0.01 contract is floored, we cannot trade it (ADR 0002). */
export const depthCenti = exact((s) => parseCentishares(s, 'floor'), 'contract count');

/** Optional amounts: absent, null or "" all mean "none" (Go zero values), else exact. */
function optional<T extends z.ZodType<number>>(amount: T) {
  return z
    .union([z.literal(''), z.null(), amount])
    .optional()
    .transform((v): number | null => (typeof v === 'number' ? v : null));
}
export const optionalPriceMicros = optional(priceMicros);
export const optionalDollarsMicros = optional(dollarsMicros);

/** ISO 8601 time → epoch ms. */
export const isoMs = z.string().transform((s, ctx) => {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(s) ? Date.parse(s) : Number.NaN;
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `not an ISO time: ${JSON.stringify(s.slice(0, 40))}` });
    return z.NEVER;
  }
  return ms;
});
/** Optional times: absent, null or "" all mean "none". */
const optionalIsoMs = z
  .union([z.literal(''), z.null(), isoMs])
  .optional()
  .transform((v) => (typeof v === 'number' ? v : null));

/**
 * Known words of an open enum: anything else becomes `'unknown'` instead of failing the parse.
 * Kalshi adds enum values over time; one new word must not cost a whole page (docs/venues-kalshi.md#k1-enums).
 */
function openEnum<const T extends readonly string[]>(known: T) {
  const words: ReadonlySet<string> = new Set(known);
  return z.string().transform((s): T[number] | 'unknown' => (words.has(s) ? (s as T[number]) : 'unknown'));
}

/**
 * Market lifecycle (kalshi-typescript `models/market.ts` MarketStatusEnum). A word we do not know
 * reads as `'unknown'`: not tradable, never final (docs/venues-kalshi.md#k1-enums).
 */
export const MARKET_STATUSES = [
  'initialized',
  'inactive',
  'active',
  'closed',
  'determined',
  'disputed',
  'amended',
  'finalized',
] as const;
export const marketStatus = openEnum(MARKET_STATUSES);
export type MarketStatus = z.infer<typeof marketStatus>;

/**
 * `result`: "" until determined (docs/venues-kalshi.md#k1). `void` is accepted in case Kalshi sends
 * it; an unknown word is `'unknown'`, which a finalized market cannot be settled on.
 */
export const marketResult = openEnum(['', 'yes', 'no', 'scalar', 'void'] as const);

export const priceRange = z.object({ start: priceMicros, end: priceMicros, step: priceMicros });

export const market = z.object({
  ticker: z.string().min(1),
  event_ticker: z.string().min(1),
  status: marketStatus,
  yes_sub_title: z.string(),
  expected_expiration_time: optionalIsoMs,
  yes_ask_dollars: optionalPriceMicros,
  no_ask_dollars: optionalPriceMicros,
  result: marketResult.optional().transform((r) => r ?? ''),
  settlement_value_dollars: optionalPriceMicros,
  price_level_structure: z.string(),
  /** "Whether fractional order sizes are accepted" (docs/venues-kalshi.md#k1-fractional); absent in the SDK. */
  fractional_trading_enabled: z.boolean().nullish(),
  price_ranges: z
    .array(priceRange)
    .nullish()
    .transform((r) => r ?? []),
});
export type WireMarket = z.infer<typeof market>;

export const FEE_TYPES = ['quadratic', 'quadratic_with_maker_fees', 'quadratic_with_combo_maker_fees', 'flat'] as const;
/** An unknown fee type is `'unknown'`: we cannot price that event, so only it is left out. */
export const feeType = openEnum(FEE_TYPES);

/** `fee_multiplier` is a JSON number (Series.md): converted to parts per million exactly via its decimal text. */
export const feeMultiplierPpm = z.number().transform((n, ctx) => {
  try {
    if (!Number.isFinite(n) || n < 0) throw new RangeError('negative or not finite');
    return parseMicros(String(n));
  } catch {
    ctx.addIssue({ code: 'custom', message: `fee multiplier not exact to 1e-6: ${String(n)}` });
    return z.NEVER;
  }
});

export const seriesResponse = z.object({
  series: z.object({ ticker: z.string(), fee_type: feeType, fee_multiplier: feeMultiplierPpm }),
});

export const event = z.object({
  event_ticker: z.string().min(1),
  series_ticker: z.string(),
  title: z.string(),
  markets: z
    .array(market)
    .nullish()
    .transform((m) => m ?? []),
  /** Event overrides take precedence over the series fee (EventData.md). */
  fee_type_override: z.union([z.literal(''), feeType]).nullish(),
  fee_multiplier_override: feeMultiplierPpm.nullish(),
});
export type WireEvent = z.infer<typeof event>;

/**
 * Milestones carry a game's scheduled start (`GET /events?with_milestones=true`, Milestone.md).
 * Items stay `unknown` here and are parsed one by one: a bad milestone loses a start time,
 * never the whole discovery.
 */
export const milestone = z.object({
  type: z.string(),
  start_date: isoMs,
  primary_event_tickers: z.array(z.string()).nullish(),
  related_event_tickers: z.array(z.string()).nullish(),
});

const cursor = z
  .string()
  .nullish()
  .transform((c) => c ?? '');

/**
 * Pages keep their items `unknown`: each event or market is parsed on its own (`parseItem`, parse-markets.ts), so an
 * unusable one is left out and reported while the rest of the page is used.
 */
export const eventsResponse = z.object({
  events: z.array(z.unknown()),
  milestones: z.array(z.unknown()).nullish(),
  cursor,
});

export const marketResponse = z.object({ market });
export const marketsResponse = z.object({ markets: z.array(z.unknown()), cursor });

/** One level: `[price_dollars, count_fp]` (docs/venues-kalshi.md#k2). */
export const bookLevel = z.tuple([priceMicros, depthCenti]);
/** An empty side may come as [], null or absent (Go encodes empty slices as null). */
const bookSide = z
  .array(bookLevel)
  .nullish()
  .transform((s) => s ?? []);
export const orderbookFp = z.object({ yes_dollars: bookSide, no_dollars: bookSide });
export type WireOrderbook = z.infer<typeof orderbookFp>;

export const orderbookResponse = z.object({ orderbook_fp: orderbookFp });
export const orderbooksResponse = z.object({
  orderbooks: z.array(z.object({ ticker: z.string().min(1), orderbook_fp: orderbookFp })),
});

export const bookSideEnum = z.enum(['bid', 'ask']);
export const outcomeSide = z.enum(['yes', 'no']);

/**
 * Direction of an order or fill. Answers carry `book_side` and `outcome_side`; the deprecated
 * `side` (yes|no) and `action` (buy|sell) may come instead or as well (docs/venues-kalshi.md#k4-direction).
 * `book_side` comes from the legacy pair when absent: buy YES / sell NO is a bid.
 */
const direction = {
  book_side: bookSideEnum.optional(),
  outcome_side: outcomeSide.nullish(),
  side: outcomeSide.nullish(),
  action: z.enum(['buy', 'sell']).nullish(),
};
function withDirection<
  T extends {
    book_side?: 'bid' | 'ask' | undefined;
    outcome_side?: 'yes' | 'no' | null;
    side?: 'yes' | 'no' | null;
    action?: 'buy' | 'sell' | null;
  },
>(
  o: T,
  ctx: z.RefinementCtx,
): Omit<T, 'book_side' | 'outcome_side' | 'side' | 'action'> & {
  book_side: 'bid' | 'ask';
  outcome_side: 'yes' | 'no' | null;
} {
  const { book_side, outcome_side, side, action, ...rest } = o;
  const legacy = side && action ? ((action === 'buy') === (side === 'yes') ? 'bid' : 'ask') : undefined;
  const book = book_side ?? legacy;
  if (!book) {
    ctx.addIssue({ code: 'custom', message: 'neither book_side nor side and action', path: ['book_side'] });
    return z.NEVER;
  }
  // buy YES and sell NO position for YES; buy NO and sell YES for NO (Order.outcome_side).
  const outcome = outcome_side ?? (side && action ? ((action === 'buy') === (side === 'yes') ? 'yes' : 'no') : null);
  return { ...rest, book_side: book, outcome_side: outcome };
}

/** `POST /portfolio/events/orders` → 201 (CreateOrderV2Response.md). */
export const createOrderResponse = z.object({
  order_id: z.string().min(1),
  client_order_id: z.string().nullish(),
  fill_count: countCenti,
  remaining_count: countCenti,
  /** "Volume-weighted average fill price. Only present when fill_count > 0." YES price (unverified). */
  average_fill_price: optionalPriceMicros,
  /** "Volume-weighted average fee paid per contract" (docs.kalshi.com create-order-v2). */
  average_fee_paid: optionalDollarsMicros,
  ts_ms: z.number().nullish(),
});
export type WireCreateOrder = z.infer<typeof createOrderResponse>;

/** Error bodies: `{error:{code,message,details}}` or flat `{code,message}` (ErrorResponse.md). */
const errorFields = z.object({
  code: z.string().nullish(),
  message: z.string().nullish(),
  details: z.string().nullish(),
});
export const errorResponse = z.union([z.object({ error: errorFields }), errorFields]);

export const orderStatus = z.enum(['resting', 'canceled', 'executed']);

export const order = z
  .object({
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    ticker: z.string().min(1),
    status: orderStatus,
    ...direction,
    yes_price_dollars: priceMicros,
    no_price_dollars: priceMicros,
    fill_count_fp: countCenti,
    remaining_count_fp: countCenti,
    taker_fill_cost_dollars: dollarsMicros,
    maker_fill_cost_dollars: dollarsMicros,
    taker_fees_dollars: dollarsMicros,
    maker_fees_dollars: dollarsMicros,
  })
  .transform(withDirection);
export type WireOrder = z.infer<typeof order>;

export const orderResponse = z.object({ order });
export const ordersResponse = z.object({ orders: z.array(order), cursor });

export const cancelOrderResponse = z.object({
  order_id: z.string().min(1),
  client_order_id: z.string().nullish(),
  reduced_by: countCenti,
});

export const fill = z
  .object({
    fill_id: z.string().min(1),
    order_id: z.string().min(1),
    ticker: z.string().min(1),
    ...direction,
    count_fp: countCenti,
    yes_price_dollars: priceMicros,
    no_price_dollars: priceMicros,
    is_taker: z.boolean(),
    fee_cost: dollarsMicros,
  })
  .transform(withDirection);
export type WireFill = z.infer<typeof fill>;
export const fillsResponse = z.object({ fills: z.array(fill), cursor });

export const positionsResponse = z.object({
  market_positions: z.array(z.object({ ticker: z.string().min(1), position_fp: countCenti })),
  cursor,
});

/** `balance` is integer CENTS (GetBalanceResponse.md, docs/venues-kalshi.md#k4). */
export const balanceResponse = z.object({ balance: z.number().int().nonnegative() });

export const settlement = z.object({
  ticker: z.string().min(1),
  event_ticker: z.string(),
  market_result: z.enum(['yes', 'no', 'scalar', 'void']),
  yes_count_fp: countCenti,
  no_count_fp: countCenti,
  yes_total_cost_dollars: dollarsMicros,
  no_total_cost_dollars: dollarsMicros,
  /** Cents. */
  revenue: z.number().int(),
  /** Cents per YES contract. */
  value: z.number().int().nullish(),
  fee_cost: dollarsMicros,
  settled_time: isoMs,
});
export const settlementsResponse = z.object({ settlements: z.array(settlement), cursor });
