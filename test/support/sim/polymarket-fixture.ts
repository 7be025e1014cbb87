/**
 * Shared set-up for the Polymarket simulator tests: one NBA moneyline market, a funded EOA
 * account with pre-registered API credentials, a manual clock, and signed-request helpers.
 */
import { request } from 'node:http';
import { Wallet } from 'ethers';
import { ManualClock } from '../../../local/sim/clock';
import type { PolymarketSimMarketSpec } from '../../../local/sim/control';
import { type PolymarketSim, type PolymarketSimOptions, startPolymarketSim } from '../../../local/sim/polymarket';
import type { ApiCreds } from '../../../local/sim/polymarket/accounts';
import {
  l2Headers,
  type OrderDraft,
  type SigningDomain,
  signOrder,
} from '../../../local/sim/polymarket/signed-requests';

/** Public Anvil test keys (never real funds). */
export const KEY_A = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const KEY_B = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

export const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);

export const SPEC: PolymarketSimMarketSpec = {
  league: 'NBA',
  gammaId: '2858750',
  conditionId: `0x${'ab'.repeat(32)}`,
  eventSlug: 'nba-lal-bos-2026-11-25',
  question: 'Lakers vs. Celtics',
  gameStartMs: Date.UTC(2026, 10, 26, 0, 30, 0),
  outcomes: [
    { name: 'Lakers', tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563' },
    { name: 'Celtics', tokenId: '52114319501245915516055106046884209969926127482827954674443846427813813222426' },
  ],
  homeTeamName: 'Boston Celtics',
  awayTeamName: 'Los Angeles Lakers',
  negRisk: false,
  tickMicros: 10_000,
  minSizeCenti: 500,
  feeRatePpm: 30_000,
  feeExponent: 1,
};
export const LAKERS = SPEC.outcomes[0].tokenId;
export const CELTICS = SPEC.outcomes[1].tokenId;

export const CREDS_A: ApiCreds = {
  key: '11111111-2222-3333-4444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-a',
};

export interface Harness {
  sim: PolymarketSim;
  clock: ManualClock;
  wallet: Wallet;
  /** POST/DELETE/GET with L2 headers signed for `creds` at the sim clock (or `tsSec`). */
  call(
    method: string,
    path: string,
    body?: unknown,
    opts?: { creds?: ApiCreds; tsSec?: number; address?: string },
  ): Promise<{ status: number; json: unknown }>;
  order(
    draft: Partial<OrderDraft> & Pick<OrderDraft, 'side' | 'makerAmount' | 'takerAmount'>,
    domain?: Partial<SigningDomain>,
    signer?: Wallet,
  ): ReturnType<typeof signOrder>;
  postOrder(
    order: unknown,
    orderType: 'FOK' | 'FAK' | 'GTC',
    owner?: string,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
}

export async function startHarness(
  options: PolymarketSimOptions = {},
  balanceMicros = 1_000_000_000,
): Promise<Harness> {
  const clock = new ManualClock(T0);
  const sim = await startPolymarketSim({ clock, ...options });
  const wallet = new Wallet(KEY_A);
  sim.control.addMarket(SPEC);
  sim.control.registerAccount({ address: wallet.address, balanceMicros, apiCreds: CREDS_A });
  const call: Harness['call'] = async (method, path, body, opts = {}) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const requestPath = path.split('?')[0]!;
    const headers = l2Headers(
      opts.address ?? wallet.address,
      opts.creds ?? CREDS_A,
      { method, path: requestPath, ...(text === undefined ? {} : { body: text }) },
      opts.tsSec ?? Math.floor(clock.now() / 1000),
    );
    const res = await httpFetch(sim.url + path, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      ...(text === undefined ? {} : { body: text }),
    });
    return { status: res.status, json: await res.json() };
  };
  return {
    sim,
    clock,
    wallet,
    call,
    order: (draft, domain = {}, signer = wallet) =>
      signOrder(signer, { tokenId: LAKERS, timestampMs: clock.now(), ...draft }, { negRisk: SPEC.negRisk, ...domain }),
    postOrder: async (order, orderType, owner = CREDS_A.key) => {
      const r = await call('POST', '/order', { deferExec: false, postOnly: false, order, owner, orderType });
      return { status: r.status, json: r.json as Record<string, unknown> };
    },
  };
}

/**
 * A fetch-like call over node:http with a fresh connection each time (no keep-alive pool):
 * Node 20's global fetch keeps pooled sockets that make jest workers exit ungracefully.
 */
export function httpFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {},
): Promise<{ status: number; headers: { get(name: string): string | null }; json(): Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...init.headers,
      ...(init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(init.body)) }),
    };
    const req = request(url, { method: init.method ?? 'GET', headers, agent: false, signal: init.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: { get: (name) => (res.headers[name.toLowerCase()] as string | undefined) ?? null },
          json: async () => JSON.parse(text) as unknown,
        });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Best-first levels from [price, shares] pairs in dollars-as-integers-of-micros/centishares. */
export const levels = (...pairs: Array<[number, number]>) =>
  pairs.map(([priceMicros, sizeCenti]) => ({ priceMicros, sizeCenti }));
