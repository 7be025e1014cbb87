/**
 * Authenticated CLOB routes (docs/venues-polymarket.md#p3, #p5): API keys over L1; orders, cancels, order and
 * trade queries, balances over L2. Every L2 failure is HTTP 401 `{error: "Unauthorized/Invalid
 * api key"}` (the venue does not say which part was wrong; neither do we).
 */
import { z } from 'zod';
import type { Rounding } from '../../../lib/core/money';
import type { SimClock } from '../clock';
import type { ApiCreds, SimAccount } from './accounts';
import { verifyL1, verifyL2 } from './auth';
import { orderView, tradeView, tradeVisible } from './clob-views';
import { END_CURSOR, ERR, EXCHANGES, INITIAL_CURSOR, MAX_ALLOWANCE, NEG_RISK_ADAPTER } from './constants';
import { placeOrder, type RouteAnswer } from './execution';
import { parseJson, type Route, type RouteRequest, type RouteResult } from './http-kit';
import { looksLikeV1Order, postOrderSchema } from './order-signature';
import type { PolymarketSimState } from './state';

export interface TradingPolicy {
  readonly authClock: SimClock;
  readonly maxSkewSec: number;
  readonly orderMaxAgeMs: number;
  readonly orderMaxFutureMs: number;
  readonly feeRounding: Rounding;
  readonly pageSize: number;
}

type Authed = { account: SimAccount; creds: ApiCreds };

const unauthorized: RouteResult = { status: 401, body: { error: ERR.invalidApiKey } };

function pageOf<T>(items: readonly T[], cursor: string | null, size: number): RouteResult {
  const raw = cursor ?? INITIAL_CURSOR;
  const offset = Number(Buffer.from(raw, 'base64').toString('utf8'));
  if (raw === END_CURSOR || !Number.isSafeInteger(offset) || offset < 0) {
    return { status: 400, body: { error: 'invalid next_cursor' } };
  }
  const data = items.slice(offset, offset + size);
  const end = offset + size >= items.length;
  const next = end ? END_CURSOR : Buffer.from(String(offset + size)).toString('base64');
  return { status: 200, body: { limit: size, count: data.length, next_cursor: next, data } };
}

export function tradingRoutes(state: PolymarketSimState, policy: TradingPolicy): Route[] {
  /** An order refused before its signature was looked at, in the order log (local/sim/order-audit.ts). */
  const unread = (account: string | null, error: string): void =>
    state.orderLog.record({
      atMs: state.clock.now(),
      account,
      clientOrderId: null,
      venueOrderId: null,
      signatureVerified: false,
      outcome: 'rejected',
      reason: error,
      filledCenti: 0,
    });
  const l2 =
    (handler: (request: RouteRequest, auth: Authed) => RouteResult, placesOrders = false) =>
    (request: RouteRequest) => {
      const auth = verifyL2(
        state.accounts,
        { headers: request.req.headers, method: request.method, path: request.path, body: request.rawBody },
        policy.authClock.now(),
        policy.maxSkewSec,
      );
      if (auth.ok) return handler(request, auth);
      // A request that fails L2 is one refused entry, however many orders it carried.
      if (placesOrders) unread(null, ERR.invalidApiKey);
      return unauthorized;
    };
  const l1 = (handler: (address: string, nonce: string) => RouteResult) => (request: RouteRequest) => {
    const auth = verifyL1(request.req.headers, policy.authClock.now(), policy.maxSkewSec);
    return auth.ok ? handler(auth.address, auth.nonce) : { status: 401, body: { error: ERR.invalidL1 } };
  };
  const credsBody = (c: ApiCreds) => ({ apiKey: c.key, secret: c.secret, passphrase: c.passphrase });

  const submit = (raw: unknown, auth: Authed, request: RouteRequest): RouteAnswer => {
    const refused = (error: string): RouteAnswer => {
      unread(auth.account.address, error);
      return { status: 400, body: { error } };
    };
    if (looksLikeV1Order(raw)) return refused(ERR.versionMismatch);
    const parsed = postOrderSchema.safeParse(raw);
    if (!parsed.success) return refused(ERR.invalidPayload);
    return placeOrder(state, auth, parsed.data, policy, request.fault);
  };

  const cancel = (ids: readonly string[], auth: Authed): RouteResult => {
    const canceled: string[] = [];
    const notCanceled: Record<string, string> = {};
    for (const id of ids) {
      const order = state.orderById.get(id);
      if (!order || order.owner !== auth.creds.key) notCanceled[id] = ERR.orderNotFound;
      else if (order.status !== 'LIVE') notCanceled[id] = 'order is not open';
      else {
        order.status = 'CANCELED';
        canceled.push(id);
      }
    }
    return { status: 200, body: { canceled, not_canceled: notCanceled } };
  };

  const ownOrders = (auth: Authed) => state.orders().filter((o) => o.owner === auth.creds.key);

  return [
    {
      method: 'POST',
      pattern: '/auth/api-key',
      handler: l1((address, nonce) => {
        const creds = state.accounts.createKey(address, nonce);
        return creds
          ? { status: 200, body: credsBody(creds) }
          : { status: 400, body: { error: ERR.couldNotCreateKey } };
      }),
    },
    {
      method: 'GET',
      pattern: '/auth/derive-api-key',
      handler: l1((address, nonce) => {
        const creds = state.accounts.deriveKey(address, nonce);
        return creds
          ? { status: 200, body: credsBody(creds) }
          : { status: 400, body: { error: ERR.couldNotDeriveKey } };
      }),
    },
    {
      method: 'POST',
      pattern: '/order',
      handler: l2((request, auth) => submit(parseJson(request.rawBody), auth, request), true),
    },
    {
      method: 'POST',
      pattern: '/orders',
      handler: l2((request, auth) => {
        const raw = parseJson(request.rawBody);
        if (!Array.isArray(raw) || raw.length === 0 || raw.length > 15) {
          unread(auth.account.address, ERR.invalidPayload);
          return { status: 400, body: { error: ERR.invalidPayload } };
        }
        const answers = raw.map((item) => submit(item, auth, request));
        return {
          status: 200,
          body: answers.map((a) =>
            a.status === 200
              ? a.body
              : {
                  success: false,
                  errorMsg: (a.body as { error: string }).error,
                  orderID: '',
                  status: '',
                  makingAmount: '',
                  takingAmount: '',
                  tradeIDs: [],
                  transactionsHashes: [],
                },
          ),
        };
      }, true),
    },
    {
      method: 'DELETE',
      pattern: '/order',
      handler: l2((request, auth) => {
        const parsed = z.object({ orderID: z.string().min(1) }).safeParse(parseJson(request.rawBody));
        return parsed.success
          ? cancel([parsed.data.orderID], auth)
          : { status: 400, body: { error: 'Invalid orderID' } };
      }),
    },
    {
      method: 'DELETE',
      pattern: '/orders',
      handler: l2((request, auth) => {
        const parsed = z.array(z.string().min(1)).max(3000).safeParse(parseJson(request.rawBody));
        return parsed.success ? cancel(parsed.data, auth) : { status: 400, body: { error: 'Invalid orderID' } };
      }),
    },
    {
      method: 'DELETE',
      pattern: '/cancel-all',
      handler: l2((_request, auth) =>
        cancel(
          ownOrders(auth)
            .filter((o) => o.status === 'LIVE')
            .map((o) => o.id),
          auth,
        ),
      ),
    },
    {
      method: 'GET',
      pattern: '/data/order/{id}',
      handler: l2(({ params }, auth) => {
        const order = state.orderById.get(params.id ?? '');
        return order && order.owner === auth.creds.key
          ? { status: 200, body: orderView(order, state.clock.now()) }
          : { status: 404, body: { error: ERR.orderNotFound } };
      }),
    },
    {
      method: 'GET',
      pattern: '/data/orders',
      handler: l2(({ query }, auth) => {
        const now = state.clock.now();
        const open = ownOrders(auth)
          .filter((o) => o.status === 'LIVE' && now >= o.visibleAtMs)
          .filter((o) => (query.get('id') ?? o.id) === o.id)
          .filter((o) => (query.get('market') ?? o.conditionId) === o.conditionId)
          .filter((o) => (query.get('asset_id') ?? o.tokenId) === o.tokenId);
        return pageOf(
          open.map((o) => orderView(o, now)),
          query.get('next_cursor'),
          policy.pageSize,
        );
      }),
    },
    {
      method: 'GET',
      pattern: '/data/trades',
      handler: l2(({ query }, auth) => {
        const now = state.clock.now();
        const before = query.get('before');
        const after = query.get('after');
        const trades = state
          .trades()
          .filter((t) => t.owner === auth.creds.key && tradeVisible(t, now))
          .filter((t) => (query.get('id') ?? t.id) === t.id)
          .filter((t) => (query.get('market') ?? t.conditionId) === t.conditionId)
          .filter((t) => (query.get('asset_id') ?? t.tokenId) === t.tokenId)
          .filter((t) => (query.get('maker_address') ?? t.makerAddress).toLowerCase() === t.makerAddress.toLowerCase())
          .filter((t) => before === null || t.matchTimeMs / 1000 < Number(before))
          .filter((t) => after === null || t.matchTimeMs / 1000 > Number(after));
        return pageOf(trades.map(tradeView), query.get('next_cursor'), policy.pageSize);
      }),
    },
    {
      method: 'GET',
      pattern: '/balance-allowance',
      handler: l2(({ query }, auth) => {
        const type = query.get('asset_type');
        const allowed = state.accounts.hasAllowance(auth.account) ? MAX_ALLOWANCE : '0';
        const allowances = {
          [EXCHANGES.ctfV2]: allowed,
          [EXCHANGES.negRiskV2]: allowed,
          [NEG_RISK_ADAPTER]: allowed,
        };
        if (type === 'COLLATERAL')
          return { status: 200, body: { balance: String(auth.account.balanceMicros), allowances } };
        const tokenId = query.get('token_id');
        if ((type === 'CONDITIONAL' || type === 'CONDITIONAL-V2') && tokenId) {
          // Token balances have 6 decimals: centishares × 10^4.
          const units = state.accounts.position(auth.account, tokenId) * 10_000;
          return { status: 200, body: { balance: String(units), allowances } };
        }
        return { status: 400, body: { error: 'invalid asset_type' } };
      }),
    },
    { method: 'GET', pattern: '/balance-allowance/update', handler: l2(() => ({ status: 200, body: {} })) },
  ];
}
