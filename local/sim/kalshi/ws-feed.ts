/**
 * The simulated Kalshi WebSocket (`/trade-api/ws/v2` on the simulator's HTTP server), channel
 * `orderbook_delta` only, as docs/venues-kalshi.md#k-stream describes the venue's: the handshake
 * is signed like a REST request (`timestamp + "GET" + "/trade-api/ws/v2"`) and refused without a
 * valid signature; commands `subscribe`, `update_subscription`, `unsubscribe` with the documented
 * replies and error codes; each subscription (`sid`) numbers its messages `seq` 1, 2, … with
 * every market's `orderbook_snapshot` first, then `orderbook_delta`s with SIGNED changes.
 *
 * Driven by the same books the REST routes serve: `sync()` compares each subscription's last
 * sent ladder with the market's book now and sends the differences. The server calls it after
 * every HTTP request and whenever the state says a book changed (scenario driver, admin routes).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import type { FeedConnection } from '../stream/feed-connection';
import { FeedHub, refuseUpgrade } from '../stream/feed-hub';
import { authenticate } from './auth';
import { KalshiSimError } from './errors';
import type { KalshiSimState, SimMarket } from './state';
import { countFp, dollars } from './wire-units';

export const WS_PATH = '/trade-api/ws/v2';

const command = z.object({ id: z.number().int().optional(), cmd: z.string(), params: z.unknown().optional() });
const subscribeParams = z.object({
  channels: z.array(z.string()).optional(),
  market_ticker: z.string().optional(),
  market_tickers: z.array(z.string()).optional(),
});
const updateParams = z.object({
  sids: z.array(z.number().int()).optional(),
  sid: z.number().int().optional(),
  market_ticker: z.string().optional(),
  market_tickers: z.array(z.string()).optional(),
  action: z.string().optional(),
});
const unsubscribeParams = z.object({ sids: z.array(z.number().int()).optional() });

type Ladder = Map<number, number>;
interface Sub {
  readonly sid: number;
  seq: number;
  /** What this subscription last told its subscriber, per market. */
  readonly sent: Map<string, { yes: Ladder; no: Ladder }>;
}
interface Client {
  readonly conn: FeedConnection;
  readonly subs: Map<number, Sub>;
  nextSid: number;
}

export interface KalshiFeedOptions {
  /** Protocol Ping interval (the venue: every 10 s). 0 = none. */
  readonly pingEveryMs?: number;
  readonly realNow: () => number;
  readonly windowMs: number;
}

export class KalshiWsFeed {
  readonly hub: FeedHub;
  private readonly clients = new Map<number, Client>();

  constructor(
    private readonly state: KalshiSimState,
    private readonly options: KalshiFeedOptions,
  ) {
    this.hub = new FeedHub(options.pingEveryMs ?? 10_000);
  }

  /** Handles an upgrade on `path`; false when the path is not the feed's. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== WS_PATH) return false;
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
      const err = e instanceof KalshiSimError ? e : null;
      refuseUpgrade(socket, 401, 'Unauthorized', {
        error: { code: err?.code ?? 'unauthorized', message: err?.message ?? 'unauthorized' },
      });
      return true;
    }
    this.hub.accept(req, socket, head, (conn) => {
      const client: Client = { conn, subs: new Map(), nextSid: 1 };
      this.clients.set(conn.id, client);
      conn.ws.on('message', (data, binary) => {
        if (!binary) this.onCommand(client, String(data));
      });
      conn.ws.on('close', () => this.clients.delete(conn.id));
    });
    return true;
  }

  /** Sends every subscriber the changes of the books (`only`: of that market) since what it was last sent. */
  sync(only?: string): void {
    for (const client of this.clients.values()) {
      if (!client.conn.open) continue;
      for (const sub of client.subs.values()) {
        for (const [ticker, sent] of sub.sent) {
          if (only !== undefined && ticker !== only) continue;
          const market = this.state.markets.get(ticker);
          if (!market) continue;
          const now = { yes: ladderOf(market.yesBids), no: ladderOf(market.noBids) };
          const deltas: Array<{ side: 'yes' | 'no'; price: number; delta: number }> = [];
          for (const side of ['yes', 'no'] as const) {
            const before = sent[side];
            for (const price of new Set([...before.keys(), ...now[side].keys()])) {
              const delta = (now[side].get(price) ?? 0) - (before.get(price) ?? 0);
              if (delta !== 0) deltas.push({ side, price, delta });
            }
            sent[side] = now[side];
          }
          // Decreases first: every state in between is then part of the new book, never crossed
          // (the venue's book never is: a crossing order matches).
          deltas.sort((a, b) => Math.sign(a.delta) - Math.sign(b.delta) || a.price - b.price);
          for (const d of deltas) {
            this.data(client, sub, 'orderbook_delta', {
              market_ticker: ticker,
              market_id: marketId(ticker),
              price_dollars: dollars(d.price),
              delta_fp: countFp(d.delta),
              side: d.side,
              ts_ms: this.state.clock.now(),
            });
          }
        }
      }
    }
  }

  close(): void {
    this.hub.close();
    this.clients.clear();
  }

  // ---- commands -----------------------------------------------------------------------------

  private onCommand(client: Client, text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.error(client, undefined, 1, 'Unable to process message');
    }
    const cmd = command.safeParse(raw);
    if (!cmd.success) return this.error(client, undefined, 1, 'Unable to process message');
    const { id, params } = cmd.data;
    switch (cmd.data.cmd) {
      case 'subscribe':
        return this.subscribe(client, id, params);
      case 'update_subscription':
        return this.update(client, id, params);
      case 'unsubscribe':
        return this.unsubscribe(client, id, params);
      default:
        return this.error(client, id, 5, 'Unknown command');
    }
  }

  private subscribe(client: Client, id: number | undefined, params: unknown): void {
    if (params === undefined) return this.error(client, id, 2, 'Params required');
    const p = subscribeParams.safeParse(params);
    if (!p.success) return this.error(client, id, 11, 'Invalid parameter');
    if (!p.data.channels || p.data.channels.length === 0) return this.error(client, id, 3, 'Channels required');
    // Only the order book is simulated; other channel names are not refused as unknown by the venue,
    // but a subscriber here would never get their messages, so the simulator says so.
    if (p.data.channels.some((c) => c !== 'orderbook_delta')) return this.error(client, id, 8, 'Unknown channel name');
    const tickers = tickersOf(p.data);
    if (tickers.length === 0) return this.error(client, id, 11, 'Invalid parameter');
    if (tickers.some((t) => !this.state.markets.has(t))) return this.error(client, id, 11, 'Invalid parameter');
    const sub: Sub = { sid: client.nextSid++, seq: 0, sent: new Map() };
    client.subs.set(sub.sid, sub);
    client.conn.send(JSON.stringify({ id, type: 'subscribed', msg: { channel: 'orderbook_delta', sid: sub.sid } }));
    for (const t of tickers) this.snapshot(client, sub, t);
  }

  private update(client: Client, id: number | undefined, params: unknown): void {
    if (params === undefined) return this.error(client, id, 2, 'Params required');
    const p = updateParams.safeParse(params);
    if (!p.success) return this.error(client, id, 11, 'Invalid parameter');
    const sids = p.data.sids ?? (p.data.sid !== undefined ? [p.data.sid] : []);
    if (sids.length !== 1) return this.error(client, id, 12, 'Exactly one subscription ID is required');
    const sub = client.subs.get(sids[0] as number);
    if (!sub) return this.error(client, id, 7, 'Unknown subscription ID');
    const tickers = tickersOf(p.data);
    if (p.data.action !== 'add_markets' && p.data.action !== 'delete_markets')
      return this.error(client, id, 13, 'Unsupported action');
    if (tickers.length === 0 || tickers.some((t) => !this.state.markets.has(t)))
      return this.error(client, id, 11, 'Invalid parameter');
    const adding = p.data.action === 'add_markets' ? tickers.filter((t) => !sub.sent.has(t)) : [];
    if (p.data.action === 'delete_markets') for (const t of tickers) sub.sent.delete(t);
    // The answer lists the subscription's markets after the change (docs/venues-kalshi.md#k-stream).
    const all = [...new Set([...sub.sent.keys(), ...adding])];
    this.data(client, sub, 'ok', { market_tickers: all }, id);
    for (const t of adding) this.snapshot(client, sub, t);
  }

  private unsubscribe(client: Client, id: number | undefined, params: unknown): void {
    if (params === undefined) return this.error(client, id, 2, 'Params required');
    const p = unsubscribeParams.safeParse(params);
    if (!p.success || !p.data.sids || p.data.sids.length === 0)
      return this.error(client, id, 4, 'Subscription IDs required');
    for (const sid of p.data.sids) {
      const sub = client.subs.get(sid);
      if (!sub) return this.error(client, id, 7, 'Unknown subscription ID');
      client.subs.delete(sid);
      sub.seq++;
      client.conn.send(JSON.stringify({ id, sid, seq: sub.seq, type: 'unsubscribed' }));
    }
  }

  private snapshot(client: Client, sub: Sub, ticker: string): void {
    const market = this.state.markets.get(ticker) as SimMarket;
    const yes = ladderOf(market.yesBids);
    const no = ladderOf(market.noBids);
    sub.sent.set(ticker, { yes, no });
    // Ascending, best (highest) bid last, as the REST book (docs/venues-kalshi.md#k2).
    const wire = (l: Ladder) =>
      [...l.entries()].sort((a, b) => a[0] - b[0]).map(([p, s]) => [dollars(p), countFp(s)] as const);
    this.data(client, sub, 'orderbook_snapshot', {
      market_ticker: ticker,
      market_id: marketId(ticker),
      yes_dollars_fp: wire(yes),
      no_dollars_fp: wire(no),
    });
  }

  private data(client: Client, sub: Sub, type: string, msg: unknown, id?: number): void {
    sub.seq++;
    client.conn.send(JSON.stringify({ ...(id !== undefined ? { id } : {}), type, sid: sub.sid, seq: sub.seq, msg }));
  }

  private error(client: Client, id: number | undefined, code: number, msg: string): void {
    client.conn.send(JSON.stringify({ ...(id !== undefined ? { id } : {}), type: 'error', msg: { code, msg } }));
  }
}

function tickersOf(p: { market_ticker?: string | undefined; market_tickers?: string[] | undefined }): string[] {
  return [...new Set([...(p.market_tickers ?? []), ...(p.market_ticker ? [p.market_ticker] : [])])];
}

function ladderOf(levels: ReadonlyArray<{ priceMicros: number; sizeCenti: number }>): Ladder {
  const m: Ladder = new Map();
  for (const l of levels) if (l.sizeCenti > 0) m.set(l.priceMicros, (m.get(l.priceMicros) ?? 0) + l.sizeCenti);
  return m;
}

/** A stable UUID-shaped id per ticker (the venue sends its internal market id). */
function marketId(ticker: string): string {
  let h = 0x811c9dc5;
  for (const ch of ticker) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}
