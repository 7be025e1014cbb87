/**
 * Public CLOB routes (docs/venues-polymarket.md#p2): books, market config, tick size, neg-risk, fee rate,
 * server time and protocol version. No authentication.
 */
import { z } from 'zod';
import { bookView, clobMarketInfoView, clobMarketView } from './clob-views';
import { ERR } from './constants';
import { parseJson, type Route, type RouteResult } from './http-kit';
import type { PolymarketSimState } from './state';
import { decimalNumber } from './wire-numbers';

const booksBodySchema = z.array(z.object({ token_id: z.string().min(1) })).max(500);

export function clobPublicRoutes(state: PolymarketSimState): Route[] {
  const tokenMarket = (tokenId: string | null) => (tokenId ? state.marketOfToken(tokenId) : undefined);
  const withToken = (tokenId: string | null, answer: (tokenId: string) => RouteResult): RouteResult => {
    if (!tokenId || !/^\d+$/.test(tokenId)) return { status: 400, body: { error: ERR.invalidTokenId } };
    if (!tokenMarket(tokenId)) return { status: 404, body: { error: ERR.noOrderbook } };
    return answer(tokenId);
  };
  const book = (tokenId: string) => bookView(state, tokenId, state.marketOfToken(tokenId)!, state.books.get(tokenId)!);
  const marketNotFound = { status: 404, body: { error: 'market not found' } };

  return [
    { method: 'GET', pattern: '/', handler: () => ({ status: 200, body: 'OK' }) },
    { method: 'GET', pattern: '/ok', handler: () => ({ status: 200, body: 'OK' }) },
    { method: 'GET', pattern: '/time', handler: () => ({ status: 200, body: Math.floor(state.clock.now() / 1000) }) },
    { method: 'GET', pattern: '/version', handler: () => ({ status: 200, body: { version: 2 } }) },
    {
      method: 'GET',
      pattern: '/book',
      handler: ({ query }) => withToken(query.get('token_id'), (t) => ({ status: 200, body: book(t) })),
    },
    {
      method: 'POST',
      pattern: '/books',
      handler: ({ rawBody }) => {
        const parsed = booksBodySchema.safeParse(parseJson(rawBody));
        if (!parsed.success) return { status: 400, body: { error: ERR.invalidBooksPayload } };
        const known = parsed.data.map((p) => p.token_id).filter((t) => tokenMarket(t));
        return { status: 200, body: known.map(book) };
      },
    },
    {
      method: 'GET',
      pattern: '/tick-size',
      handler: ({ query }) =>
        withToken(query.get('token_id'), (t) => ({
          status: 200,
          body: { minimum_tick_size: decimalNumber(tokenMarket(t)!.spec.tickMicros, 6) },
        })),
    },
    {
      method: 'GET',
      pattern: '/neg-risk',
      handler: ({ query }) =>
        withToken(query.get('token_id'), (t) => ({ status: 200, body: { neg_risk: tokenMarket(t)!.spec.negRisk } })),
    },
    {
      // Legacy V1 field; V2 fees are charged at match time from the market's fee schedule (docs/venues-polymarket.md#p5-fees).
      method: 'GET',
      pattern: '/fee-rate',
      handler: ({ query }) => withToken(query.get('token_id'), () => ({ status: 200, body: { base_fee: 0 } })),
    },
    {
      method: 'GET',
      pattern: '/markets/{condition_id}',
      handler: ({ params }) => {
        const market = state.markets.get(params.condition_id ?? '');
        return market ? { status: 200, body: clobMarketView(state, market) } : marketNotFound;
      },
    },
    {
      method: 'GET',
      pattern: '/clob-markets/{condition_id}',
      handler: ({ params }) => {
        const market = state.markets.get(params.condition_id ?? '');
        return market ? { status: 200, body: clobMarketInfoView(market) } : marketNotFound;
      },
    },
    {
      method: 'GET',
      pattern: '/markets-by-token/{token_id}',
      handler: ({ params }) => {
        const market = tokenMarket(params.token_id ?? null);
        return market ? { status: 200, body: { condition_id: market.spec.conditionId } } : marketNotFound;
      },
    },
  ];
}
