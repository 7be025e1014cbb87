/**
 * The simulated Polymarket market channel (`/ws/market` on the CLOB server), as
 * docs/venues-polymarket.md#p-stream describes the venue's: no authentication; the first message
 * `{"assets_ids":[…],"type":"market"}`, later ones `{"assets_ids":[…],"operation":"subscribe"|
 * "unsubscribe"}`; text `PING` answered `PONG`; a `book` snapshot per asset on subscription (one
 * JSON array frame), then `price_change` events carrying each changed level's NEW ABSOLUTE size
 * ("0" removes it) with the best bid and ask after the change. Best levels LAST in `book`, as REST.
 *
 * Driven by the same books the REST routes serve: `sync()` compares what each subscriber was last
 * sent with the token's book now and sends the differences. The server calls it after every HTTP
 * request and whenever the state says a book changed (scenario driver, admin calls).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import type { FeedConnection } from '../stream/feed-connection';
import { FeedHub } from '../stream/feed-hub';
import type { PolymarketSimState } from './state';
import { priceText, sharesText } from './wire-numbers';

export const WS_MARKET_PATH = '/ws/market';

const first = z.object({ assets_ids: z.array(z.string()), type: z.literal('market') }).passthrough();
const more = z.object({ assets_ids: z.array(z.string()), operation: z.enum(['subscribe', 'unsubscribe']) });

type Ladder = Map<number, number>;
interface Seen {
  bids: Ladder;
  asks: Ladder;
}
interface Client {
  readonly conn: FeedConnection;
  started: boolean;
  readonly assets: Map<string, Seen>;
}

export class PolymarketWsFeed {
  readonly hub = new FeedHub(0);
  private readonly clients = new Map<number, Client>();
  /** Frames the feed could not read (the venue's answer to them is unverified: they are ignored). */
  ignored = 0;

  constructor(private readonly state: PolymarketSimState) {}

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== WS_MARKET_PATH) return false;
    this.hub.accept(req, socket, head, (conn) => {
      const client: Client = { conn, started: false, assets: new Map() };
      this.clients.set(conn.id, client);
      conn.ws.on('message', (data, binary) => {
        if (!binary) this.onText(client, String(data));
      });
      conn.ws.on('close', () => this.clients.delete(conn.id));
    });
    return true;
  }

  /** Sends every subscriber the level changes (`only`: of that token) since what it was last sent, one frame per market. */
  sync(only?: string): void {
    const ts = String(this.state.clock.now());
    for (const client of this.clients.values()) {
      if (!client.conn.open) continue;
      const byMarket = new Map<string, unknown[]>();
      for (const [tokenId, seen] of client.assets) {
        if (only !== undefined && tokenId !== only) continue;
        const book = this.state.books.get(tokenId);
        const market = this.state.marketOfToken(tokenId);
        if (!book || !market) continue;
        const now = { bids: ladderOf(book.bids), asks: ladderOf(book.asks) };
        const changes: Array<{ price: number; size: number; side: 'BUY' | 'SELL' }> = [];
        for (const side of ['bids', 'asks'] as const) {
          for (const price of new Set([...seen[side].keys(), ...now[side].keys()])) {
            const size = now[side].get(price) ?? 0;
            if (size !== (seen[side].get(price) ?? 0))
              changes.push({ price, size, side: side === 'bids' ? 'BUY' : 'SELL' });
          }
        }
        seen.bids = now.bids;
        seen.asks = now.asks;
        if (changes.length === 0) continue;
        const bestBid = book.bids[0]?.priceMicros ?? 0;
        const bestAsk = book.asks[0]?.priceMicros ?? 1_000_000;
        const hash = bookHash(tokenId, ts, now);
        const list = byMarket.get(market.spec.conditionId) ?? [];
        for (const c of changes.sort((a, b) => a.price - b.price)) {
          list.push({
            asset_id: tokenId,
            price: priceText(c.price),
            size: sharesText(c.size),
            side: c.side,
            hash,
            best_bid: priceText(bestBid),
            best_ask: priceText(bestAsk),
          });
        }
        byMarket.set(market.spec.conditionId, list);
      }
      for (const [conditionId, price_changes] of byMarket)
        client.conn.send(
          JSON.stringify({ event_type: 'price_change', market: conditionId, price_changes, timestamp: ts }),
        );
    }
  }

  close(): void {
    this.hub.close();
    this.clients.clear();
  }

  private onText(client: Client, text: string): void {
    if (text === 'PING') return client.conn.send('PONG', true);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.ignored++;
      return;
    }
    if (!client.started) {
      const p = first.safeParse(raw);
      if (!p.success) {
        this.ignored++;
        return;
      }
      client.started = true;
      return this.subscribe(client, p.data.assets_ids);
    }
    const p = more.safeParse(raw);
    if (!p.success) {
      this.ignored++;
      return;
    }
    if (p.data.operation === 'subscribe') return this.subscribe(client, p.data.assets_ids);
    for (const id of p.data.assets_ids) client.assets.delete(id);
  }

  /** One frame: the `book` of every known asset asked for (unknown ids get nothing). */
  private subscribe(client: Client, assetIds: readonly string[]): void {
    const books: unknown[] = [];
    for (const tokenId of new Set(assetIds)) {
      const book = this.state.books.get(tokenId);
      const market = this.state.marketOfToken(tokenId);
      if (!book || !market) continue;
      const seen = { bids: ladderOf(book.bids), asks: ladderOf(book.asks) };
      client.assets.set(tokenId, seen);
      const ts = String(this.state.clock.now());
      // Best LAST on both sides, as the REST book (docs/venues-polymarket.md#p2-book-order).
      const wire = (l: Ladder, highLast: boolean) =>
        [...l.entries()]
          .sort((a, b) => (highLast ? a[0] - b[0] : b[0] - a[0]))
          .map(([p, s]) => ({ price: priceText(p), size: sharesText(s) }));
      books.push({
        event_type: 'book',
        asset_id: tokenId,
        market: market.spec.conditionId,
        bids: wire(seen.bids, true),
        asks: wire(seen.asks, false),
        timestamp: ts,
        hash: bookHash(tokenId, ts, seen),
      });
    }
    if (books.length > 0) client.conn.send(JSON.stringify(books));
  }
}

function ladderOf(levels: ReadonlyArray<{ priceMicros: number; sizeCenti: number }>): Ladder {
  const m: Ladder = new Map();
  for (const l of levels) if (l.sizeCenti > 0) m.set(l.priceMicros, (m.get(l.priceMicros) ?? 0) + l.sizeCenti);
  return m;
}

/** A hash of the book after the change (the venue's exact recipe is unverified; clients do not check it). */
function bookHash(tokenId: string, ts: string, book: Seen): string {
  const flat = (l: Ladder) => [...l.entries()].sort((a, b) => a[0] - b[0]);
  return createHash('sha1')
    .update(JSON.stringify([tokenId, ts, flat(book.bids), flat(book.asks)]))
    .digest('hex');
}
