/**
 * zod schemas of Kalshi's WebSocket API as the order-book stream reads it
 * (docs/venues-kalshi.md#k-stream). Every frame is one JSON object with a `type`; data frames carry
 * `sid` (subscription) and `seq` (per subscription, +1 per message). Prices and counts are exact
 * (lib/core/money.ts). Objects are not strict: the venue adds fields.
 */
import { z } from 'zod';
import { countCenti, depthCenti, priceMicros } from './schemas';

export const kalshiEnvelope = z.object({
  type: z.string().min(1),
  id: z.number().int().optional(),
  sid: z.number().int().optional(),
  seq: z.number().int().optional(),
  msg: z.unknown().optional(),
});
export type KalshiEnvelope = z.infer<typeof kalshiEnvelope>;

const level = z.tuple([priceMicros, depthCenti]);
/** An empty side may come as [], null or absent. */
const side = z
  .array(level)
  .nullish()
  .transform((s) => s ?? []);

export const kalshiSnapshotMsg = z.object({
  market_ticker: z.string().min(1),
  market_id: z.string().optional(),
  yes_dollars_fp: side,
  no_dollars_fp: side,
});

export const kalshiDeltaMsg = z.object({
  market_ticker: z.string().min(1),
  market_id: z.string().optional(),
  price_dollars: priceMicros,
  /** Signed change of the level's count. */
  delta_fp: countCenti,
  side: z.enum(['yes', 'no']),
  ts_ms: z.number().int().optional(),
});

export const kalshiSubscribedMsg = z.object({ channel: z.string(), sid: z.number().int() });
export const kalshiErrorMsg = z.object({ code: z.number().int(), msg: z.string().optional() });

export type KalshiSnapshotMsg = z.infer<typeof kalshiSnapshotMsg>;
export type KalshiDeltaMsg = z.infer<typeof kalshiDeltaMsg>;

/** Documented command error codes (docs/venues-kalshi.md#k-stream). */
export const KALSHI_WS_ERRORS: Readonly<Record<number, string>> = {
  1: 'unable to process message',
  2: 'params required',
  3: 'channels required',
  4: 'subscription ids required',
  5: 'unknown command',
  6: 'retired code',
  7: 'unknown subscription id',
  8: 'unknown channel name',
  9: 'authentication required',
  10: 'channel error',
  11: 'invalid parameter',
  12: 'exactly one subscription id is required',
  13: 'unsupported action',
};

export function kalshiSubscribe(id: number, tickers: readonly string[]): string {
  return JSON.stringify({ id, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: tickers } });
}
export function kalshiUpdate(
  id: number,
  sid: number,
  tickers: readonly string[],
  action: 'add_markets' | 'delete_markets',
): string {
  return JSON.stringify({ id, cmd: 'update_subscription', params: { sids: [sid], market_tickers: tickers, action } });
}
export function kalshiUnsubscribe(id: number, sids: readonly number[]): string {
  return JSON.stringify({ id, cmd: 'unsubscribe', params: { sids } });
}
