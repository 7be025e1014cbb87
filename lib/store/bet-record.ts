/**
 * The bet item `BET#<id>`: its codec. The bet's shape and lifecycle are lib/core/bet.ts.
 */
import { z } from 'zod';
import type { BetRecord } from '../core/bet';
import { LEAGUES } from '../core/market';
import { CorruptItem } from './errors';

const int = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
// Records written before Polymarket US joined read the same: the variant and the venue name are additions.
const instrument = z.union([
  z.object({ venue: z.literal('polymarket'), conditionId: z.string(), tokenId: z.string() }),
  z.object({ venue: z.literal('kalshi'), ticker: z.string(), side: z.enum(['yes', 'no']) }),
  z.object({ venue: z.literal('polymarket-us'), marketSlug: z.string(), side: z.enum(['long', 'short']) }),
]);
const leg = z.object({
  venue: z.enum(['polymarket', 'kalshi', 'polymarket-us']),
  instrument,
  side: z.enum(['buy', 'sell']),
  limitPriceMicros: int,
  sizeCenti: int,
  notionalMicros: int,
  feeMicros: int,
  sizeStepCenti: int.refine((n) => n > 0, 'not positive').optional(),
  attempt: int,
  clientOrderId: z.string(),
  venueOrderId: z.string().nullable(),
  filledCenti: int,
  filledNotionalMicros: int,
  filledFeeMicros: int,
});
const unwind = z.object({
  legIndex: int,
  attempt: int,
  clientOrderId: z.string(),
  venueOrderId: z.string().nullable(),
  limitPriceMicros: int,
  sizeCenti: int,
  filledCenti: int,
  proceedsMicros: int,
  feeMicros: int,
  atMs: int,
});
const status = z.enum(['admitted', 'placing', 'open', 'unwinding', 'unwound', 'failed', 'settled']);
const betSchema = z.object({
  id: z.string(),
  mode: z.enum(['paper', 'live']),
  pairId: z.string(),
  league: z.enum(LEAGUES).nullable(),
  title: z.string(),
  teams: z.tuple([z.string(), z.string()]),
  status,
  ledger: z.enum(['reserved', 'pending', 'applied']),
  reservedMicros: int,
  worstCaseLossMicros: int,
  admittedDay: z.string(),
  legs: z.array(leg),
  unwinds: z.array(unwind),
  result: z
    .object({
      spentMicros: int,
      receivedMicros: int,
      payoutMicros: int,
      pnlMicros: int,
      lossMicros: int,
      creditMicros: int,
      realisedDay: z.string(),
      legPayoutsMicros: z.array(int).optional(),
    })
    .nullable(),
  cooldownUntilMs: int.nullable(),
  note: z.string().nullable(),
  createdAtMs: int,
  updatedAtMs: int,
  admittedBy: z.string(),
  statusTimes: z.partialRecord(status, int),
  statusBy: z.partialRecord(status, z.string()),
  version: int,
});

export function decodeBet(item: Record<string, unknown>): BetRecord {
  const parsed = betSchema.safeParse(item);
  if (!parsed.success) throw new CorruptItem(`bet ${String(item.id)}`, parsed.error.message);
  return parsed.data as BetRecord;
}
