/**
 * The simulated Kalshi trade API over HTTP on 127.0.0.1: routes under `/trade-api/v2`,
 * RSA-PSS request auth on portfolio routes, fault injection per route pattern, admin routes
 * under `/_sim`. Start it with `startKalshiSim`; everything is in memory.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LEAGUE_CATALOGUE, LEAGUE_IDS } from '../../../lib/core/leagues';
import { realClock, type SimClock, seededRandom } from '../clock';
import { FaultInjector } from '../faults';
import { matchedOutcome } from '../order-audit';
import { handleAdmin } from './admin-routes';
import { authenticate } from './auth';
import { badRequest, errorBody, KalshiSimError } from './errors';
import type { SeriesFee } from './fees';
import { malformedBody } from './malformed';
import { marketRoutes } from './market-routes';
import { portfolioRoutes } from './portfolio-routes';
import { type KalshiSimRateLimit, SimRateLimiter } from './rate-limit';
import { matchRoute, type RouteResult } from './route-table';
import { DEFAULT_SERIES_FEE, KalshiSimState, type SimAccount } from './state';
import { KalshiWsFeed, WS_PATH } from './ws-feed';

export const API_PREFIX = '/trade-api/v2';
const ROUTES = [...marketRoutes, ...portfolioRoutes];
const MAX_BODY_BYTES = 1_000_000;
/** The order-placing route: its every request goes in the order log (local/sim/order-audit.ts). */
const ORDER_ENDPOINT = 'POST /portfolio/events/orders';
/** The venue's code for a killed FOK (errors.ts `fokKilled`). */
const FOK_KILLED = 'fill_or_kill_insufficient_resting_volume';

export interface KalshiSimOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Simulation time: order/fill timestamps, late reports. Default: real time. */
  readonly clock?: SimClock;
  /** Wall clock for the signature timestamp window. Default Date.now. */
  readonly realNow?: () => number;
  /** Accepted |now − KALSHI-ACCESS-TIMESTAMP|. Default 30 s (Kalshi's own window is unpublished). */
  readonly authWindowMs?: number;
  /** Seeds fault rules with `rate` < 1. */
  readonly seed?: number;
  /** Fee schedule per series ticker (default quadratic_with_maker_fees × 1). */
  readonly seriesFees?: Readonly<Record<string, SeriesFee>>;
  /** Token-bucket rate limits per member (off by default; docs/venues-kalshi.md#k6-costs). */
  readonly rateLimit?: KalshiSimRateLimit;
  /** Time of the rate-limit buckets. Default `realNow`. */
  readonly rateNow?: () => number;
  /** Protocol Ping interval of the WebSocket feed (the venue: 10 s). 0 = none. */
  readonly wsPingEveryMs?: number;
}

export interface KalshiSim {
  /** Base URL including the API prefix, e.g. http://127.0.0.1:54321/trade-api/v2 */
  readonly url: string;
  readonly origin: string;
  /** KalshiSimControl plus the account API (registerAccount, balanceMicros, positions, setSeriesFee). */
  readonly control: KalshiSimState;
  readonly faults: FaultInjector;
  /** Present when `rateLimit` was given: counts the requests it refused. */
  readonly rateLimiter: SimRateLimiter | null;
  /** WebSocket URL of the feed, e.g. ws://127.0.0.1:54321/trade-api/ws/v2 */
  readonly wsUrl: string;
  /** The WebSocket feed: `hub.faults`, `hub.stats()`, `hub.drained()`, `sync()` (./ws-feed.ts). */
  readonly feed: KalshiWsFeed;
  close(): Promise<void>;
}

export async function startKalshiSim(options: KalshiSimOptions = {}): Promise<KalshiSim> {
  const clock = options.clock ?? realClock;
  const realNow = options.realNow ?? Date.now;
  const windowMs = options.authWindowMs ?? 30_000;
  const state = new KalshiSimState(clock);
  // Every catalogued league's game series exists, with or without open events (lib/core/leagues.ts).
  for (const id of LEAGUE_IDS) {
    const ticker = LEAGUE_CATALOGUE[id].kalshi.series;
    state.series.set(ticker, { ticker, league: id, fee: DEFAULT_SERIES_FEE });
  }
  for (const [ticker, fee] of Object.entries(options.seriesFees ?? {})) state.setSeriesFee(ticker, fee);
  const faults = new FaultInjector(seededRandom(options.seed ?? 1));
  const limiter = options.rateLimit ? new SimRateLimiter(options.rateLimit, options.rateNow ?? realNow) : null;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const feed = new KalshiWsFeed(state, { pingEveryMs: options.wsPingEveryMs ?? 10_000, realNow, windowMs });
  state.bookWatchers.add((only) => feed.sync(only));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    if (url.pathname.startsWith('/_sim/')) {
      const out = handleAdmin(method, url.pathname, body, state, faults, feed.hub);
      return send(res, out.status, out.body);
    }
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) throw new KalshiSimError(404, 'not_found', 'route not found');
    const match = matchRoute(ROUTES, method, url.pathname.slice(API_PREFIX.length));
    if (!match) throw new KalshiSimError(404, 'not_found', 'route not found');

    const decision = faults.decide(match.endpoint);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    const rule = decision.rule;
    if (rule?.kind === 'error') {
      const status = rule.status ?? 500;
      const headers: Record<string, string> = {};
      if (status === 429 && rule.retryAfterSec !== undefined) headers['Retry-After'] = String(rule.retryAfterSec);
      const code =
        status === 429 ? 'too_many_requests' : status === 503 ? 'service_unavailable' : 'internal_server_error';
      return send(res, status, errorBody(code, code.replace(/_/g, ' ')), headers);
    }
    // Budgets are per member: the key id of a signed request, else one anonymous budget.
    const member = String(req.headers['kalshi-access-key'] ?? '(anonymous)');
    if (limiter && !limiter.allow(member, match.endpoint, url.searchParams)) {
      return send(res, 429, { error: 'too many requests' });
    }
    const audit = match.endpoint === ORDER_ENDPOINT ? orderAudit(state, req, body) : null;
    let account: SimAccount | null;
    try {
      account = match.route.auth
        ? authenticate(
            { method, path: url.pathname, headers: req.headers, realNowMs: realNow(), windowMs },
            state.accounts,
          )
        : null;
    } catch (e) {
      audit?.refused(e, false);
      throw e;
    }
    const orderFaults =
      rule?.kind === 'partial'
        ? { fillRatio: rule.fillRatio ?? 0.5 }
        : rule?.kind === 'late'
          ? { reportDelayMs: rule.delayMs ?? 2_000 }
          : {};
    let result: RouteResult;
    try {
      result = match.route.handle({
        state,
        clock,
        params: match.params,
        query: url.searchParams,
        body,
        account,
        faults: orderFaults,
      });
    } catch (e) {
      audit?.refused(e, true);
      // A timed-out request still reached the venue: it did whatever it did, the answer is lost.
      if (rule?.kind === 'timeout') return;
      throw e;
    }
    if (account) audit?.placed(account, result);
    if (rule?.kind === 'timeout') return; // hold the connection until the client gives up
    if (rule?.kind === 'malformed') return send(res, 200, malformedBody(match.endpoint));
    return send(res, result.status, result.body);
  }

  const server = createServer((req, res) => {
    // Whatever a request did to the books (a fill, an admin change), subscribers hear of it; a read changes nothing.
    res.on('finish', () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') feed.sync();
    });
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return;
      if (e instanceof KalshiSimError) send(res, e.status, errorBody(e.code, e.message, e.details));
      else
        send(
          res,
          500,
          errorBody('internal_server_error', 'internal server error', e instanceof Error ? e.message : undefined),
        );
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('upgrade', (req, socket, head) => {
    if (!feed.upgrade(req, socket, head)) socket.destroy();
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${API_PREFIX}`,
    origin,
    control: state,
    faults,
    rateLimiter: limiter,
    wsUrl: `ws://127.0.0.1:${port}${WS_PATH}`,
    feed,
    close: () =>
      new Promise<void>((resolve) => {
        feed.close();
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY_BYTES) throw badRequest('body too large');
    chunks.push(b);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw badRequest('body is not valid JSON');
  }
}

/** Records one order request in the simulator's order log, once its fate is known. */
function orderAudit(state: KalshiSimState, req: IncomingMessage, body: unknown) {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const clientOrderId = typeof raw.client_order_id === 'string' ? raw.client_order_id : null;
  const keyId = req.headers['kalshi-access-key'];
  const base = { atMs: state.clock.now(), account: typeof keyId === 'string' ? keyId : null, clientOrderId };
  return {
    /** Refused or killed; `signed`: the request's signature had verified. */
    refused(e: unknown, signed: boolean): void {
      const killed = e instanceof KalshiSimError && e.code === FOK_KILLED;
      const reason =
        e instanceof KalshiSimError ? `${e.code}${e.details ? `: ${e.details}` : ''}` : 'internal server error';
      state.orderLog.record({
        ...base,
        venueOrderId: null,
        signatureVerified: signed,
        outcome: killed ? 'killed' : 'rejected',
        reason,
        filledCenti: 0,
      });
    },
    placed(account: SimAccount, result: RouteResult): void {
      const id = (result.body as { order_id?: unknown } | undefined)?.order_id;
      const order = account.orders.find((o) => o.orderId === id);
      if (!order) return;
      state.orderLog.record({
        ...base,
        clientOrderId: order.clientOrderId,
        venueOrderId: order.orderId,
        signatureVerified: true,
        outcome: matchedOutcome(order.fillCenti, order.initialCenti, order.status === 'resting'),
        reason: null,
        filledCenti: order.fillCenti,
      });
    },
  };
}
