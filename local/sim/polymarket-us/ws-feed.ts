/**
 * The simulated Polymarket US markets WebSocket (`/v1/ws/markets` on the API host), as
 * docs/venues-polymarket-us.md#u-stream describes the venue's:
 * - the handshake carries the X-PM-* headers signed like a `GET` of the path (Ed25519, the 30 s
 *   window: ./auth.ts) and is refused with 401 otherwise (`/v1/ws/private` is not simulated: 404);
 * - requests `{subscribe: {requestId, subscriptionType, marketSlugs}}` and
 *   `{unsubscribe: {requestId}}`; at most 100 markets per subscription; a refused request is
 *   answered `{requestId, error}`;
 * - `SUBSCRIPTION_TYPE_MARKET_DATA` only: one `{requestId, subscriptionType, marketData}` frame
 *   per market on subscription, then one whenever its book changes, each the market's WHOLE book
 *   in the REST book's shape (./wire.ts `bookView`); nothing is numbered;
 * - `{heartbeat: {}}` every `heartbeatEveryMs`.
 * What the venue leaves unsaid is the simulator's assumption (docs/venues-polymarket-us.md#u-sim):
 * error texts, unknown slugs (no frame), a request id in use twice (refused), no answer to an
 * accepted unsubscribe, the heartbeat interval.
 *
 * Driven by the same books the REST routes serve: `sync()` sends every subscription the books
 * that changed since it last sent them. The server calls it after every API request that may
 * trade and whenever the state says a book changed (scenario driver, control calls).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import type { FeedConnection } from '../stream/feed-connection';
import { FeedHub, refuseUpgrade } from '../stream/feed-hub';
import { authenticate } from './auth';
import { errorBody, PolymarketUsSimError } from './errors';
import type { PolymarketUsSimState } from './state';
import { bookView } from './wire';

export const WS_MARKETS_PATH = '/v1/ws/markets';
export const WS_PRIVATE_PATH = '/v1/ws/private';
const MARKET_DATA = 'SUBSCRIPTION_TYPE_MARKET_DATA';
/** Valid on the venue's markets WebSocket, not simulated here. */
const NOT_SIMULATED = ['SUBSCRIPTION_TYPE_MARKET_DATA_LITE', 'SUBSCRIPTION_TYPE_TRADE'];
/** "You can subscribe to a maximum of 100 markets per subscription" (docs/venues-polymarket-us.md#u-stream). */
export const MAX_MARKETS_PER_SUBSCRIPTION = 100;

const subscribeRequest = z.object({
  subscribe: z.object({
    requestId: z.string().min(1),
    subscriptionType: z.string(),
    marketSlugs: z.array(z.string()).optional(),
    responsesDebounced: z.boolean().optional(),
  }),
});
const unsubscribeRequest = z.object({ unsubscribe: z.object({ requestId: z.string().min(1) }) });

interface Sub {
  readonly requestId: string;
  /** What this subscription last sent per market (the book without its time). */
  readonly sent: Map<string, string>;
}
interface Client {
  readonly conn: FeedConnection;
  readonly subs: Map<string, Sub>;
}

export interface PolymarketUsFeedOptions {
  /** `{heartbeat: {}}` interval (the venue's is not documented); 0 = none. */
  readonly heartbeatEveryMs?: number;
  /** Wall clock for the handshake's signature window. */
  readonly realNow: () => number;
  readonly windowMs: number;
}

export class PolymarketUsWsFeed {
  readonly hub = new FeedHub(0);
  private readonly clients = new Map<number, Client>();
  private readonly heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly state: PolymarketUsSimState,
    private readonly options: PolymarketUsFeedOptions,
  ) {
    const every = options.heartbeatEveryMs ?? 10_000;
    if (every > 0) {
      this.heartbeat = setInterval(() => {
        // A heartbeat is the feed's own: like a PONG it goes through a freeze (the book data does not).
        for (const c of this.clients.values()) c.conn.send(JSON.stringify({ heartbeat: {} }), true);
      }, every);
      this.heartbeat.unref();
    }
  }

  /** Handles an upgrade on one of the WebSocket paths; false when the path is not one. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === WS_PRIVATE_PATH) {
      refuseUpgrade(socket, 404, 'Not Found', {
        code: 5,
        message: 'the private WebSocket is not simulated',
        details: [],
      });
      return true;
    }
    if (path !== WS_MARKETS_PATH) return false;
    try {
      authenticate(
        {
          method: 'GET',
          path,
          headers: req.headers,
          realNowMs: this.options.realNow(),
          windowMs: this.options.windowMs,
        },
        this.state.accounts,
      );
    } catch (e) {
      const err = e instanceof PolymarketUsSimError ? e : new PolymarketUsSimError(401, 16, 'unauthorized');
      refuseUpgrade(socket, 401, 'Unauthorized', errorBody(err));
      return true;
    }
    this.hub.accept(req, socket, head, (conn) => {
      const client: Client = { conn, subs: new Map() };
      this.clients.set(conn.id, client);
      conn.ws.on('message', (data, binary) => {
        if (!binary) this.onRequest(client, String(data));
      });
      conn.ws.on('close', () => this.clients.delete(conn.id));
    });
    return true;
  }

  /** Sends every subscription the books (`only`: of that market) that changed since it last sent them. */
  sync(only?: string): void {
    for (const client of this.clients.values()) {
      if (!client.conn.open) continue;
      for (const sub of client.subs.values()) {
        for (const slug of sub.sent.keys())
          if (only === undefined || slug === only) this.send(client, sub, slug, false);
      }
    }
  }

  /** The live subscriptions of every open connection: request id and how many markets it holds. */
  subscriptions(): Array<{ connection: number; requestId: string; markets: number }> {
    return [...this.clients.values()].flatMap((c) =>
      [...c.subs.values()].map((s) => ({ connection: c.conn.id, requestId: s.requestId, markets: s.sent.size })),
    );
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.hub.close();
    this.clients.clear();
  }

  // ---- requests -----------------------------------------------------------------------------

  private onRequest(client: Client, text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.error(client, undefined, 'invalid request: not JSON');
    }
    if (typeof raw === 'object' && raw !== null && 'subscribe' in raw) return this.subscribe(client, raw);
    if (typeof raw === 'object' && raw !== null && 'unsubscribe' in raw) {
      const p = unsubscribeRequest.safeParse(raw);
      if (!p.success) return this.error(client, undefined, 'invalid unsubscribe request');
      const { requestId } = p.data.unsubscribe;
      if (!client.subs.delete(requestId)) return this.error(client, requestId, 'unknown requestId');
      return;
    }
    this.error(client, undefined, 'invalid request: neither subscribe nor unsubscribe');
  }

  private subscribe(client: Client, raw: object): void {
    const p = subscribeRequest.safeParse(raw);
    const named = (raw as { subscribe?: { requestId?: unknown } }).subscribe?.requestId;
    const rid = typeof named === 'string' ? named : undefined;
    if (!p.success) return this.error(client, rid, 'invalid subscribe request');
    const { requestId, subscriptionType, marketSlugs = [] } = p.data.subscribe;
    if (subscriptionType !== MARKET_DATA) {
      const why = NOT_SIMULATED.includes(subscriptionType) ? 'not simulated' : 'unknown';
      return this.error(client, requestId, `subscription type ${subscriptionType.slice(0, 60)} ${why}`);
    }
    if (client.subs.has(requestId)) return this.error(client, requestId, 'requestId already in use');
    const slugs = [...new Set(marketSlugs)];
    if (slugs.length === 0) return this.error(client, requestId, 'marketSlugs required');
    if (slugs.length > MAX_MARKETS_PER_SUBSCRIPTION) {
      return this.error(client, requestId, `at most ${MAX_MARKETS_PER_SUBSCRIPTION} markets per subscription`);
    }
    const sub: Sub = { requestId, sent: new Map() };
    client.subs.set(requestId, sub);
    // Unknown slugs get nothing (an assumption: docs/venues-polymarket-us.md#u-sim).
    for (const slug of slugs) if (this.state.markets.has(slug)) this.send(client, sub, slug, true);
  }

  /** One market's whole book, when `always` or when it differs from what the subscription last sent. */
  private send(client: Client, sub: Sub, slug: string, always: boolean): void {
    const m = this.state.markets.get(slug);
    if (!m) return;
    const { marketData } = bookView(m, this.state.clock.now());
    const { transactTime: _at, ...content } = marketData;
    const text = JSON.stringify(content);
    if (!always && sub.sent.get(slug) === text) return;
    sub.sent.set(slug, text);
    client.conn.send(JSON.stringify({ requestId: sub.requestId, subscriptionType: MARKET_DATA, marketData }));
  }

  private error(client: Client, requestId: string | undefined, error: string): void {
    client.conn.send(JSON.stringify({ ...(requestId !== undefined ? { requestId } : {}), error }));
  }
}
