/**
 * zod schemas of the Polymarket US markets WebSocket as the order-book stream reads it
 * (docs/venues-polymarket-us.md#u-stream). Every frame is one JSON object named by the one
 * payload field it carries: `marketData` (a whole book of one market, the REST book's shape),
 * `heartbeat`, `error`; `marketDataLite` and `trade` belong to subscriptions this client never
 * makes. Field names are camelCase and subscription types their enum words, as the official SDK
 * sends and reads them. Objects are not strict (the venue adds fields, e.g. `stats`).
 */
import { z } from 'zod';
import { wireBook } from './schemas';

/** The one subscription type the stream takes: "Full order book and market stats". */
export const PMUS_MARKET_DATA = 'SUBSCRIPTION_TYPE_MARKET_DATA' as const;

/** Payload fields the markets WebSocket may carry, and what the stream does with each. */
export const PMUS_WS_PAYLOADS = ['marketData', 'heartbeat', 'error', 'marketDataLite', 'trade'] as const;

/** Just enough of any frame to route it: which payload it carries, and its subscription. */
export const pmusFrameHead = z.object({
  requestId: z.string().optional(),
  subscriptionType: z.string().optional(),
});

/** A `marketData` frame: the subscription's request id and the market's whole book. */
export const pmusMarketDataFrame = z.object({
  requestId: z.string().min(1),
  subscriptionType: z.literal(PMUS_MARKET_DATA).optional(),
  marketData: wireBook,
});
export type PmusMarketDataFrame = z.infer<typeof pmusMarketDataFrame>;

/** A refused request: `{requestId?, error}`. */
export const pmusErrorFrame = z.object({
  requestId: z.string().optional(),
  error: z.string(),
});

/** The payload field a frame carries, or null when it carries none we know. */
export function payloadOf(frame: object): (typeof PMUS_WS_PAYLOADS)[number] | null {
  for (const p of PMUS_WS_PAYLOADS) if (p in frame) return p;
  return null;
}

/** What the client sends (docs/venues-polymarket-us.md#u-stream). */
export function pmusSubscribe(requestId: string, marketSlugs: readonly string[]): string {
  return JSON.stringify({ subscribe: { requestId, subscriptionType: PMUS_MARKET_DATA, marketSlugs } });
}
export function pmusUnsubscribe(requestId: string): string {
  return JSON.stringify({ unsubscribe: { requestId } });
}
