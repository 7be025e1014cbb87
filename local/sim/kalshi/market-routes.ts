/** Public market-data routes (no auth): series, events, markets, order books (docs/venues-kalshi.md#k1, #k2). */
import { badRequest, notFound } from './errors';
import { listParam, paginate, type Route } from './route-table';
import {
  eventJson,
  eventMarkets,
  eventStatus,
  marketJson,
  orderbookJson,
  seriesJson,
  statusFilterMatches,
} from './wire';

function depthParam(query: URLSearchParams): number {
  const raw = query.get('depth');
  if (raw === null) return 0;
  const depth = Number(raw);
  if (!Number.isInteger(depth) || depth > 100) throw badRequest('depth must be an integer ≤ 100');
  return depth;
}

export const marketRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/series/{series_ticker}',
    auth: false,
    handle: ({ state, params }) => {
      const s = state.series.get(params.series_ticker ?? '');
      if (!s) throw notFound(`series ${params.series_ticker}`);
      return { status: 200, body: { series: seriesJson(s) } };
    },
  },
  {
    method: 'GET',
    pattern: '/events',
    auth: false,
    handle: ({ state, query }) => {
      const series = query.get('series_ticker');
      const statuses = listParam(query, 'status');
      const tickers = listParam(query, 'event_ticker');
      const nested = query.get('with_nested_markets') === 'true';
      const all = [...state.events.values()].filter(
        (e) =>
          (!series || e.spec.seriesTicker === series) &&
          (tickers.length === 0 || tickers.includes(e.spec.eventTicker)) &&
          (statuses.length === 0 || statuses.includes(eventStatus(state, e))),
      );
      const { page, cursor } = paginate(all, query, 200, 200);
      return { status: 200, body: { events: page.map((e) => eventJson(state, e, nested)), milestones: [], cursor } };
    },
  },
  {
    method: 'GET',
    pattern: '/events/{event_ticker}',
    auth: false,
    handle: ({ state, params, query }) => {
      const e = state.events.get(params.event_ticker ?? '');
      if (!e) throw notFound(`event ${params.event_ticker}`);
      const nested = query.get('with_nested_markets') === 'true';
      return { status: 200, body: { event: eventJson(state, e, nested), markets: eventMarkets(state, e) } };
    },
  },
  {
    method: 'GET',
    pattern: '/markets',
    auth: false,
    handle: ({ state, query }) => {
      const series = query.get('series_ticker');
      const event = query.get('event_ticker');
      const tickers = listParam(query, 'tickers');
      const statuses = listParam(query, 'status');
      const all = [...state.markets.values()].filter((m) => {
        const seriesTicker = state.events.get(m.eventTicker)?.spec.seriesTicker;
        return (
          (!series || seriesTicker === series) &&
          (!event || m.eventTicker === event) &&
          (tickers.length === 0 || tickers.includes(m.spec.ticker)) &&
          (statuses.length === 0 || statuses.some((s) => statusFilterMatches(s, m)))
        );
      });
      const { page, cursor } = paginate(all, query, 100, 1000);
      return { status: 200, body: { markets: page.map((m) => marketJson(state, m)), cursor } };
    },
  },
  // Before `/markets/{ticker}` would matter: patterns match whole segment counts, and this
  // one is listed first so `orderbooks` is never read as a ticker.
  {
    method: 'GET',
    pattern: '/markets/orderbooks',
    auth: false,
    handle: ({ state, query }) => {
      const tickers = listParam(query, 'tickers');
      if (tickers.length === 0) throw badRequest('tickers is required');
      const orderbooks = tickers.flatMap((t) => {
        const m = state.markets.get(t);
        return m ? [{ ticker: t, orderbook_fp: orderbookJson(m, 0) }] : [];
      });
      return { status: 200, body: { orderbooks } };
    },
  },
  {
    method: 'GET',
    pattern: '/markets/{ticker}',
    auth: false,
    handle: ({ state, params }) => ({
      status: 200,
      body: { market: marketJson(state, state.market(params.ticker ?? '')) },
    }),
  },
  {
    method: 'GET',
    pattern: '/markets/{ticker}/orderbook',
    auth: false,
    handle: ({ state, params, query }) => ({
      status: 200,
      body: { orderbook_fp: orderbookJson(state.market(params.ticker ?? ''), depthParam(query)) },
    }),
  },
];
