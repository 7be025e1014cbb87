/**
 * Gamma discovery routes (docs/venues-polymarket.md#p1), served on their own port so that Gamma's
 * `/markets/{id}` and the CLOB's `/markets/{condition_id}` never collide.
 *
 * Strict rules, each from a public source:
 *  - `limit` is clamped silently: 100 on `/markets*`, 500 on `/events*` (docs/venues-polymarket.md#p1-offset-sunset);
 *  - the legacy offset endpoints carry `deprecation`/`sunset`/`warning` headers and refuse an offset past the cap
 *    with 422 (#p1-offset-sunset);
 *  - keyset: `after_cursor` continues, `cursor` is ignored, `next_cursor` is absent on the last page, a cursor only
 *    continues its own query (#p1-keyset);
 *  - `condition_ids` holds at most 100 ids (#p1-keyset; the refusal's wording is ours, unverified).
 */
import {
  GAMMA_CONDITION_IDS_CAP,
  GAMMA_DEPRECATION_HEADERS,
  GAMMA_EVENTS_CAP,
  GAMMA_MARKETS_CAP,
  GAMMA_OFFSET_CAP,
  GAMMA_OFFSET_TOO_LARGE,
} from './constants';
import {
  gammaEventView,
  gammaMarketView,
  gammaQueryProblem,
  keysetPage,
  matchesGammaFilters,
  page,
  sportsView,
} from './gamma-views';
import type { Route, RouteResult } from './http-kit';
import type { SimMarket } from './records';
import type { PolymarketSimState } from './state';

export interface GammaPolicy {
  /** Deepest `offset` the legacy `/markets` and `/events` still answer. Default GAMMA_OFFSET_CAP. */
  readonly offsetCap?: number;
}

/** Repeated and comma-separated list params both work (`?id=1&id=2`, `?condition_ids=a,b`). */
function normaliseLists(query: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of query) for (const part of value.split(',')) if (part !== '') out.append(key, part);
  return out;
}

const validation = (error: string): RouteResult => ({ status: 422, body: { type: 'validation error', error } });

export function gammaRoutes(state: PolymarketSimState, policy: GammaPolicy = {}): Route[] {
  const offsetCap = policy.offsetCap ?? GAMMA_OFFSET_CAP;
  const all = () => [...state.markets.values()];
  /** `id` means the market id on `/markets` and the event id on `/events`. */
  const filtered = (query: URLSearchParams, idOf: (m: SimMarket) => string) => {
    const q = normaliseLists(query);
    const ids = q.getAll('id');
    const rows = all().filter((m) => matchesGammaFilters(m, q) && (ids.length === 0 || ids.includes(idOf(m))));
    // `/events*` lists an event once, whatever number of markets it holds (its view lists them all).
    const seen = new Set<string>();
    return rows.filter((m) => {
      const id = idOf(m);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  };
  const byEventId = (id: string) => all().find((m) => m.eventId === id);
  const notFound = { status: 404, body: { type: 'not found error', error: 'id not found' } };
  const eventAnswer = (market: SimMarket | undefined) =>
    market ? { status: 200, body: gammaEventView(state, market) } : notFound;
  const marketAnswer = (market: SimMarket | undefined) =>
    market ? { status: 200, body: gammaMarketView(state, market, true) } : notFound;

  /** Legacy offset listing: deprecated, clamped, refused past the offset cap. */
  const legacy = (
    query: URLSearchParams,
    cap: number,
    replacement: string,
    idOf: (m: SimMarket) => string,
    view: (m: SimMarket) => unknown,
  ): RouteResult => {
    const headers = GAMMA_DEPRECATION_HEADERS(replacement);
    const problem = gammaQueryProblem(query);
    if (problem) return { ...validation(problem), headers };
    if (Number(query.get('offset') ?? '0') > offsetCap) return { status: 422, body: GAMMA_OFFSET_TOO_LARGE, headers };
    return { status: 200, body: page(filtered(query, idOf), query, cap).map(view), headers };
  };

  const keyset = (
    query: URLSearchParams,
    cap: number,
    key: 'events' | 'markets',
    idOf: (m: SimMarket) => string,
    view: (m: SimMarket) => unknown,
  ): RouteResult => {
    const problem = gammaQueryProblem(query);
    if (problem) return validation(problem);
    const result = keysetPage(filtered(query, idOf), query, cap);
    if ('error' in result) return validation(result.error);
    const body: Record<string, unknown> = { [key]: result.rows.map(view) };
    if (result.next !== undefined) body.next_cursor = result.next;
    return { status: 200, body };
  };

  return [
    { method: 'GET', pattern: '/sports', handler: () => ({ status: 200, body: sportsView(state) }) },
    {
      method: 'GET',
      pattern: '/events/keyset',
      handler: ({ query }) =>
        keyset(
          query,
          GAMMA_EVENTS_CAP,
          'events',
          (m) => m.eventId,
          (m) => gammaEventView(state, m),
        ),
    },
    {
      method: 'GET',
      pattern: '/events',
      handler: ({ query }) =>
        legacy(
          query,
          GAMMA_EVENTS_CAP,
          '/events/keyset',
          (m) => m.eventId,
          (m) => gammaEventView(state, m),
        ),
    },
    {
      method: 'GET',
      pattern: '/events/slug/{slug}',
      handler: ({ params }) => eventAnswer(all().find((m) => m.spec.eventSlug === params.slug)),
    },
    { method: 'GET', pattern: '/events/{id}', handler: ({ params }) => eventAnswer(byEventId(params.id ?? '')) },
    {
      method: 'GET',
      pattern: '/markets/keyset',
      handler: ({ query }) => {
        if (normaliseLists(query).getAll('condition_ids').length > GAMMA_CONDITION_IDS_CAP) {
          return validation(`at most ${GAMMA_CONDITION_IDS_CAP} condition_ids`);
        }
        return keyset(
          query,
          GAMMA_MARKETS_CAP,
          'markets',
          (m) => m.spec.gammaId,
          (m) => gammaMarketView(state, m, true),
        );
      },
    },
    {
      method: 'GET',
      pattern: '/markets',
      handler: ({ query }) =>
        legacy(
          query,
          GAMMA_MARKETS_CAP,
          '/markets/keyset',
          (m) => m.spec.gammaId,
          (m) => gammaMarketView(state, m, true),
        ),
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
