import { generateKeyPairSync } from 'node:crypto';
import { createKalshiVenue, KALSHI_PRODUCTION_BASE_URL } from '../../../../lib/venues/kalshi';
import { resolveKalshiConfig } from '../../../../lib/venues/kalshi/config';
import { KalshiRest } from '../../../../lib/venues/kalshi/rest';

describe('resolveKalshiConfig', () => {
  it('defaults to production, the Basic tier limits, the game-winner series and read-only', () => {
    const c = resolveKalshiConfig();
    expect(c.baseUrl).toBe('https://external-api.kalshi.com/trade-api/v2');
    expect(KALSHI_PRODUCTION_BASE_URL).toBe(c.baseUrl);
    // Tokens: Basic = 200 read / 100 write per second, 10 per default request (docs/venues-kalshi.md#k6-costs).
    expect(c.tier).toBe('basic');
    expect(c.readLimit).toEqual({ ratePerSec: 200, burst: 200 });
    expect(c.writeLimit).toEqual({ ratePerSec: 100, burst: 100 });
    expect(c.defaultCost).toBe(10);
    expect(c.seriesTickers).toMatchObject({ NBA: 'KXNBAGAME', NFL: 'KXNFLGAME', NHL: 'KXNHLGAME', MLB: 'KXMLBGAME' });
    expect(c.seriesTickers.NCAAMB).toBe('KXNCAAMBGAME');
    expect(c.seriesTickers.ATP).toBe('KXATPMATCH');
    expect(c.credentials).toBeNull();
    expect(c.orderbookChunk).toBe(20);
    expect(c.countStepCenti).toBe(100);
  });

  it('reads the budgets from the tier, and endpoint costs over the known table', () => {
    const c = resolveKalshiConfig({ tier: 'premier', endpointCosts: { 'DELETE /portfolio/events/orders/{id}': 2 } });
    expect([c.readLimit, c.writeLimit]).toEqual([
      { ratePerSec: 1_000, burst: 1_000 },
      { ratePerSec: 1_000, burst: 1_000 },
    ]);
    expect(c.endpointCosts['DELETE /portfolio/events/orders/{id}']).toBe(2);
    expect(resolveKalshiConfig({ tier: 'prime', readLimit: { ratePerSec: 50, burst: 50 } }).readLimit).toEqual({
      ratePerSec: 50,
      burst: 50,
    });
    expect(() => resolveKalshiConfig({ tier: 'gold' as 'basic' })).toThrow(/tier/);
    expect(() => resolveKalshiConfig({ endpointCosts: { '/events': 5 } })).toThrow(/endpointCosts/);
  });

  it('prices each request in tokens: default, override, and per item on the batch book read', () => {
    const rest = new KalshiRest(resolveKalshiConfig({ endpointCosts: { 'GET /markets/{ticker}': 1 } }));
    expect(rest.costOf('GET /events')).toBe(10);
    expect(rest.costOf('GET /markets/{ticker}')).toBe(1);
    expect(rest.costOf('GET /markets/orderbooks', 20)).toBe(200);
  });

  it('overrides per field and trims a trailing slash of the base URL', () => {
    const c = resolveKalshiConfig({
      baseUrl: 'http://127.0.0.1:9999/trade-api/v2/',
      seriesTickers: { MLB: 'KXMLBGAMEX' },
      orderbookChunk: 5,
    });
    expect(c.baseUrl).toBe('http://127.0.0.1:9999/trade-api/v2');
    expect(c.seriesTickers.MLB).toBe('KXMLBGAMEX');
    expect(c.seriesTickers.NBA).toBe('KXNBAGAME');
    expect(c.orderbookChunk).toBe(5);
  });

  it('lists every bad field and never echoes a credential', () => {
    const secret = 'not-a-pem-but-very-secret';
    let message = '';
    try {
      resolveKalshiConfig({
        baseUrl: 'ftp://x',
        orderbookChunk: 0,
        credentials: { keyId: 'k', privateKeyPem: secret },
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('baseUrl');
    expect(message).toContain('orderbookChunk');
    expect(message).toContain('credentials.privateKeyPem');
    expect(message).not.toContain(secret);
  });

  it('builds a read-only venue without credentials, and shows no secret as JSON', () => {
    const venue = createKalshiVenue();
    expect(venue.name).toBe('kalshi');
    expect(venue.authenticated).toBe(false);
    expect(JSON.stringify(venue)).toBe(
      JSON.stringify({
        venue: 'kalshi',
        baseUrl: KALSHI_PRODUCTION_BASE_URL,
        wsUrl: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
        authenticated: false,
      }),
    );
  });
});

describe('stream-only credentials (a read-only client that streams)', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('signs the WebSocket handshake only: REST stays unsigned, orders and portfolio stay refused', async () => {
    const sent: Array<Record<string, string>> = [];
    const fetch = async (_input: string | URL | Request, init?: RequestInit) => {
      sent.push(Object.fromEntries(new Headers(init?.headers).entries()));
      return new Response(JSON.stringify({ balance: 0 }), { status: 200 });
    };
    const rest = new KalshiRest(
      resolveKalshiConfig({ streamCredentials: { keyId: 'stream-key', privateKeyPem: pem } }),
      {
        fetch,
      },
    );
    expect(rest.authenticated).toBe(false);
    const ws = rest.wsHeaders('/trade-api/ws/v2');
    expect(ws).toMatchObject({ 'KALSHI-ACCESS-KEY': 'stream-key' });
    expect(ws?.['KALSHI-ACCESS-SIGNATURE']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(() => rest.requireAuth('GET /portfolio/balance')).toThrow(/read-only/);
    // The PEM is not kept in the resolved configuration.
    expect(JSON.stringify(rest.config)).not.toContain('PRIVATE KEY');
    const venue = createKalshiVenue({ streamCredentials: { keyId: 'stream-key', privateKeyPem: pem } }, { fetch });
    await expect(venue.getBalance()).rejects.toThrow(/read-only/);
    expect(sent).toHaveLength(0);
  });

  it('has no handshake headers without any credentials', () => {
    expect(new KalshiRest(resolveKalshiConfig()).wsHeaders('/trade-api/ws/v2')).toBeNull();
  });
});
