/**
 * `startPolymarketSim`: the local Polymarket (Gamma + CLOB V2) on 127.0.0.1.
 *
 * Two ports, one world: `url` serves the CLOB, the Data API's `/positions` and the `/_sim/*`
 * admin routes; `gammaUrl` serves Gamma. They are separate because both venues' hosts have `/markets/{id}` with
 * different meanings (docs/venues-polymarket.md#p1, #p2), exactly as production uses two hosts.
 *
 * Fault keys are `METHOD pattern` exactly as routed:
 *   Gamma: GET /sports, /events/keyset, /events, /events/{id}, /events/slug/{slug}, /markets/keyset,
 *          /markets, /markets/{id}, /markets/slug/{slug}
 *   CLOB:  GET /book, POST /books, GET /markets/{condition_id}, /clob-markets/{condition_id},
 *          /markets-by-token/{token_id}, /tick-size, /neg-risk, /fee-rate, /time, /version,
 *          POST /order, POST /orders, DELETE /order, DELETE /orders, DELETE /cancel-all,
 *          GET /data/order/{id}, /data/orders, /data/trades, /balance-allowance,
 *          /balance-allowance/update, POST /auth/api-key, GET /auth/derive-api-key
 *   Data:  GET /v2/positions, GET /positions (v1)
 *   Geoblock: GET /api/geoblock (region.ts; polymarket.com in production)
 *   Chain:   POST /rpc (Polygon JSON-RPC), GET /relayer/nonce, POST /relayer/submit,
 *            GET /relayer/transaction, GET /relayer/transactions (chain.ts)
 * Admin routes (`/_sim/faults`, `/_sim/state`, `/_sim/order-log`, `/_sim/region`, and the market
 * channel's `/_sim/ws-faults`, `/_sim/ws-stats`, `/_sim/ws-drop`) are never faulted.
 * WebSocket: the market channel at `/ws/market` on the CLOB port (./ws-feed.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Rounding } from '../../../lib/core/money';
import { realClock, type SimClock, seededRandom } from '../clock';
import type { PolymarketSimControl } from '../control';
import { FaultInjector, faultRuleSchema } from '../faults';
import { feedFaultSchema } from '../stream/feed-faults';
import { SimChain } from './chain';
import { clobPublicRoutes } from './clob-routes';
import { dataRoutes } from './data-routes';
import { gammaRoutes } from './gamma-routes';
import { createDispatcher, parseJson, type Route } from './http-kit';
import { RegionSetting } from './region';
import { type PolymarketSimAccounts, PolymarketSimState } from './state';
import { tradingRoutes } from './trading-routes';
import { PolymarketWsFeed, WS_MARKET_PATH } from './ws-feed';

export interface PolymarketSimOptions {
  readonly clock?: SimClock;
  /** Seed of the fault injector's `rate` draws. */
  readonly seed?: number;
  /** Port of the CLOB (0 = any free port). */
  readonly port?: number;
  readonly gammaPort?: number;
  /**
   * Clock the L1/L2 header timestamps are checked against (default: `clock`). A runner whose
   * sim clock runs faster than real time while clients stamp headers with `Date.now()` passes
   * `realClock` here. Signed ORDER timestamps are always checked against `clock`.
   */
  readonly authClock?: SimClock;
  /** L1/L2 header timestamps must be within this many seconds of `authClock`. Default 30. */
  readonly maxSkewSec?: number;
  /** Signed order timestamps older than this (ms) are refused. Default 60 000. */
  readonly orderMaxAgeMs?: number;
  /** Signed order timestamps further ahead than this (ms) are refused. Default 10 000. */
  readonly orderMaxFutureMs?: number;
  /** Rounding of each fill's fee to 5 decimals. Default 'ceil' (see taker-fee.ts). */
  readonly feeRounding?: Rounding;
  /** Page size of `/data/orders` and `/data/trades`. Default 100. */
  readonly pageSize?: number;
  /**
   * Deepest `offset` the legacy Gamma `/markets` and `/events` answer; deeper is a 422. Default 2000, as the newest
   * source says (docs/venues-polymarket.md#p1-offset-sunset).
   */
  readonly gammaOffsetCap?: number;
  /** The caller is in a restricted region: order placement answers 403 (region.ts). Default false. */
  readonly restrictedRegion?: boolean;
  /**
   * `onchain`: resolved positions stay until redeemed through the chain emulation (`/rpc`,
   * `/relayer/*`: ./chain.ts), as on the venue. `auto` (default): paid out at resolution.
   */
  readonly redemption?: 'auto' | 'onchain';
}

export interface PolymarketSim {
  /** CLOB base URL, e.g. `http://127.0.0.1:53211`; also the Data API base (`/positions`). */
  readonly url: string;
  /** Gamma base URL. */
  readonly gammaUrl: string;
  readonly control: PolymarketSimControl & PolymarketSimAccounts;
  readonly faults: FaultInjector;
  /** The region knob (also `POST /_sim/region {"blocked": true}`). */
  readonly region: RegionSetting;
  readonly state: PolymarketSimState;
  /** Market channel URL, e.g. `ws://127.0.0.1:53211/ws/market`. */
  readonly wsUrl: string;
  /** The market channel: `hub.faults`, `hub.stats()`, `hub.drained()`, `sync()` (./ws-feed.ts). */
  readonly feed: PolymarketWsFeed;
  /** Polygon and the relayer, emulated for redemption (./chain.ts). */
  readonly chain: SimChain;
  /** JSON-RPC endpoint, e.g. `http://127.0.0.1:53211/rpc`. */
  readonly rpcUrl: string;
  /** Relayer base URL, e.g. `http://127.0.0.1:53211/relayer`. */
  readonly relayerUrl: string;
  close(): Promise<void>;
}

function adminRoutes(state: PolymarketSimState, faults: FaultInjector, feed: PolymarketWsFeed): Route[] {
  return [
    // The market channel's faults and counters (local/sim/stream/feed-faults.ts).
    {
      method: 'POST',
      pattern: '/_sim/ws-faults',
      faultable: false,
      handler: ({ rawBody }) => {
        const parsed = feedFaultSchema.safeParse(parseJson(rawBody));
        if (!parsed.success) return { status: 400, body: { error: parsed.error.message } };
        return { status: 200, body: { id: feed.hub.faults.add(parsed.data) } };
      },
    },
    {
      method: 'GET',
      pattern: '/_sim/ws-faults',
      faultable: false,
      handler: () => ({ status: 200, body: feed.hub.faults.list() }),
    },
    {
      method: 'DELETE',
      pattern: '/_sim/ws-faults',
      faultable: false,
      handler: () => {
        feed.hub.faults.clear();
        return { status: 200, body: { cleared: true } };
      },
    },
    {
      method: 'GET',
      pattern: '/_sim/ws-stats',
      faultable: false,
      handler: () => ({ status: 200, body: feed.hub.stats() }),
    },
    {
      method: 'POST',
      pattern: '/_sim/ws-drop',
      faultable: false,
      handler: () => {
        feed.hub.dropAll();
        return { status: 200, body: { dropped: true } };
      },
    },
    {
      method: 'POST',
      pattern: '/_sim/faults',
      faultable: false,
      handler: ({ rawBody }) => {
        const parsed = faultRuleSchema.safeParse(parseJson(rawBody));
        if (!parsed.success) return { status: 400, body: { error: parsed.error.message } };
        return { status: 200, body: { id: faults.add(parsed.data) } };
      },
    },
    { method: 'GET', pattern: '/_sim/faults', faultable: false, handler: () => ({ status: 200, body: faults.list() }) },
    {
      method: 'DELETE',
      pattern: '/_sim/faults',
      faultable: false,
      handler: () => {
        faults.clear();
        return { status: 200, body: { cleared: true } };
      },
    },
    {
      method: 'GET',
      pattern: '/_sim/state',
      faultable: false,
      handler: () => ({
        status: 200,
        body: {
          nowMs: state.clock.now(),
          accounts: state.snapshotAll(),
          orders: state.orders(),
          trades: state.trades(),
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/_sim/order-log',
      faultable: false,
      handler: () => ({ status: 200, body: state.orderLog.entries() }),
    },
  ];
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${bound}`);
    });
  });
}

function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections(); // including requests held open by `timeout` faults
    server.close(() => resolve());
  });
}

export async function startPolymarketSim(options: PolymarketSimOptions = {}): Promise<PolymarketSim> {
  const state = new PolymarketSimState(options.clock ?? realClock);
  state.redemption = options.redemption ?? 'auto';
  const chain = new SimChain(state);
  const faults = new FaultInjector(seededRandom(options.seed ?? 1));
  const feed = new PolymarketWsFeed(state);
  state.bookWatchers.add((only) => feed.sync(only));
  const policy = {
    authClock: options.authClock ?? options.clock ?? realClock,
    maxSkewSec: options.maxSkewSec ?? 30,
    orderMaxAgeMs: options.orderMaxAgeMs ?? 60_000,
    orderMaxFutureMs: options.orderMaxFutureMs ?? 10_000,
    feeRounding: options.feeRounding ?? 'ceil',
    pageSize: options.pageSize ?? 100,
  };
  const region = new RegionSetting(options.restrictedRegion ?? false);
  const clobDispatch = createDispatcher(
    [
      ...adminRoutes(state, faults, feed),
      ...region.routes(),
      ...clobPublicRoutes(state),
      ...region.guard(tradingRoutes(state, policy), (error) =>
        state.orderLog.record({
          atMs: state.clock.now(),
          account: null,
          clientOrderId: null,
          venueOrderId: null,
          signatureVerified: false,
          outcome: 'rejected',
          reason: error,
          filledCenti: 0,
        }),
      ),
      ...dataRoutes(state),
      ...chain.routes(),
    ],
    faults,
  );
  const gammaDispatch = createDispatcher(
    gammaRoutes(state, options.gammaOffsetCap !== undefined ? { offsetCap: options.gammaOffsetCap } : {}),
    faults,
  );
  const clob = createServer((req, res) => {
    // Whatever a request did to the books (a fill, a cancel), subscribers hear of it; a read changes nothing.
    res.on('finish', () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') feed.sync();
    });
    void clobDispatch(req, res);
  });
  clob.on('upgrade', (req, socket, head) => {
    if (!feed.upgrade(req, socket, head)) socket.destroy();
  });
  const gamma = createServer((req, res) => void gammaDispatch(req, res));
  const [url, gammaUrl] = await Promise.all([listen(clob, options.port ?? 0), listen(gamma, options.gammaPort ?? 0)]);
  return {
    url,
    gammaUrl,
    control: state,
    faults,
    region,
    state,
    wsUrl: `${url.replace(/^http:/, 'ws:')}${WS_MARKET_PATH}`,
    feed,
    chain,
    rpcUrl: `${url}/rpc`,
    relayerUrl: `${url}/relayer`,
    close: async () => {
      feed.close();
      await Promise.all([shut(clob), shut(gamma)]);
    },
  };
}
