/**
 * Admin endpoints of the simulator (not part of Kalshi's API, served outside `/trade-api/v2`):
 * `POST/DELETE/GET /_sim/faults`, `POST/DELETE/GET /_sim/ws-faults`, `GET /_sim/ws-stats`, `POST /_sim/ws-drop`
 * (the WebSocket feed), `GET /_sim/state`, `GET /_sim/order-log` (local/sim/order-audit.ts),
 * `POST /_sim/accounts`.
 */
import { z } from 'zod';
import { parseMicros } from '../../../lib/core/money';
import type { FaultInjector } from '../faults';
import type { FeedHub } from '../stream/feed-hub';
import { badRequest, notFound } from './errors';
import type { KalshiSimState } from './state';
import { countFp, dollars } from './wire-units';

const accountSchema = z.object({
  keyId: z.string().min(1),
  publicKeyPem: z.string().includes('PUBLIC KEY'),
  balanceDollars: z.string().regex(/^\d+(\.\d{1,6})?$/),
  directMember: z.boolean().optional(),
});

export function handleAdmin(
  method: string,
  path: string,
  body: unknown,
  state: KalshiSimState,
  faults: FaultInjector,
  feed: FeedHub,
): { status: number; body: unknown } {
  const route = `${method} ${path}`;
  try {
    switch (route) {
      case 'POST /_sim/faults': {
        const rules = Array.isArray(body) ? body : [body];
        const ids = rules.map((r) => faults.add(r as Parameters<FaultInjector['add']>[0]));
        return { status: 201, body: { ids } };
      }
      case 'DELETE /_sim/faults':
        faults.clear();
        return { status: 200, body: { cleared: true } };
      case 'GET /_sim/faults':
        return { status: 200, body: { faults: faults.list() } };
      // The WebSocket feed's faults and counters (local/sim/stream/feed-faults.ts).
      case 'POST /_sim/ws-faults': {
        const rules = Array.isArray(body) ? body : [body];
        const ids = rules.map((r) => feed.faults.add(r as Parameters<FeedHub['faults']['add']>[0]));
        return { status: 201, body: { ids } };
      }
      case 'DELETE /_sim/ws-faults':
        feed.faults.clear();
        return { status: 200, body: { cleared: true } };
      case 'GET /_sim/ws-faults':
        return { status: 200, body: { faults: feed.faults.list() } };
      case 'GET /_sim/ws-stats':
        return { status: 200, body: feed.stats() };
      case 'POST /_sim/ws-drop':
        feed.dropAll();
        return { status: 200, body: { dropped: true } };
      case 'GET /_sim/state':
        return { status: 200, body: snapshot(state) };
      case 'GET /_sim/order-log':
        return { status: 200, body: state.orderLog.entries() };
      case 'POST /_sim/accounts': {
        const input = accountSchema.parse(body);
        const account = state.registerAccount({
          keyId: input.keyId,
          publicKeyPem: input.publicKeyPem,
          balanceMicros: parseMicros(input.balanceDollars),
          directMember: input.directMember ?? false,
        });
        return { status: 201, body: { keyId: account.keyId, userId: account.userId } };
      }
      default:
        throw notFound(`admin route ${route}`);
    }
  } catch (e) {
    if (e instanceof z.ZodError) throw badRequest(e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (e instanceof Error && !('status' in e)) throw badRequest(e.message);
    throw e;
  }
}

/** What a person or a test wants to see at a glance; never key material. */
function snapshot(state: KalshiSimState): unknown {
  return {
    now: state.clock.now(),
    markets: [...state.markets.values()].map((m) => ({
      ticker: m.spec.ticker,
      status: m.status,
      result: m.result,
      best_yes_bid: m.yesBids[0] ? dollars(m.yesBids[0].priceMicros) : null,
      best_no_bid: m.noBids[0] ? dollars(m.noBids[0].priceMicros) : null,
    })),
    accounts: [...state.accounts.values()].map((a) => ({
      key_id: a.keyId,
      user_id: a.userId,
      balance_dollars: dollars(a.balanceMicros),
      positions: [...a.positions.values()]
        .filter((p) => p.positionCenti !== 0)
        .map((p) => ({ ticker: p.ticker, position_fp: countFp(p.positionCenti) })),
      orders: a.orders.length,
    })),
  };
}
