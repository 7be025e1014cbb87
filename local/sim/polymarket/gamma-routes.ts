/**
 * Gamma discovery routes (docs/venues-polymarket.md#p1), served on their own port so that Gamma's
 * `/markets/{id}` and the CLOB's `/markets/{condition_id}` never collide.
 */
import { gammaEventView, gammaMarketView, matchesGammaFilters, page, sportsView } from './gamma-views';
import type { Route } from './http-kit';
import type { SimMarket } from './records';
import type { PolymarketSimState } from './state';

/** Repeated and comma-separated list params both work (`?id=1&id=2`, `?condition_ids=a,b`). */
function normaliseLists(query: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of query) for (const part of value.split(',')) if (part !== '') out.append(key, part);
  return out;
}

export function gammaRoutes(state: PolymarketSimState): Route[] {
  const all = () => [...state.markets.values()];
  /** `id` means the market id on `/markets` and the event id on `/events`. */
  const filtered = (query: URLSearchParams, idOf: (m: SimMarket) => string) => {
    const q = normaliseLists(query);
    const ids = q.getAll('id');
    return all().filter((m) => matchesGammaFilters(m, q) && (ids.length === 0 || ids.includes(idOf(m))));
  };
  const byEventId = (id: string) => all().find((m) => m.eventId === id);
  const notFound = { status: 404, body: { type: 'not found error', error: 'id not found' } };
  const eventAnswer = (market: SimMarket | undefined) =>
    market ? { status: 200, body: gammaEventView(state, market) } : notFound;
  const marketAnswer = (market: SimMarket | undefined) =>
    market ? { status: 200, body: gammaMarketView(state, market, true) } : notFound;

  return [
    { method: 'GET', pattern: '/sports', handler: () => ({ status: 200, body: sportsView() }) },
    {
      method: 'GET',
      pattern: '/events',
      handler: ({ query }) => ({
        status: 200,
        body: page(
          filtered(query, (m) => m.eventId),
          query,
        ).map((m) => gammaEventView(state, m)),
      }),
    },
    {
      method: 'GET',
      pattern: '/events/slug/{slug}',
      handler: ({ params }) => eventAnswer(all().find((m) => m.spec.eventSlug === params.slug)),
    },
    { method: 'GET', pattern: '/events/{id}', handler: ({ params }) => eventAnswer(byEventId(params.id ?? '')) },
    {
      method: 'GET',
      pattern: '/markets',
      handler: ({ query }) => ({
        status: 200,
        body: page(
          filtered(query, (m) => m.spec.gammaId),
          query,
        ).map((m) => gammaMarketView(state, m, true)),
      }),
    },
    {
      method: 'GET',
      pattern: '/markets/slug/{slug}',
      handler: ({ params }) => marketAnswer(all().find((m) => m.spec.eventSlug === params.slug)),
    },
    {
      method: 'GET',
      pattern: '/markets/{id}',
      handler: ({ params }) => marketAnswer(all().find((m) => m.spec.gammaId === params.id)),
    },
  ];
}
