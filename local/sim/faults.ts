/**
 * Fault injection for the simulators, per endpoint (`POST /order`, `GET /markets/{ticker}/orderbook`
 * — the route pattern, or `*` for all). Tests script a failure at an exact step with `skip` and
 * `times`: `{ endpoint: 'POST /portfolio/events/orders', skip: 1, times: 1, kind: 'error', status: 500 }`
 * fails the SECOND order and only that one. Rules are also settable over each simulator's admin
 * endpoint (`POST /_sim/faults`, `DELETE /_sim/faults`).
 */
import { z } from 'zod';

export const faultRuleSchema = z.object({
  endpoint: z.string().min(1),
  /** Extra latency before answering, in ms (applies with any kind). */
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  kind: z
    .enum([
      'none', // latency only
      'error', // answer `status` (5xx or 429) with the venue's error body
      // never answer (hold the connection until the client gives up). NOTE the venues differ:
      // on Kalshi the order still executes and only the answer is lost; on Polymarket the
      // handler never runs, so nothing happens. For "Polymarket filled, answer lost" use
      // 'malformed' (the order executes, the answer is unreadable).
      'timeout',
      'malformed', // answer 200 with a body that does not match the venue's schema
      'partial', // order endpoints: fill only `fillRatio` of what could fill
      'late', // order endpoints: accept, but report the fill only after `delayMs`
      // order endpoints (Polymarket): the book the order takes moves by `priceShiftMicros` just
      // before it matches, as if it changed between plan and order; a level never moves past the
      // order's own limit (so a worse book still fills, with fewer shares) nor out of (0, 1).
      'reprice',
    ])
    .default('none'),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSec: z.number().int().min(0).optional(),
  fillRatio: z.number().min(0).max(1).optional(),
  delayMs: z.number().int().min(0).optional(),
  priceShiftMicros: z.number().int().min(-999_999).max(999_999).optional(),
  /** Probability the rule fires on a matching request (seeded). Default 1. */
  rate: z.number().min(0).max(1).default(1),
  /** Let this many matching requests through untouched first. */
  skip: z.number().int().min(0).default(0),
  /** Fire at most this many times, then expire. Default: forever. */
  times: z.number().int().min(1).optional(),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;

export interface FaultDecision {
  readonly latencyMs: number;
  readonly rule: FaultRule | null;
}

interface ActiveRule {
  readonly id: number;
  readonly rule: FaultRule;
  seen: number;
  fired: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number) {}

  add(input: FaultRuleInput): number {
    const rule = faultRuleSchema.parse(input);
    const id = this.nextId++;
    this.rules.push({ id, rule, seen: 0, fired: 0 });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { id: number; fired: number }> {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, fired: r.fired }));
  }

  /**
   * Called once per request with its route pattern. Latency from every matching rule adds up;
   * the first matching rule whose kind is not `none` decides the fault.
   */
  decide(endpoint: string): FaultDecision {
    let latencyMs = 0;
    let chosen: FaultRule | null = null;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.endpoint !== '*' && rule.endpoint !== endpoint) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      active.seen++;
      if (active.seen <= rule.skip) continue;
      if (rule.rate < 1 && this.random() >= rule.rate) continue;
      if (rule.kind !== 'none' && chosen) continue;
      active.fired++;
      latencyMs += rule.latencyMs ?? 0;
      if (rule.kind !== 'none') chosen = rule;
    }
    return { latencyMs, rule: chosen };
  }
}
