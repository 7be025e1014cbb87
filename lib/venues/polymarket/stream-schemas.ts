/**
 * zod schemas of the Polymarket market channel (docs/venues-polymarket.md#p-stream). A frame is
 * one event object or a JSON array of them; each event names its kind in `event_type`. Numbers
 * stay decimal strings here and are read exactly by the stream (lib/core/money.ts); objects are
 * not strict (the venue adds fields). Timestamps are epoch-ms strings (numbers accepted).
 */
import { z } from 'zod';

const decimal = z.string().regex(/^(\d+(\.\d*)?|\.\d+)$/, 'a plain decimal');
/** Epoch ms as the venue sends it (string, sometimes a number). */
const epochMs = z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]).transform(Number);

export const pmLevel = z.object({ price: decimal, size: decimal });

export const pmBookEvent = z.object({
  event_type: z.literal('book'),
  asset_id: z.string().min(1),
  market: z.string().min(1),
  bids: z.array(pmLevel),
  asks: z.array(pmLevel),
  timestamp: epochMs,
  hash: z.string().optional(),
  /** Not in the documented example; read when present. */
  tick_size: decimal.optional(),
  min_order_size: decimal.optional(),
});

export const pmPriceChangeEntry = z.object({
  asset_id: z.string().min(1),
  price: decimal,
  /** The level's new ABSOLUTE size; "0" removes it. */
  size: decimal,
  side: z.enum(['BUY', 'SELL']),
  hash: z.string().optional(),
  best_bid: decimal.optional(),
  best_ask: decimal.optional(),
});

export const pmPriceChangeEvent = z.object({
  event_type: z.literal('price_change'),
  market: z.string().min(1),
  price_changes: z.array(pmPriceChangeEntry).min(1),
  timestamp: epochMs,
});

export const pmTickSizeChangeEvent = z.object({
  event_type: z.literal('tick_size_change'),
  asset_id: z.string().min(1),
  market: z.string().min(1),
  old_tick_size: decimal,
  new_tick_size: decimal,
  timestamp: epochMs,
});

/** Events read only to be counted (they do not change a book). */
export const PM_INFO_EVENTS = ['last_trade_price', 'best_bid_ask', 'new_market', 'market_resolved'] as const;

export type PmBookEvent = z.infer<typeof pmBookEvent>;
export type PmPriceChangeEvent = z.infer<typeof pmPriceChangeEvent>;
export type PmTickSizeChangeEvent = z.infer<typeof pmTickSizeChangeEvent>;

/** Just enough of any event to route it: its kind and the assets it names. */
export const pmEventHead = z.object({
  event_type: z.string(),
  asset_id: z.string().optional(),
  price_changes: z.array(z.object({ asset_id: z.string() }).partial()).optional(),
});

/** What the client sends (documented subscription messages). */
export function pmSubscribeFirst(assetIds: readonly string[]): string {
  return JSON.stringify({ assets_ids: assetIds, type: 'market' });
}
export function pmSubscribeMore(assetIds: readonly string[], operation: 'subscribe' | 'unsubscribe'): string {
  return JSON.stringify({ assets_ids: assetIds, operation });
}
