/**
 * `startPolymarketUsSim`: the local Polymarket US on 127.0.0.1, two hosts like the venue
 * (docs/venues-polymarket-us.md#u-hosts): `gatewayUrl` serves public market data unsigned,
 * `apiUrl` serves orders and the account, every request Ed25519-signed (./auth.ts). Admin routes
 * (`/_sim/faults`, `/_sim/state`, `/_sim/order-log`, `/_sim/accounts`) are on the API host and never
 * faulted.
 *
 * Fault keys are `METHOD pattern` exactly as routed (local/sim/faults.ts):
 *   gateway: GET /v1/sports, /v1/series, /v1/events, /v1/markets, /v1/market/slug/{slug},
 *            /v1/markets/{slug}/book, /v1/markets/{slug}/bbo, /v1/markets/{slug}/settlement,
 *            /v2/leagues/{slug}/events
 *   api:     POST /v1/orders, GET /v1/order/{id}, POST /v1/order/{id}/cancel, GET /v1/orders/open,
 *            POST /v1/orders/open/cancel, POST /v1/order/preview, GET /v1/account/balances,
 *            GET /v1/portfolio/positions, GET /v1/portfolio/activities
 * Kinds: `error` answers `status` without running the route; `timeout` RUNS the route (an order
 * executes) and never answers, as a lost answer; `malformed` runs it and answers 200 with a body of
 * the wrong shape; `partial` and `late` reach order placement (./exchange.ts).
 *
 * WebSocket: the markets feed at `/v1/ws/markets` on the API host (./ws-feed.ts), its faults and
 * counters at `POST/DELETE/GET /_sim/ws-faults`, `GET /_sim/ws-stats`, `POST /_sim/ws-drop`
 * (local/sim/stream/feed-faults.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import { parseMicros } from '../../../lib/core/money';
import { realClock, type SimClock, seededRandom } from '../clock';
import { FaultInjector, type FaultRule } from '../faults';
import { matchedOutcome } from '../order-audit';
import { feedFaultSchema } from '../stream/feed-faults';
import { authenticate } from './auth';
import { errorBody, notFound, PolymarketUsSimError, tooManyRequests } from './errors';
import { cancelOrder, isOpen, type OrderFaults, placeOrder, readOrderRequest } from './exchange';
import { newPolymarketUsSimKey, type PolymarketUsSimKey } from './keys';
import { type PolymarketUsSimRateLimit, SimRateLimiter } from './rate-limit';
import { PolymarketUsSimState, SIM_LEAGUE_SLUGS, type SimAccount, type SimOrder } from './state';
import {
  balanceView,
  bboView,
  bookView,
  dollarsNumber,
  eventView,
  executionView,
  marketView,
  orderView,
  positionView,
  tradeView,
} from './wire';
import { PolymarketUsWsFeed, WS_MARKETS_PATH } from './ws-feed';

export interface PolymarketUsSimOptions {
  readonly clock?: SimClock;
  /** Wall clock for the signature timestamp window. Default Date.now. */
  readonly realNow?: () => number;
  /** Accepted |now − X-PM-Timestamp|: 30 s, "within 30 seconds of server time" (docs/venues-polymarket-us.md#u-auth). */
  readonly authWindowMs?: number;
  readonly seed?: number;
  readonly gatewayPort?: number;
  readonly apiPort?: number;
  /** 20 requests/s per key (API) and per caller (gateway) when given (docs/venues-polymarket-us.md#u-rate-limits). */
  readonly rateLimit?: PolymarketUsSimRateLimit;
  /** Page size of positions and activities (default 100, the venue's default). */
  readonly pageSize?: number;
  /** `{heartbeat: {}}` interval of the markets WebSocket (default 10 s; undocumented); 0 = none. */
  readonly wsHeartbeatEveryMs?: number;
}

export interface PolymarketUsSim {
  readonly gatewayUrl: string;
  readonly apiUrl: string;
  readonly control: PolymarketUsSimState;
  readonly faults: FaultInjector;
  readonly rateLimiter: SimRateLimiter | null;
  /** The markets WebSocket, e.g. ws://127.0.0.1:54321/v1/ws/markets (on the API host). */
  readonly wsUrl: string;
  /** Its feed: `hub.faults`, `hub.stats()`, `hub.drained()`, `sync()` (./ws-feed.ts). */
  readonly feed: PolymarketUsWsFeed;
  /**
   * A fresh throwaway Ed25519 key (./keys.ts), registered with `buyingPowerMicros` (default 0: it
   * signs reads and the WebSocket handshake, and any order is refused for buying power). Returns
   * what a client signs with (`credentials` or `streamCredentials` of lib/venues/polymarket-us);
   * `control.buyingPowerMicros(keyId)` and `control.positions(keyId)` read its account back.
   */
  registerKey(options?: { readonly buyingPowerMicros?: number; readonly keyId?: string }): PolymarketUsSimKey;
  close(): Promise<void>;
}

interface Ctx {
  readonly state: PolymarketUsSimState;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly account: SimAccount | null;
  readonly fault: FaultRule | null;
  readonly pageSize: number;
}

interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: string;
  readonly handle: (ctx: Ctx) => { status: number; body: unknown };
}

const ok = (body: unknown) => ({ status: 200, body });

function offsetPage<T>(items: readonly T[], query: URLSearchParams, max = 100): T[] {
  const limit = Math.min(max, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  return items.slice(offset, offset + limit);
}

function cursorPage<T>(items: readonly T[], query: URLSearchParams, pageSize: number) {
  const limit = Math.min(pageSize, Math.max(1, Number(query.get('limit') ?? pageSize) || pageSize));
  const raw = query.get('cursor');
  const offset = raw ? Number(Buffer.from(raw, 'base64url').toString('utf8').replace(/^o:/, '')) || 0 : 0;
  const page = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return { page, nextCursor: more ? Buffer.from(`o:${offset + limit}`).toString('base64url') : undefined, eof: !more };
}

const eventsOf = (state: PolymarketUsSimState, league?: string) =>
  [...state.markets.values()]
    .filter((m) => !league || SIM_LEAGUE_SLUGS[m.spec.league] === league)
    .map((m) => eventView(m, state.sideMarkets.get(m.spec.slug)));

const gatewayRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v1/sports',
    handle: () =>
      ok({
        sports: [
          { id: '1', name: 'Basketball', slug: 'basketball', leagues: [{ id: '11', name: 'NBA', slug: 'nba' }] },
          { id: '2', name: 'Football', slug: 'football', leagues: [{ id: '21', name: 'NFL', slug: 'nfl' }] },
          { id: '3', name: 'Hockey', slug: 'hockey', leagues: [{ id: '31', name: 'NHL', slug: 'nhl' }] },
          { id: '4', name: 'Baseball', slug: 'baseball', leagues: [{ id: '41', name: 'MLB', slug: 'mlb' }] },
        ],
      }),
  },
  {
    method: 'GET',
    pattern: '/v1/series',
    handle: () =>
      ok({
        series: Object.entries(SIM_LEAGUE_SLUGS).map(([league, slug], i) => ({
          id: 100 + i,
          slug: `${slug}-2026`,
          title: `${league} 2026`,
          active: true,
          closed: false,
          archived: false,
        })),
      }),
  },
  { method: 'GET', pattern: '/v1/events', handle: (c) => ok({ events: offsetPage(eventsOf(c.state), c.query) }) },
  {
    method: 'GET',
    pattern: '/v1/markets',
    handle: (c) => ok({ markets: offsetPage([...c.state.markets.values()].map(marketView), c.query) }),
  },
  {
    method: 'GET',
    pattern: '/v1/market/slug/{slug}',
    handle: (c) => ok({ market: marketView(c.state.market(c.params.slug!)) }),
  },
  {
    method: 'GET',
    pattern: '/v1/markets/{slug}/book',
    handle: (c) => ok(bookView(c.state.market(c.params.slug!), c.state.clock.now())),
  },
  { method: 'GET', pattern: '/v1/markets/{slug}/bbo', handle: (c) => ok(bboView(c.state.market(c.params.slug!))) },
  {
    method: 'GET',
    pattern: '/v1/markets/{slug}/settlement',
    handle: (c) => {
      const m = c.state.market(c.params.slug!);
      if (m.settlementMicros === null) throw notFound(`settlement of ${m.spec.slug}`);
      // The OpenAPI page's shape: `{slug, settlement}` with a decimal number (docs/venues-polymarket-us.md#u-settlement).
      return ok({ slug: m.spec.slug, settlement: dollarsNumber(m.settlementMicros) });
    },
  },
  {
    method: 'GET',
    pattern: '/v2/leagues/{slug}/events',
    handle: (c) => {
      const slug = c.params.slug!;
      const league = Object.entries(SIM_LEAGUE_SLUGS).find(([, s]) => s === slug);
      if (!league) throw notFound(`league ${slug}`);
      const open = eventsOf(c.state, slug).filter((e) => !e.closed || c.query.get('section') === 'all');
      return ok({
        type: 'sport',
        typeTitle: 'Games',
        section: 'general',
        sectionTitle: 'Sport',
        events: offsetPage(open, c.query),
        league: { id: 10, name: league[0], slug, isOperational: true, sportId: 1 },
      });
    },
  },
];

function ownOrder(c: Ctx) {
  const order = c.account!.orders.find((o) => o.id === c.params.id);
  if (!order) throw notFound(`order ${c.params.id}`);
  return order;
}

const apiRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/orders',
    handle: (c) => {
      const req = readOrderRequest(c.body);
      const faults: OrderFaults =
        c.fault?.kind === 'partial'
          ? { fillRatio: c.fault.fillRatio ?? 0.5 }
          : c.fault?.kind === 'late'
            ? { reportDelayMs: c.fault.delayMs ?? 2_000 }
            : {};
      const order = placeOrder(c.state, c.account!, req, faults);
      const now = c.state.clock.now();
      const m = c.state.markets.get(order.marketSlug);
      if (!req.synchronous) return ok({ id: order.id });
      // Synchronous: the executions up to the final state, unless the report is late.
      const shown = now < order.visibleAtMs ? order.executions.slice(0, 1) : order.executions;
      return ok({ id: order.id, executions: shown.map((e) => executionView(order, e, m, now)) });
    },
  },
  {
    method: 'GET',
    pattern: '/v1/order/{id}',
    handle: (c) => {
      const o = ownOrder(c);
      return ok({ order: orderView(o, c.state.markets.get(o.marketSlug), c.state.clock.now()) });
    },
  },
  {
    method: 'POST',
    pattern: '/v1/order/{id}/cancel',
    handle: (c) => {
      const o = ownOrder(c);
      const slug = (c.body as { marketSlug?: unknown } | undefined)?.marketSlug;
      if (typeof slug !== 'string' || slug !== o.marketSlug) {
        throw new PolymarketUsSimError(400, 3, 'marketSlug must name the order’s market');
      }
      cancelOrder(c.state, o);
      return ok({});
    },
  },
  {
    method: 'GET',
    pattern: '/v1/orders/open',
    handle: (c) => {
      const slugs = c.query.getAll('slugs');
      const now = c.state.clock.now();
      const orders = c
        .account!.orders.filter(
          (o) => (isOpen(o) || now < o.visibleAtMs) && (slugs.length === 0 || slugs.includes(o.marketSlug)),
        )
        .map((o) => orderView(o, c.state.markets.get(o.marketSlug), now));
      return ok({ orders });
    },
  },
  {
    method: 'POST',
    pattern: '/v1/orders/open/cancel',
    handle: (c) => {
      const slugs = (c.body as { slugs?: unknown } | undefined)?.slugs;
      const only = Array.isArray(slugs) ? slugs.filter((s): s is string => typeof s === 'string') : [];
      const canceled: string[] = [];
      for (const o of c.account!.orders) {
        if (!isOpen(o) || (only.length > 0 && !only.includes(o.marketSlug))) continue;
        cancelOrder(c.state, o);
        canceled.push(o.id);
      }
      return ok({ canceledOrderIds: canceled });
    },
  },
  {
    method: 'POST',
    pattern: '/v1/order/preview',
    handle: (c) => {
      const req = readOrderRequest((c.body as { request?: unknown } | undefined)?.request);
      const now = c.state.clock.now();
      const draft = {
        id: '',
        marketSlug: req.marketSlug,
        intent: req.intent,
        tif: req.tif,
        priceMicros: req.priceMicros,
        quantityCenti: req.quantityCenti ?? 0,
        state: 'ORDER_STATE_PENDING_NEW',
        cumCenti: 0,
        notionalLongCentiMicros: 0,
        commissionMicros: 0,
        createdAtMs: now,
        visibleAtMs: now,
        executions: [],
      };
      return ok({ order: orderView(draft, c.state.markets.get(req.marketSlug), now) });
    },
  },
  { method: 'GET', pattern: '/v1/account/balances', handle: (c) => ok(balanceView(c.account!, c.state.clock.now())) },
  {
    method: 'GET',
    pattern: '/v1/portfolio/positions',
    handle: (c) => {
      const a = c.account!;
      const now = c.state.clock.now();
      const market = c.query.get('market');
      // A position an order's late report still hides is not shown either.
      const hidden = new Map<string, number>();
      for (const t of a.trades) {
        if (now >= t.visibleAtMs) continue;
        const o = a.orders.find((x) => x.id === t.orderId);
        const sign = o && (o.intent === 'ORDER_INTENT_BUY_LONG' || o.intent === 'ORDER_INTENT_SELL_SHORT') ? 1 : -1;
        hidden.set(t.marketSlug, (hidden.get(t.marketSlug) ?? 0) + sign * t.sizeCenti);
      }
      const rows: Array<[string, ReturnType<typeof positionView>]> = [];
      for (const [slug, net] of a.positions) {
        const shown = net - (hidden.get(slug) ?? 0);
        if (shown !== 0) rows.push([slug, positionView(slug, shown, c.state.markets.get(slug), false, now)]);
      }
      for (const [slug, net] of a.expired)
        rows.push([slug, positionView(slug, net, c.state.markets.get(slug), true, now)]);
      const filtered = market ? rows.filter(([slug]) => slug === market) : rows;
      const { page, nextCursor, eof } = cursorPage(filtered, c.query, c.pageSize);
      return ok({ positions: Object.fromEntries(page), ...(nextCursor ? { nextCursor } : {}), eof });
    },
  },
  {
    method: 'GET',
    pattern: '/v1/portfolio/activities',
    handle: (c) => {
      const a = c.account!;
      const now = c.state.clock.now();
      const slug = c.query.get('marketSlug');
      const types = c.query.getAll('types');
      const want = (t: string) => types.length === 0 || types.includes(t);
      const items: Array<{ at: number; body: unknown }> = [];
      if (want('ACTIVITY_TYPE_TRADE')) {
        for (const t of a.trades) {
          if (now < t.visibleAtMs || (slug && t.marketSlug !== slug)) continue;
          items.push({ at: t.atMs, body: { type: 'ACTIVITY_TYPE_TRADE', trade: tradeView(t) } });
        }
      }
      if (want('ACTIVITY_TYPE_POSITION_RESOLUTION')) {
        for (const r of a.resolutions) {
          if (slug && r.marketSlug !== slug) continue;
          items.push({
            at: r.atMs,
            body: {
              type: 'ACTIVITY_TYPE_POSITION_RESOLUTION',
              positionResolution: {
                marketSlug: r.marketSlug,
                beforePosition: positionView(
                  r.marketSlug,
                  r.beforeCenti,
                  c.state.markets.get(r.marketSlug),
                  false,
                  r.atMs,
                ),
                afterPosition: positionView(r.marketSlug, 0, c.state.markets.get(r.marketSlug), true, r.atMs),
                updateTime: new Date(r.atMs).toISOString(),
                side: r.side === 'long' ? 'POSITION_RESOLUTION_SIDE_LONG' : 'POSITION_RESOLUTION_SIDE_SHORT',
              },
            },
          });
        }
      }
      const ascending = c.query.get('sortOrder') === 'SORT_ORDER_ASCENDING';
      items.sort((x, y) => (ascending ? x.at - y.at : y.at - x.at));
      const { page, nextCursor, eof } = cursorPage(
        items.map((i) => i.body),
        c.query,
        c.pageSize,
      );
      return ok({ activities: page, ...(nextCursor ? { nextCursor } : {}), eof });
    },
  },
];

function match(routes: readonly Route[], method: string, path: string) {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let hit = true;
    for (let i = 0; i < parts.length && hit; i++) {
      const part = parts[i] as string;
      const seg = segments[i] as string;
      if (part.startsWith('{')) {
        try {
          params[part.slice(1, -1)] = decodeURIComponent(seg);
        } catch {
          hit = false;
        }
      } else hit = part === seg;
    }
    if (hit) return { route, params };
  }
  return null;
}

const accountSchema = z.object({
  keyId: z.string().uuid(),
  publicKeyBase64: z.string().min(1),
  buyingPowerDollars: z.string().regex(/^\d+(\.\d{1,6})?$/),
});

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new PolymarketUsSimError(413, 8, 'body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new PolymarketUsSimError(400, 3, 'body is not valid JSON');
  }
}

/** A body of the wrong shape: the first key of each object dropped, numbers and decimal strings swapped. */
function malformed(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [{ unexpected: true }] : value.map(malformed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .slice(1)
        .map(([k, v]) => [k, malformed(v)]),
    );
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (typeof value === 'number') return String(value);
  return value;
}

export async function startPolymarketUsSim(options: PolymarketUsSimOptions = {}): Promise<PolymarketUsSim> {
  const clock = options.clock ?? realClock;
  const realNow = options.realNow ?? Date.now;
  const windowMs = options.authWindowMs ?? 30_000;
  const pageSize = options.pageSize ?? 100;
  const state = new PolymarketUsSimState(clock);
  const faults = new FaultInjector(seededRandom(options.seed ?? 1));
  const limiter = options.rateLimit ? new SimRateLimiter(options.rateLimit, realNow) : null;
  const feed = new PolymarketUsWsFeed(state, { heartbeatEveryMs: options.wsHeartbeatEveryMs, realNow, windowMs });
  state.bookWatchers.add((only) => feed.sync(only));
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function admin(method: string, path: string, body: unknown): { status: number; body: unknown } {
    switch (`${method} ${path}`) {
      case 'POST /_sim/faults': {
        const rules = Array.isArray(body) ? body : [body];
        return { status: 201, body: { ids: rules.map((r) => faults.add(r as Parameters<FaultInjector['add']>[0])) } };
      }
      case 'DELETE /_sim/faults':
        faults.clear();
        return { status: 200, body: { cleared: true } };
      case 'GET /_sim/faults':
        return { status: 200, body: { faults: faults.list() } };
      case 'GET /_sim/order-log':
        return { status: 200, body: state.orderLog.entries() };
      case 'GET /_sim/state':
        return {
          status: 200,
          body: {
            markets: [...state.markets.values()].map((m) => ({
              slug: m.spec.slug,
              status: m.status,
              settlement: m.settlementMicros,
            })),
            accounts: [...state.accounts.values()].map((a) => ({
              keyId: a.keyId,
              buyingPowerMicros: a.buyingPowerMicros,
              positions: Object.fromEntries(a.positions),
              orders: a.orders.length,
            })),
          },
        };
      case 'POST /_sim/ws-faults':
        return { status: 201, body: { id: feed.hub.faults.add(feedFaultSchema.parse(body)) } };
      case 'DELETE /_sim/ws-faults':
        feed.hub.faults.clear();
        return { status: 200, body: { cleared: true } };
      case 'GET /_sim/ws-faults':
        return { status: 200, body: { faults: feed.hub.faults.list() } };
      case 'GET /_sim/ws-stats':
        return { status: 200, body: { ...feed.hub.stats(), subscriptions: feed.subscriptions() } };
      case 'POST /_sim/ws-drop':
        feed.hub.dropAll();
        return { status: 200, body: { dropped: true } };
      case 'POST /_sim/accounts': {
        const input = accountSchema.parse(body);
        const a = state.registerAccount({
          keyId: input.keyId,
          publicKeyBase64: input.publicKeyBase64,
          buyingPowerMicros: parseMicros(input.buyingPowerDollars),
        });
        return { status: 201, body: { keyId: a.keyId } };
      }
      default:
        throw notFound(`admin route ${method} ${path}`);
    }
  }

  function serve(host: 'gateway' | 'api') {
    const routes = host === 'gateway' ? gatewayRoutes : apiRoutes;
    return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const body = await readBody(req);
      if (host === 'api' && url.pathname.startsWith('/_sim/')) {
        try {
          const out = admin(method, url.pathname, body);
          return send(res, out.status, out.body);
        } catch (e) {
          if (e instanceof PolymarketUsSimError) throw e;
          throw new PolymarketUsSimError(400, 3, e instanceof Error ? e.message : 'bad admin request');
        }
      }
      const found = match(routes, method, url.pathname);
      if (!found) throw notFound(`route ${method} ${url.pathname}`);
      const endpoint = `${found.route.method} ${found.route.pattern}`;
      const decision = faults.decide(endpoint);
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      const rule = decision.rule;
      if (rule?.kind === 'error') {
        const status = rule.status ?? 500;
        return send(
          res,
          status,
          status === 429
            ? { status: 429, message: 'Too Many Requests' }
            : { code: 13, message: 'internal error', details: [] },
        );
      }
      const caller =
        host === 'api' ? String(req.headers['x-pm-access-key'] ?? '(anonymous)') : (req.socket.remoteAddress ?? '?');
      if (limiter && !limiter.allow(`${host} ${caller}`)) throw tooManyRequests();
      const isOrder = endpoint === 'POST /v1/orders';
      const account =
        host === 'api'
          ? (() => {
              try {
                return authenticate(
                  { method, path: url.pathname, headers: req.headers, realNowMs: realNow(), windowMs },
                  state.accounts,
                );
              } catch (e) {
                if (isOrder) audit(state, caller, null, false, e);
                throw e;
              }
            })()
          : null;
      let out: { status: number; body: unknown };
      try {
        out = found.route.handle({
          state,
          params: found.params,
          query: url.searchParams,
          body,
          account,
          fault: rule,
          pageSize,
        });
      } catch (e) {
        if (isOrder) audit(state, caller, null, true, e);
        if (rule?.kind === 'timeout') return; // it reached the venue; the answer is lost
        throw e;
      }
      if (isOrder && account) {
        const id = (out.body as { id?: string }).id;
        audit(state, caller, account.orders.find((o) => o.id === id) ?? null, true, null);
      }
      if (rule?.kind === 'timeout') return; // the order (if any) executed; the answer is lost
      if (rule?.kind === 'malformed') return send(res, 200, malformed(out.body));
      return send(res, out.status, out.body);
    };
  }

  async function listen(host: 'gateway' | 'api', port: number | undefined): Promise<{ server: Server; url: string }> {
    const handler = serve(host);
    const server = createServer((req, res) => {
      handler(req, res)
        .catch((e: unknown) => {
          const err = e instanceof PolymarketUsSimError ? e : new PolymarketUsSimError(500, 13, 'internal error');
          send(res, err.status, errorBody(err));
        })
        // An order may have traded: the feed sends the books that changed.
        .finally(() => host === 'api' && req.method !== 'GET' && feed.sync());
    });
    server.keepAliveTimeout = 5_000;
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port ?? 0, '127.0.0.1', () => resolve());
    });
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  const [gateway, api] = await Promise.all([listen('gateway', options.gatewayPort), listen('api', options.apiPort)]);
  api.server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    if (!feed.upgrade(req, socket, head)) socket.destroy();
  });
  return {
    gatewayUrl: gateway.url,
    apiUrl: api.url,
    control: state,
    faults,
    rateLimiter: limiter,
    wsUrl: `${api.url.replace(/^http:/, 'ws:')}${WS_MARKETS_PATH}`,
    feed,
    registerKey: (opts = {}) => {
      const key = newPolymarketUsSimKey(opts.keyId);
      state.registerAccount({
        keyId: key.keyId,
        publicKeyBase64: key.publicKeyBase64,
        buyingPowerMicros: opts.buyingPowerMicros ?? 0,
      });
      return key;
    },
    close: () =>
      new Promise<void>((resolve) => {
        feed.close();
        for (const t of timers) clearTimeout(t);
        timers.clear();
        let open = 2;
        const done = () => {
          open -= 1;
          if (open === 0) resolve();
        };
        gateway.server.close(done);
        api.server.close(done);
        for (const s of sockets) s.destroy();
      }),
  };
}

/** One order request in the simulator's order log (local/sim/order-audit.ts). */
function audit(
  state: PolymarketUsSimState,
  account: string,
  order: SimOrder | null,
  signed: boolean,
  error: unknown,
): void {
  const atMs = state.clock.now();
  if (!order) {
    state.orderLog.record({
      atMs,
      account,
      clientOrderId: null,
      venueOrderId: null,
      signatureVerified: signed,
      outcome: 'rejected',
      reason: error instanceof Error ? error.message : 'refused',
      filledCenti: 0,
    });
    return;
  }
  const rejected = order.state === 'ORDER_STATE_REJECTED';
  const last = order.executions.at(-1);
  state.orderLog.record({
    atMs,
    account,
    clientOrderId: null,
    venueOrderId: order.id,
    signatureVerified: true,
    outcome: rejected ? 'rejected' : matchedOutcome(order.cumCenti, order.quantityCenti, isOpen(order)),
    reason: rejected || order.cumCenti === 0 ? (last?.rejectReason ?? last?.text ?? null) : null,
    filledCenti: order.cumCenti,
  });
}
