/**
 * The stream fixtures (test/fixtures/{polymarket,kalshi}/stream, in the venues' documented
 * shapes) pin both sides: the clients' schemas read them, and the simulators' frames carry the
 * same fields (docs/venues-polymarket.md#p-stream, docs/venues-kalshi.md#k-stream).
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import {
  kalshiDeltaMsg,
  kalshiEnvelope,
  kalshiErrorMsg,
  kalshiSnapshotMsg,
  kalshiSubscribedMsg,
} from '../../lib/venues/kalshi/stream-schemas';
import { pmBookEvent, pmPriceChangeEvent, pmTickSizeChangeEvent } from '../../lib/venues/polymarket/stream-schemas';
import { ManualClock } from '../../local/sim/clock';
import { startKalshiSim } from '../../local/sim/kalshi';
import { kalshiAuthHeaders } from '../../local/sim/kalshi/signed-request';
import { startPolymarketSim } from '../../local/sim/polymarket';

const FIX = path.resolve(__dirname, '../fixtures');
const read = (rel: string): unknown => JSON.parse(readFileSync(path.join(FIX, rel), 'utf8'));
const keys = (o: unknown): string[] => Object.keys(o as object).sort();

async function frames(url: string, headers: Record<string, string>, send: string[], count: number): Promise<unknown[]> {
  const ws = new WebSocket(url, { headers });
  const got: unknown[] = [];
  ws.on('message', (d) => got.push(JSON.parse(String(d))));
  await new Promise((r) => ws.once('open', r));
  for (const s of send) ws.send(s);
  const end = Date.now() + 2_000;
  while (got.length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  ws.close();
  return got;
}

describe('Polymarket market-channel fixtures', () => {
  const [book] = read('polymarket/stream/book.json') as unknown[];
  const change = read('polymarket/stream/price_change.json');
  it('the client schemas read them', () => {
    expect(pmBookEvent.parse(book).bids).toHaveLength(3);
    expect(pmPriceChangeEvent.parse(change).price_changes[1]).toMatchObject({ side: 'SELL', size: '40.5' });
    expect(pmTickSizeChangeEvent.parse(read('polymarket/stream/tick_size_change.json')).new_tick_size).toBe('0.001');
  });

  it('the simulator sends the same fields: book (in an array) and price_change', async () => {
    const sim = await startPolymarketSim({ clock: new ManualClock(1_764_103_200_000) });
    const token = '65818619657568813474341868652308942079804919287380422192892211131408793125422';
    sim.control.addMarket({
      league: 'NBA',
      gammaId: '1',
      conditionId: `0x${'bd'.repeat(32)}`,
      eventSlug: 'nba-lal-bos-2025-11-25',
      question: 'Lakers vs. Celtics',
      gameStartMs: 1_764_106_800_000,
      outcomes: [
        { name: 'Lakers', tokenId: token },
        { name: 'Celtics', tokenId: '1' },
      ],
      homeTeamName: 'Boston Celtics',
      awayTeamName: 'Los Angeles Lakers',
      negRisk: false,
      tickMicros: 10_000,
      minSizeCenti: 500,
      feeRatePpm: 0,
      feeExponent: 1,
    });
    sim.control.setBook(token, {
      bids: [{ priceMicros: 500_000, sizeCenti: 1_500 }],
      asks: [{ priceMicros: 520_000, sizeCenti: 2_500 }],
    });
    const ws = new WebSocket(sim.wsUrl);
    const got: unknown[] = [];
    ws.on('message', (d) => got.push(String(d) === 'PONG' ? 'PONG' : JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ assets_ids: [token], type: 'market' }));
    while (got.length < 1) await new Promise((r) => setTimeout(r, 5));
    sim.control.setBook(token, { bids: [], asks: [{ priceMicros: 520_000, sizeCenti: 4_050 }] });
    ws.send('PING');
    while (got.length < 3) await new Promise((r) => setTimeout(r, 5));
    ws.close();
    await sim.close();
    const [snap, delta, pong] = got as [unknown[], { price_changes: unknown[] }, string];
    expect(Array.isArray(snap)).toBe(true);
    expect(keys(snap[0])).toEqual(keys(book));
    expect(pmBookEvent.parse(snap[0]).asks.map((l) => l.price)).toEqual(['0.52']);
    expect(keys(delta)).toEqual(keys(change));
    expect(keys(delta.price_changes[0])).toEqual(keys((change as { price_changes: unknown[] }).price_changes[0]));
    expect(pmPriceChangeEvent.parse(delta).price_changes.map((c) => [c.price, c.size, c.side])).toEqual([
      ['0.5', '0', 'BUY'],
      ['0.52', '40.5', 'SELL'],
    ]);
    expect(pong).toBe('PONG');
  });
});

describe('Kalshi WebSocket fixtures', () => {
  it('the client schemas read them', () => {
    const snap = kalshiEnvelope.parse(read('kalshi/stream/orderbook_snapshot.json'));
    expect(kalshiSnapshotMsg.parse(snap.msg).no_dollars_fp).toEqual([
      [580_000, 1_000],
      [590_000, 1_250],
    ]);
    const delta = kalshiEnvelope.parse(read('kalshi/stream/orderbook_delta.json'));
    expect(kalshiDeltaMsg.parse(delta.msg)).toMatchObject({ price_dollars: 390_000, delta_fp: -500, side: 'yes' });
    expect(kalshiSubscribedMsg.parse(kalshiEnvelope.parse(read('kalshi/stream/subscribed.json')).msg).sid).toBe(1);
    expect(kalshiErrorMsg.parse(kalshiEnvelope.parse(read('kalshi/stream/error.json')).msg).code).toBe(7);
    expect(kalshiEnvelope.parse(read('kalshi/stream/ok.json'))).toMatchObject({ type: 'ok', sid: 1, seq: 3 });
  });

  it('the simulator sends the same fields: subscribed, snapshot, delta, ok', async () => {
    const now = Date.now();
    const sim = await startKalshiSim({ clock: new ManualClock(now), wsPingEveryMs: 0 });
    const ticker = 'KXNBAGAME-26NOV25LALBOS-LAL';
    sim.control.addEvent({
      league: 'NBA',
      seriesTicker: 'KXNBAGAME',
      eventTicker: 'KXNBAGAME-26NOV25LALBOS',
      title: 't',
      gameStartMs: now,
      expectedExpirationMs: now,
      markets: [
        { ticker, yesSubTitle: 'Los Angeles L', tickMicros: 10_000 },
        { ticker: 'KXNBAGAME-26NOV25LALBOS-BOS', yesSubTitle: 'Boston', tickMicros: 10_000 },
      ],
    });
    sim.control.setBook(ticker, { yesBids: [{ priceMicros: 390_000, sizeCenti: 2_500 }], noBids: [] });
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    sim.control.registerAccount({
      keyId: 'k',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      balanceMicros: 0,
    });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const headers = kalshiAuthHeaders('k', pem, 'GET', '/trade-api/ws/v2', Date.now());
    const p = frames(
      sim.wsUrl,
      headers,
      [
        JSON.stringify({
          id: 1,
          cmd: 'subscribe',
          params: { channels: ['orderbook_delta'], market_tickers: [ticker] },
        }),
        JSON.stringify({
          id: 123,
          cmd: 'update_subscription',
          params: { sids: [1], market_tickers: ['KXNBAGAME-26NOV25LALBOS-BOS'], action: 'add_markets' },
        }),
      ],
      5,
    );
    setTimeout(
      () => sim.control.setBook(ticker, { yesBids: [{ priceMicros: 390_000, sizeCenti: 2_000 }], noBids: [] }),
      50,
    );
    const got = (await p) as Array<{ type: string; msg: unknown }>;
    await sim.close();
    const byType = new Map(got.map((f) => [f.type, f]));
    for (const [type, file] of [
      ['subscribed', 'subscribed'],
      ['orderbook_snapshot', 'orderbook_snapshot'],
      ['orderbook_delta', 'orderbook_delta'],
      ['ok', 'ok'],
    ] as const) {
      const fixture = read(`kalshi/stream/${file}.json`) as { msg: unknown };
      const frame = byType.get(type);
      expect([type, keys(frame)]).toEqual([type, keys(fixture)]);
      expect([type, keys(frame?.msg)]).toEqual([type, keys(fixture.msg)]);
    }
    expect(kalshiDeltaMsg.parse(byType.get('orderbook_delta')?.msg)).toMatchObject({ delta_fp: -500, side: 'yes' });
  });
});
