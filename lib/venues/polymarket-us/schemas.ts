/**
 * zod schemas of every Polymarket US response this client reads (the venue's OpenAPI pages at
 * docs.polymarket.us, the official SDK's types: docs/venues-polymarket-us.md). Amounts become
 * exact integers HERE (lib/core/money.ts): a malformed amount fails the parse, which the HTTP
 * layer reports as `BadResponse`. Objects are not strict (the venue adds fields), but every field
 * we read is checked.
 *
 * Two venue habits shape these schemas:
 * - Money and quantities come both as decimal strings (`{"value":"0.55","currency":"USD"}`,
 *   `qty: "100"`) and as JSON numbers (`buyingPower`, `quantity`, `orderPriceMinTickSize`). A
 *   number is read through its shortest decimal text (`String(n)`), which is exact for any value
 *   with at most 15 significant digits; anything finer, or written with an exponent, is refused.
 * - The gateway follows proto3 JSON: a field at its zero value may be left out (an empty book
 *   side, `cumQuantity` 0). Absent arrays read as empty and absent fill quantities as 0
 *   (docs/venues-polymarket-us.md#u-proto-json).
 */
import { z } from 'zod';
import { MICROS_PER_DOLLAR, parseCentishares, parseMicros } from '../../core/money';
import { INTENTS, type Intent, MARKET_STATES, MARKET_STATUSES, type MarketStatus, ORDER_STATES } from './constants';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function exactText<T>(parse: (s: string) => T, what: string) {
  return (s: string, ctx: z.RefinementCtx): T => {
    try {
      if (!PLAIN_DECIMAL.test(s)) throw new RangeError('not a plain decimal');
      return parse(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: `not an exact ${what}: ${JSON.stringify(String(s).slice(0, 40))}` });
      return z.NEVER;
    }
  };
}

/** A decimal string or a JSON number, as its decimal text. */
const decimalText = z.union([
  z.string(),
  z
    .number()
    .finite()
    .transform((n) => String(n)),
]);

/** Dollars (string or number) → micros, exact; signed. */
export const dollarsMicros = decimalText.transform(exactText((s) => parseMicros(s), 'dollar amount'));
/** Dollars → micros, finer digits floored (what we may spend: never more than the venue says). */
export const dollarsMicrosFloor = decimalText.transform(exactText((s) => parseMicros(s, 'floor'), 'dollar amount'));
/** Contracts (string or number) → centishares, exact; signed. */
export const contractsCenti = decimalText.transform(exactText((s) => parseCentishares(s), 'contract quantity'));
/** Book depth: finer than 0.01 contract is floored, we cannot trade it (ADR 0002). */
export const depthCenti = decimalText.transform(exactText((s) => parseCentishares(s, 'floor'), 'contract quantity'));

/** `{"value":"0.55","currency":"USD"}` → micros (docs/venues-polymarket-us.md#u-amounts). */
export const amountMicros = z
  .object({ value: decimalText, currency: z.literal('USD') })
  .transform((a, ctx) => exactText((s) => parseMicros(s), 'amount')(a.value, ctx));
/** A price of one contract, 0..1 dollars inclusive. */
export const priceAmount = amountMicros.refine((p) => p >= 0 && p <= MICROS_PER_DOLLAR, 'price outside [0, 1]');

/** Ids are strings in the OpenAPI pages and numbers in the SDK's types: either, kept as text. */
export const idText = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]);

const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
/** ISO 8601 time → epoch ms, or null when absent, empty or not a time we can read. */
export const optionalTimeMs = z
  .string()
  .nullish()
  .transform((s): number | null => {
    if (!s || !ISO.test(s)) return null;
    const ms = Date.parse(s.replace(' ', 'T'));
    return Number.isNaN(ms) ? null : ms;
  });

/**
 * Market `status`, an open enum: "treat unrecognized values as MARKET_STATUS_UNSPECIFIED"
 * (docs/venues-polymarket-us.md#u-market-states).
 */
export const marketStatus = z.string().transform((s): MarketStatus => {
  const known: readonly string[] = MARKET_STATUSES;
  return known.includes(s) ? (s as MarketStatus) : 'MARKET_STATUS_UNSPECIFIED';
});

/** A closed enum whose unknown word is a clear, named error. */
function knownWord<const T extends readonly string[]>(words: T, what: string) {
  return z.string().transform((s, ctx): T[number] => {
    if ((words as readonly string[]).includes(s)) return s as T[number];
    ctx.addIssue({ code: 'custom', message: `unknown ${what} ${JSON.stringify(s.slice(0, 60))}` });
    return z.NEVER;
  });
}
/** Book `state` (docs/venues-polymarket-us.md#u-market-states): an unknown word is an error, never "open". */
export const marketState = knownWord(MARKET_STATES, 'market state');
export const orderIntent = knownWord(INTENTS, 'order intent');
export const orderState = knownWord(ORDER_STATES, 'order state');

const nullishText = z.string().nullish();
const nullishNumber = z.number().finite().nullish();

export const marketSide = z.object({
  id: idText.nullish(),
  long: z.boolean().nullish(),
  description: nullishText,
  identifier: nullishText,
  price: nullishText,
  quote: amountMicros.nullish(),
  tradable: z.boolean().nullish(),
  team: z.object({ name: nullishText, abbreviation: nullishText }).nullish(),
});
export type WireMarketSide = z.infer<typeof marketSide>;

/** A market (docs/venues-polymarket-us.md#u-sides): the fields the client reads. */
export const market = z.object({
  id: idText,
  slug: z.string().min(1),
  question: nullishText,
  title: nullishText,
  active: z.boolean().nullish(),
  closed: z.boolean().nullish(),
  status: marketStatus.nullish(),
  orderPriceMinTickSize: nullishNumber,
  minimumTradeQty: nullishNumber,
  feeCoefficient: nullishNumber,
  gameStartTime: nullishText,
  startDate: nullishText,
  marketType: nullishText,
  sportsMarketType: nullishText,
  sportsMarketTypeV2: nullishText,
  marketSides: z.array(marketSide).nullish(),
  bestBidQuote: amountMicros.nullish(),
  bestAskQuote: amountMicros.nullish(),
});
export type WireMarket = z.infer<typeof market>;

/** An event of a league page; its markets are read one by one (one bad market costs only itself). */
export const event = z.object({
  id: idText,
  slug: z.string().min(1),
  title: nullishText,
  startTime: nullishText,
  startDate: nullishText,
  eventDate: nullishText,
  ended: z.boolean().nullish(),
  closed: z.boolean().nullish(),
  markets: z.array(z.unknown()).nullish(),
});
export type WireEvent = z.infer<typeof event>;

/** `GET /v2/leagues/{slug}/events` (docs/venues-polymarket-us.md#u-discovery). */
export const leagueEventsResponse = z.object({ events: z.array(z.unknown()).nullish() });

/** `GET /v1/market/slug/{slug}`. */
export const marketResponse = z.object({ market });

const bookEntry = z.object({ px: priceAmount, qty: depthCenti });
export type WireBookEntry = z.infer<typeof bookEntry>;

/**
 * The book of a market's one instrument (the long side): what `GET /v1/markets/{slug}/book`
 * answers inside its `marketData` envelope (docs/venues-polymarket-us.md#u-book), and what every
 * `marketData` frame of the markets WebSocket carries (docs/venues-polymarket-us.md#u-stream).
 * Absent sides are empty.
 */
export const wireBook = z.object({
  marketSlug: z.string().min(1),
  bids: z.array(bookEntry).nullish(),
  offers: z.array(bookEntry).nullish(),
  state: marketState,
  transactTime: nullishText,
});
export type WireBook = z.infer<typeof wireBook>;

/** `GET /v1/markets/{slug}/book` (docs/venues-polymarket-us.md#u-book). */
export const bookResponse = z.object({ marketData: wireBook });

/**
 * `GET /v1/markets/{slug}/settlement`: the long side's settlement price. The OpenAPI page says
 * `{slug, settlement}` (a number), the SDK's type `{marketSlug, settlementPrice: Amount,
 * settledAt}`; both are read (docs/venues-polymarket-us.md#u-settlement).
 */
export const settlementResponse = z.union([
  z.object({ slug: z.string().min(1), settlement: dollarsMicros }).transform((s) => ({
    slug: s.slug,
    longPayoutMicros: s.settlement,
  })),
  z.object({ marketSlug: z.string().min(1), settlementPrice: amountMicros }).transform((s) => ({
    slug: s.marketSlug,
    longPayoutMicros: s.settlementPrice,
  })),
]);

const outcomeSide = z.enum(['OUTCOME_SIDE_YES', 'OUTCOME_SIDE_NO']);
const orderAction = z.enum(['ORDER_ACTION_BUY', 'ORDER_ACTION_SELL']);
const INTENT_OF: Readonly<Record<string, Intent>> = {
  'OUTCOME_SIDE_YES ORDER_ACTION_BUY': 'ORDER_INTENT_BUY_LONG',
  'OUTCOME_SIDE_YES ORDER_ACTION_SELL': 'ORDER_INTENT_SELL_LONG',
  'OUTCOME_SIDE_NO ORDER_ACTION_BUY': 'ORDER_INTENT_BUY_SHORT',
  'OUTCOME_SIDE_NO ORDER_ACTION_SELL': 'ORDER_INTENT_SELL_SHORT',
};

/**
 * An order (docs/venues-polymarket-us.md#u-orders). `intent` or `outcomeSide` + `action` names
 * what it does ("If both are sent, outcomeSide+action wins"); `price` and `avgPx` are long-side
 * prices; quantities are contracts (numbers), absent fill quantities are 0.
 */
export const order = z
  .object({
    id: z.string().min(1),
    marketSlug: z.string().min(1),
    intent: orderIntent.nullish(),
    outcomeSide: outcomeSide.nullish(),
    action: orderAction.nullish(),
    state: orderState,
    price: priceAmount.nullish(),
    quantity: contractsCenti,
    cumQuantity: contractsCenti.nullish(),
    leavesQuantity: contractsCenti.nullish(),
    tif: nullishText,
    avgPx: priceAmount.nullish(),
    commissionNotionalTotalCollected: amountMicros.nullish(),
    createTime: nullishText,
    insertTime: nullishText,
  })
  .transform((o, ctx) => {
    const paired = o.outcomeSide && o.action ? INTENT_OF[`${o.outcomeSide} ${o.action}`] : undefined;
    const intent = paired ?? o.intent;
    if (!intent) {
      ctx.addIssue({ code: 'custom', message: 'order carries neither intent nor outcomeSide + action' });
      return z.NEVER;
    }
    return {
      id: o.id,
      marketSlug: o.marketSlug,
      intent,
      state: o.state,
      priceMicros: o.price ?? null,
      quantityCenti: o.quantity,
      cumCenti: o.cumQuantity ?? 0,
      leavesCenti: o.leavesQuantity ?? 0,
      tif: o.tif ?? null,
      avgPxMicros: o.avgPx ?? null,
      commissionMicros: o.commissionNotionalTotalCollected ?? null,
      createdAtMs: optionalTimeMs.parse(o.createTime ?? o.insertTime ?? null),
    };
  });
export type WireOrder = z.infer<typeof order>;

/** One execution event of an order (docs/venues-polymarket-us.md#u-orders). */
export const execution = z.object({
  id: nullishText,
  order,
  lastShares: contractsCenti.nullish(),
  lastPx: priceAmount.nullish(),
  type: z.string(),
  text: nullishText,
  orderRejectReason: nullishText,
  tradeId: nullishText,
  aggressor: z.boolean().nullish(),
  commissionNotionalCollected: amountMicros.nullish(),
});
export type WireExecution = z.infer<typeof execution>;

/** `POST /v1/orders`: the order id, and its executions when execution was synchronous. */
export const createOrderResponse = z.object({
  id: z.string().min(1),
  executions: z.array(execution).nullish(),
});
export type WireCreateOrder = z.infer<typeof createOrderResponse>;

export const orderResponse = z.object({ order });
export const openOrdersResponse = z.object({ orders: z.array(order).nullish() });
/** `POST /v1/order/{id}/cancel` answers an empty object. */
export const cancelOrderResponse = z.union([z.object({}), z.null()]);

/** `GET /v1/account/balances` (docs/venues-polymarket-us.md#u-portfolio): numbers in dollars. */
export const balancesResponse = z.object({
  balances: z
    .array(
      z.object({
        currency: z.string(),
        buyingPower: dollarsMicrosFloor,
        currentBalance: dollarsMicros.nullish(),
      }),
    )
    .nullish(),
});

const userPosition = z.object({
  netPosition: decimalText.nullish(),
  netPositionDecimal: decimalText.nullish(),
  expired: z.boolean().nullish(),
});

/** `GET /v1/portfolio/positions`: a map market slug → position, cursor pages (docs/venues-polymarket-us.md#u-portfolio). */
export const positionsResponse = z.object({
  positions: z.record(z.string(), userPosition).nullish(),
  nextCursor: nullishText,
  eof: z.boolean().nullish(),
});
export type WirePosition = z.infer<typeof userPosition>;

/** The centishares of a position: `netPositionDecimal` when present, else the whole-contract `netPosition`. */
export const netPositionCenti = contractsCenti;

const trade = z.object({
  id: z.string().min(1),
  marketSlug: z.string().min(1),
  state: nullishText,
  createTime: nullishText,
  price: priceAmount,
  qty: nullishText,
  qtyDecimal: nullishText,
  isAggressor: z.boolean().nullish(),
});
export type WireTrade = z.infer<typeof trade>;

/** `GET /v1/portfolio/activities` (docs/venues-polymarket-us.md#u-portfolio). */
export const activitiesResponse = z.object({
  activities: z.array(z.object({ type: z.string(), trade: trade.nullish() })).nullish(),
  nextCursor: nullishText,
  eof: z.boolean().nullish(),
});
