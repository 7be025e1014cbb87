/** Authenticated routes: V2 event orders and portfolio reads (docs/venues-kalshi.md#k4). */
import { z } from 'zod';
import { divRound } from '../../../lib/core/money';
import { badRequest, notFound } from './errors';
import { cancelOrder, placeOrder } from './exchange';
import { listParam, paginate, type Route, type RouteContext } from './route-table';
import type { SimAccount, SimOrder } from './state';
import { balanceJson, eventPositionsJson, fillJson, orderJson, positionJson, settlementJson } from './wire';
import { countFp, dollars, parseCountField, parsePriceField } from './wire-units';

const createOrderSchema = z.object({
  ticker: z.string().min(1),
  side: z.enum(['bid', 'ask']),
  count: z.string(),
  price: z.string(),
  time_in_force: z.enum(['fill_or_kill', 'immediate_or_cancel', 'good_till_canceled']),
  self_trade_prevention_type: z.enum(['taker_at_cross', 'maker']),
  client_order_id: z.string().min(1).max(128).optional(),
  expiration_time: z.number().int().optional(),
  post_only: z.boolean().optional(),
  reduce_only: z.boolean().optional(),
  cancel_order_on_pause: z.boolean().optional(),
  subaccount: z.number().int().optional(),
  exchange_index: z.number().int().optional(),
  order_group_id: z.string().optional(),
});

function me(ctx: RouteContext): SimAccount {
  if (!ctx.account) throw new Error('route needs auth');
  return ctx.account;
}

function findOrder(account: SimAccount, id: string): SimOrder {
  const o = account.orders.find((x) => x.orderId === id);
  if (!o) throw notFound(`order ${id}`);
  return o;
}

function secondsParam(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null) return null;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`${name} must be unix seconds`);
  return n * 1000;
}

export const portfolioRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/portfolio/events/orders',
    auth: true,
    handle: (ctx) => {
      const parsed = createOrderSchema.safeParse(ctx.body);
      if (!parsed.success)
        throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const req = parsed.data;
      if (req.expiration_time !== undefined && req.time_in_force !== 'good_till_canceled') {
        throw badRequest('expiration_time needs good_till_canceled');
      }
      const order = placeOrder(
        ctx.state,
        me(ctx),
        {
          ticker: req.ticker,
          bookSide: req.side,
          yesPriceMicros: parsePriceField(req.price, 'price'),
          countCenti: parseCountField(req.count, 'count'),
          tif: req.time_in_force,
          selfTradePrevention: req.self_trade_prevention_type,
          ...(req.client_order_id !== undefined ? { clientOrderId: req.client_order_id } : {}),
          ...(req.reduce_only ? { reduceOnly: true } : {}),
        },
        ctx.faults,
      );
      const late = ctx.clock.now() < order.reportAtMs;
      const filled = late ? 0 : order.fillCenti;
      const body: Record<string, unknown> = {
        order_id: order.orderId,
        client_order_id: order.clientOrderId,
        fill_count: countFp(filled),
        remaining_count: countFp(late ? order.initialCenti : order.remainingCenti),
        ts_ms: order.createdMs,
      };
      if (filled > 0) {
        // Per-contract averages in YES-price terms like the order's `price`, rounded half-up to a micro.
        const fills = me(ctx).fills.filter((f) => f.orderId === order.orderId);
        const yesNotional = fills.reduce((sum, f) => sum + BigInt(f.yesPriceMicros) * BigInt(f.countCenti), 0n);
        body.average_fill_price = dollars(divRound(yesNotional, filled, 'half-up'));
        body.average_fee_paid = dollars(divRound(BigInt(order.takerFeesMicros) * 100n, filled, 'half-up'));
      }
      return { status: 201, body };
    },
  },
  {
    method: 'DELETE',
    pattern: '/portfolio/events/orders/{order_id}',
    auth: true,
    handle: (ctx) => {
      const order = findOrder(me(ctx), ctx.params.order_id ?? '');
      const reduced = cancelOrder(ctx.state, order);
      return {
        status: 200,
        body: {
          order_id: order.orderId,
          client_order_id: order.clientOrderId,
          reduced_by: countFp(reduced),
          ts_ms: ctx.clock.now(),
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/portfolio/orders/{order_id}',
    auth: true,
    handle: (ctx) => {
      const account = me(ctx);
      return {
        status: 200,
        body: { order: orderJson(account, findOrder(account, ctx.params.order_id ?? ''), ctx.clock.now()) },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/portfolio/orders',
    auth: true,
    handle: (ctx) => {
      const account = me(ctx);
      const now = ctx.clock.now();
      const ticker = ctx.query.get('ticker');
      const events = listParam(ctx.query, 'event_ticker');
      const status = ctx.query.get('status');
      const minMs = secondsParam(ctx.query, 'min_ts');
      const maxMs = secondsParam(ctx.query, 'max_ts');
      // The real API has no client_order_id filter (OrdersApi getOrders): clients scan the list.
      const orders = account.orders
        .map((o) => ({ o, json: orderJson(account, o, now) }))
        .filter(
          ({ o, json }) =>
            (!ticker || o.ticker === ticker) &&
            (events.length === 0 || events.some((e) => o.ticker.startsWith(`${e}-`))) &&
            (!status || json.status === status) &&
            (minMs === null || o.createdMs >= minMs) &&
            (maxMs === null || o.createdMs <= maxMs),
        )
        .reverse();
      const { page, cursor } = paginate(orders, ctx.query, 100, 1000);
      return { status: 200, body: { orders: page.map((x) => x.json), cursor } };
    },
  },
  {
    method: 'GET',
    pattern: '/portfolio/fills',
    auth: true,
    handle: (ctx) => {
      const now = ctx.clock.now();
      const ticker = ctx.query.get('ticker');
      const orderId = ctx.query.get('order_id');
      const minMs = secondsParam(ctx.query, 'min_ts');
      const maxMs = secondsParam(ctx.query, 'max_ts');
      const fills = me(ctx)
        .fills.filter(
          (f) =>
            now >= f.reportAtMs &&
            (!ticker || f.ticker === ticker) &&
            (!orderId || f.orderId === orderId) &&
            (minMs === null || f.createdMs >= minMs) &&
            (maxMs === null || f.createdMs <= maxMs),
        )
        .reverse();
      const { page, cursor } = paginate(fills, ctx.query, 100, 1000);
      return { status: 200, body: { fills: page.map(fillJson), cursor } };
    },
  },
  {
    method: 'GET',
    pattern: '/portfolio/positions',
    auth: true,
    handle: (ctx) => {
      const ticker = ctx.query.get('ticker');
      const event = ctx.query.get('event_ticker');
      const countFilter = listParam(ctx.query, 'count_filter');
      const positions = [...me(ctx).positions.values()].filter(
        (p) =>
          (!ticker || p.ticker === ticker) &&
          (!event || p.eventTicker === event) &&
          (!countFilter.includes('position') || p.positionCenti !== 0) &&
          (!countFilter.includes('total_traded') || p.totalTradedMicros !== 0),
      );
      const { page, cursor } = paginate(positions, ctx.query, 100, 1000);
      return {
        status: 200,
        body: { market_positions: page.map(positionJson), event_positions: eventPositionsJson(page), cursor },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/portfolio/balance',
    auth: true,
    handle: (ctx) => ({ status: 200, body: balanceJson(me(ctx)) }),
  },
  {
    method: 'GET',
    pattern: '/portfolio/settlements',
    auth: true,
    handle: (ctx) => {
      const ticker = ctx.query.get('ticker');
      const event = ctx.query.get('event_ticker');
      const settlements = me(ctx)
        .settlements.filter((s) => (!ticker || s.ticker === ticker) && (!event || s.eventTicker === event))
        .reverse();
      const { page, cursor } = paginate(settlements, ctx.query, 100, 1000);
      return { status: 200, body: { settlements: page.map(settlementJson), cursor } };
    },
  },
];
