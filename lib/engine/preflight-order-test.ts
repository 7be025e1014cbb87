/**
 * The opt-in order test of preflight (docs/engine.md#preflight): on each venue ONE fill-or-kill
 * BUY far below the best ask (the larger of the market's tick and $0.01, sized to be worth $1 at
 * that price, or the market's minimum size if larger), so the venue signs, accepts and kills it
 * with nothing filled. It refuses to send when
 * that price would reach the best ask. Any fill is a failed check and a critical alert: the
 * operator holds a few shares to sell.
 */
import { type GamePair, type InstrumentRef, isOutcomeEvent, type VenueGame, type VenueName } from '../core/market';
import { displayUsd, formatCentishares, formatMicros } from '../core/money';
import type { Clock, Logger, Notifier, OrderResult, PreflightCheck, Venue } from './ports';
import { check, explainError, type Listing, VENUE_TITLE, type VenueHints } from './preflight-checks';

/** The cheapest price every supported tick grid holds and the FOK precision rules accept. */
const FLOOR_PRICE_MICROS = 10_000;
/**
 * What the test order is worth at its price. A marketable buy under $1 is refused by Polymarket
 * before it reaches the book (docs/venues-polymarket.md#p5-minimums); the same $1 is used on every
 * venue so the test is the same everywhere and still costs nothing, since it is killed.
 */
const TEST_ORDER_VALUE_MICROS = 1_000_000;

export interface OrderTestDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly notifier: Notifier;
}

function instrumentOf(venue: VenueName, pairs: readonly GamePair[], listing: Listing | null): InstrumentRef | null {
  const pair = pairs[0];
  if (pair) {
    const side = pair.sides[0];
    return venue === 'kalshi' ? { venue: 'kalshi', ticker: side.kalshiTicker, side: 'yes' } : side.polymarket;
  }
  const game = listing?.games.find((g: VenueGame) =>
    g.venue === 'kalshi' ? g.markets.some((m) => m.tradable) : g.tradable,
  );
  if (!game) return null;
  switch (game.venue) {
    case 'polymarket': {
      if (!isOutcomeEvent(game))
        return { venue: 'polymarket', conditionId: game.conditionId, tokenId: game.outcomes[0].tokenId };
      const market = game.markets.find((m) => m.tradable);
      return market ? { venue: 'polymarket', conditionId: market.conditionId, tokenId: market.yesTokenId } : null;
    }
    case 'polymarket-us':
      return { venue: 'polymarket-us', marketSlug: game.marketSlug, side: 'long' };
    case 'kalshi': {
      const market = game.markets.find((m) => m.tradable)!;
      return { venue: 'kalshi', ticker: market.ticker, side: 'yes' };
    }
  }
}

function describe(i: InstrumentRef): string {
  switch (i.venue) {
    case 'kalshi':
      return `${i.ticker} ${i.side.toUpperCase()}`;
    case 'polymarket':
      return `token …${i.tokenId.slice(-6)}`;
    case 'polymarket-us':
      return `${i.marketSlug} ${i.side}`;
  }
}

export async function orderTest(
  deps: OrderTestDeps,
  venue: Venue,
  pairs: readonly GamePair[],
  listing: Listing | null,
  hints: VenueHints,
): Promise<PreflightCheck> {
  const id = 'order-test';
  const name = VENUE_TITLE[venue.name];
  const instrument = instrumentOf(venue.name, pairs, listing);
  if (!instrument)
    return check(
      id,
      venue.name,
      false,
      'skip',
      `no tradable ${name} market to test an order on`,
      'Run it on a game day.',
    );
  let book;
  try {
    book = (await venue.getBooks([instrument])).values().next().value;
  } catch (err) {
    const e = explainError(venue.name, err, hints, 'the order book read');
    return check(id, venue.name, true, 'fail', e.detail, e.fix);
  }
  if (!book) return check(id, venue.name, false, 'skip', `no book for ${describe(instrument)}`);
  const priceMicros = Math.max(book.tickMicros, FLOOR_PRICE_MICROS);
  const bestAsk = book.asks[0]?.priceMicros;
  if (bestAsk !== undefined && priceMicros >= bestAsk)
    return check(
      id,
      venue.name,
      false,
      'warn',
      `not sent: a buy at ${formatMicros(priceMicros, 4)} would reach the best ask ${formatMicros(bestAsk, 4)} on ${describe(instrument)} and could fill`,
      'Run the order test again when the market is not priced at its floor.',
    );
  const worthDollar = Math.ceil((TEST_ORDER_VALUE_MICROS * 100) / priceMicros);
  const sizeCenti = Math.ceil(Math.max(book.minSizeCenti, 100, worthDollar) / 100) * 100;
  const what = `FOK buy of ${formatCentishares(sizeCenti)} at ${formatMicros(priceMicros, 4)} on ${describe(instrument)}`;
  let result: OrderResult;
  try {
    result = await venue.placeOrder({
      clientOrderId: `preflight-${venue.name}-${deps.clock.now()}`,
      instrument,
      side: 'buy',
      priceMicros,
      sizeCenti,
      tif: 'FOK',
    });
  } catch (err) {
    const e = explainError(venue.name, err, hints, `the test order (${what})`);
    return check(id, venue.name, true, 'fail', e.detail, e.fix);
  }
  if (result.filledCenti > 0) {
    const text = `${name} test order FILLED ${formatCentishares(result.filledCenti)} shares for ${displayUsd(result.notionalMicros)} (${what})`;
    deps.logger.error(`🚨 preflight: ${text}`);
    try {
      await deps.notifier.notify({ subject: `🚨 Preflight test order filled on ${name}`, text, severity: 'critical' });
    } catch {
      deps.logger.error('preflight: the alert could not be sent');
    }
    return check(
      id,
      venue.name,
      true,
      'fail',
      text,
      `Sell the ${formatCentishares(result.filledCenti)} shares on ${name}'s site, and report this: the test order must never fill.`,
    );
  }
  if (result.status === 'resting' || result.status === 'pending') {
    await venue
      .cancelOrder({
        clientOrderId: result.clientOrderId,
        instrument,
        ...(result.venueOrderId ? { venueOrderId: result.venueOrderId } : {}),
      })
      .catch(() => undefined);
    return check(
      id,
      venue.name,
      true,
      'fail',
      `${what}: the venue reported it ${result.status} instead of killing it (a cancel was sent)`,
      `Check on ${name}'s site that no order of ours rests on the book; fill-or-kill orders must never rest.`,
    );
  }
  return check(
    id,
    venue.name,
    true,
    'pass',
    `${what}: signed, accepted and killed with nothing filled${result.venueOrderId ? ` (order ${result.venueOrderId})` : ''}`,
  );
}
