/**
 * Wire formats of Gamma, the CLOB and the Data API, as zod schemas (venue JSON is validated at the adapter).
 * Only the fields we use are required; unknown fields pass through untouched. Mapping to core
 * types lives in parse-markets.ts, parse-books.ts and parse-orders.ts.
 */
import { z } from 'zod';

/** Decimal string as the CLOB sends every number ("0.57", "100", "10.5"). */
export const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string');
/** Gamma amounts come as JSON numbers or numeric strings depending on the field and era. */
const numberish = z.union([z.number().finite().nonnegative(), decimalString]);

/** A JSON-encoded string field (`outcomes`, `clobTokenIds`, `outcomePrices`: docs/venues-polymarket.md#p1). */
function jsonEncoded<T extends z.ZodType>(inner: T) {
  return z.string().transform((text, ctx): z.infer<T> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON-encoded' });
      return z.NEVER;
    }
    const parsed = inner.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `JSON-encoded value: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return z.NEVER;
    }
    return parsed.data as z.infer<T>;
  });
}

const stringList = z.array(z.string().min(1));

export const gammaEventRef = z.object({
  slug: z.string().optional(),
  seriesSlug: z.string().nullish(),
  series: z.array(z.object({ slug: z.string().nullish() })).nullish(),
});

export const gammaFeeSchedule = z.object({
  rate: numberish,
  exponent: z.number().int().nonnegative().optional(),
  takerOnly: z.boolean().optional(),
});

/** One Gamma market (docs/venues-polymarket.md#p1 "Market fields worth using"). */
export const gammaMarket = z.object({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  conditionId: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte hex condition id'),
  slug: z.string(),
  question: z.string(),
  outcomes: jsonEncoded(stringList),
  clobTokenIds: jsonEncoded(stringList),
  outcomePrices: jsonEncoded(z.array(decimalString)).nullish(),
  positionIds: z.union([stringList, jsonEncoded(stringList)]).nullish(),
  version: z.enum(['v1', 'v2']).nullish(),
  negRisk: z.boolean().nullish(),
  active: z.boolean().nullish(),
  closed: z.boolean().nullish(),
  acceptingOrders: z.boolean().nullish(),
  enableOrderBook: z.boolean().nullish(),
  orderPriceMinTickSize: numberish.nullish(),
  orderMinSize: numberish.nullish(),
  gameStartTime: z.string().nullish(),
  eventStartTime: z.string().nullish(),
  sportsMarketType: z.string().nullish(),
  feesEnabled: z.boolean().nullish(),
  feeSchedule: gammaFeeSchedule.nullish(),
  umaResolutionStatus: z.string().nullish(),
  events: z.array(gammaEventRef).nullish(),
  /** Best bid/ask of the FIRST outcome's book at listing time: pre-screening only, never traded on. */
  bestBid: numberish.nullish(),
  bestAsk: numberish.nullish(),
});
export type GammaMarket = z.infer<typeof gammaMarket>;

const looseRows = z.array(z.record(z.string(), z.unknown()));
/** Absent on the last page (docs/venues-polymarket.md#p1-keyset). */
const nextCursor = z.string().min(1).nullish();
const gammaId = z.union([z.string().min(1), z.number().int()]).transform(String);

/**
 * `GET /sports` (docs/venues-polymarket.md#p1-sports): rows validated one by one, so an odd row of a sport we do
 * not trade does not matter. `series` is a string in the SDK schema; a number is accepted too.
 */
export const gammaSportsList = looseRows;
export const gammaSport = z.object({
  sport: z.string().min(1),
  series: z.union([z.string().regex(/^\d+$/, 'expected a numeric series id'), z.number().int()]).transform(String),
  tags: z.string().nullish(),
});
export type GammaSport = z.infer<typeof gammaSport>;

/** `GET /events/keyset` page (docs/venues-polymarket.md#p1-keyset): events validated one by one. */
export const gammaEventsKeysetPage = z.object({ events: looseRows, next_cursor: nextCursor });
/** `GET /markets/keyset` page (docs/venues-polymarket.md#p1-keyset). */
export const gammaMarketsKeysetPage = z.object({ markets: z.array(gammaMarket), next_cursor: nextCursor });

/** One Gamma event of a game (docs/venues-polymarket.md#p1-event-fields): what discovery checks. */
export const gammaEvent = z.object({
  id: gammaId,
  slug: z.string().nullish(),
  seriesSlug: z.string().nullish(),
  series: z.array(z.object({ id: gammaId, slug: z.string().nullish() })).nullish(),
  active: z.boolean().nullish(),
  closed: z.boolean().nullish(),
  ended: z.boolean().nullish(),
  finishedTimestamp: z.string().nullish(),
  endDate: z.string().nullish(),
  startTime: z.string().nullish(),
  /** Soccer: "Crystal Palace FC vs. West Ham United FC"; `negRisk` marks exclusive outcome markets (docs/leagues.md#l-epl-english-premier-league). */
  title: z.string().nullish(),
  negRisk: z.boolean().nullish(),
  markets: looseRows.nullish(),
});
export type GammaEvent = z.infer<typeof gammaEvent>;

/** CLOB book (docs/venues-polymarket.md#p2-book-order). Bids ascending, asks descending: the best of each is LAST. */
export const bookLevel = z.object({ price: decimalString, size: decimalString });
export const clobBook = z.object({
  market: z.string(),
  asset_id: z.string().min(1),
  timestamp: z.string().optional(),
  bids: z.array(bookLevel),
  asks: z.array(bookLevel),
  min_order_size: decimalString,
  tick_size: decimalString,
  neg_risk: z.boolean().optional(),
});
export type ClobBook = z.infer<typeof clobBook>;
export const clobBooks = z.array(clobBook);

/** CLOB `GET /markets/{condition_id}` (legacy shape, docs/venues-polymarket.md#p2, #p6). */
export const clobMarket = z.object({
  condition_id: z.string(),
  closed: z.boolean(),
  tokens: z.array(
    z.object({
      token_id: z.string(),
      outcome: z.string(),
      winner: z.boolean(),
    }),
  ),
});
export type ClobMarket = z.infer<typeof clobMarket>;

/** `{error}` body of every CLOB error (docs.polymarket.com/resources/error-codes). */
export const clobErrorBody = z.object({ error: z.string() }).passthrough();

/** `POST /order` answer (docs/venues-polymarket.md#p5). Unset amounts are "". */
const amountOrEmpty = z.union([z.literal(''), decimalString]);
export const postOrderResponse = z.object({
  success: z.boolean(),
  errorMsg: z.string().optional().default(''),
  orderID: z.string().optional().default(''),
  status: z.string().optional().default(''),
  makingAmount: amountOrEmpty.optional().default(''),
  takingAmount: amountOrEmpty.optional().default(''),
  tradeIDs: z.array(z.string()).nullish(),
  transactionsHashes: z.array(z.string()).nullish(),
});
export type PostOrderResponse = z.infer<typeof postOrderResponse>;
/** 400 answers carry `{error}` and sometimes the order id (FOK kill: docs/venues-polymarket.md#p5). */
export const postOrderAnswer = z.union([postOrderResponse, clobErrorBody.extend({ orderID: z.string().optional() })]);

/** `GET /data/order/{id}` (clob-client-v2 `OpenOrder`). */
export const openOrder = z.object({
  id: z.string().min(1),
  status: z.string(),
  market: z.string(),
  asset_id: z.string(),
  side: z.enum(['BUY', 'SELL']),
  original_size: decimalString,
  size_matched: decimalString,
  price: decimalString,
  associate_trades: z.array(z.string()).nullish(),
  order_type: z.string().optional(),
});
export type OpenOrder = z.infer<typeof openOrder>;
/** Unknown order ids answer `null` (or an error body with 400/404, handled by the caller). */
export const getOrderAnswer = z.union([openOrder, z.null(), clobErrorBody]);

/** `GET /data/trades` page (docs/venues-polymarket.md#p5). */
export const trade = z.object({
  id: z.string(),
  taker_order_id: z.string(),
  asset_id: z.string(),
  side: z.enum(['BUY', 'SELL']),
  size: decimalString,
  price: decimalString,
  status: z.string(),
  trader_side: z.enum(['TAKER', 'MAKER']).optional(),
  maker_orders: z
    .array(z.object({ order_id: z.string(), matched_amount: decimalString, price: decimalString }))
    .default([]),
});
export type Trade = z.infer<typeof trade>;
export const tradesPage = z.object({ data: z.array(trade), next_cursor: z.string() });

/** `DELETE /order` answer (docs/venues-polymarket.md#p5). */
export const cancelAnswer = z.object({
  canceled: z.array(z.string()).default([]),
  not_canceled: z.record(z.string(), z.string()).nullish(),
});

/** `GET /balance-allowance`: pUSD base units (6 decimals) as an integer string. */
export const balanceAllowance = z.object({
  balance: z.string().regex(/^\d+$/, 'expected integer base units'),
});

/** `GET/POST /auth/(derive-)api-key` (docs/venues-polymarket.md#p3). */
export const apiKeyAnswer = z.object({
  apiKey: z.string().min(1),
  secret: z.string().min(1),
  passphrase: z.string().min(1),
});

/**
 * Data API `GET /v2/positions` page (docs/venues-polymarket.md#p6-positions-v2): `{data, pagination:{limit,
 * offset, has_more, next_cursor}}`, snake_case rows. Only the fields we use are required; the
 * venue mints `next_cursor` exactly when `has_more` (the official SDK enforces the same).
 */
export const dataPositionsV2Page = z.object({
  data: z.array(
    z.object({
      token_id: z.string().regex(/^\d+$/, 'expected a decimal token id'),
      condition_id: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a condition id'),
      current_size: numberish,
      status: z.string().optional(),
    }),
  ),
  pagination: z
    .object({
      limit: z.number().int().nonnegative(),
      offset: z.number().int().nonnegative(),
      has_more: z.boolean(),
      next_cursor: z.string().min(1).nullable(),
    })
    .refine((p) => p.has_more === (p.next_cursor !== null), {
      message: 'has_more and next_cursor disagree',
      path: ['next_cursor'],
    }),
});
