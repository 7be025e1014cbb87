/**
 * Faults of the simulators' WebSocket feeds, per connection or for all of them, scripted like the
 * HTTP faults (local/sim/faults.ts): `skip` frames go through first, then the rule fires on
 * `times` frames. Settable in code (`feed.faults.add(...)`) and over HTTP (`POST /_sim/ws-faults`).
 *
 *   drop       close the connection instead of sending the frame
 *   freeze     withhold every frame (never PONG / ping answers), `times` frames or until cleared
 *   gap        lose the frame silently (a Kalshi `seq` is consumed: the client sees a gap)
 *   duplicate  send the frame twice
 *   reorder    hold the frame and send it after the next one
 *   malformed  send an unreadable frame instead
 *   stall      hold this frame and everything after it for `ms`, then send them all (slow consumer)
 *   latency    delay every frame by `ms` while the rule lasts (order kept)
 */
import { z } from 'zod';

export const feedFaultSchema = z.object({
  kind: z.enum(['drop', 'freeze', 'gap', 'duplicate', 'reorder', 'malformed', 'stall', 'latency']),
  /** One connection (`FeedStats.connections[].id`); absent = every connection, present and future. */
  connection: z.number().int().positive().optional(),
  /** Frames let through untouched first. */
  skip: z.number().int().min(0).default(0),
  /** Frames the rule acts on; default 1 (freeze and latency: until cleared). */
  times: z.number().int().min(1).optional(),
  /** stall: how long; latency: delay of each frame. */
  ms: z.number().int().min(0).max(120_000).optional(),
});
export type FeedFaultInput = z.input<typeof feedFaultSchema>;
export type FeedFault = z.output<typeof feedFaultSchema>;

interface Active {
  readonly id: number;
  readonly rule: FeedFault;
  /** Frames seen per connection (skip counts per connection). */
  readonly seen: Map<number, number>;
  fired: number;
}

export type FeedAction =
  | { kind: 'send' }
  | { kind: 'drop' | 'withhold' | 'duplicate' | 'reorder' | 'malformed' }
  | { kind: 'stall'; ms: number };

export class FeedFaults {
  private rules: Active[] = [];
  private nextId = 1;

  add(input: FeedFaultInput): number {
    const rule = feedFaultSchema.parse(input);
    const id = this.nextId++;
    this.rules.push({ id, rule, seen: new Map(), fired: 0 });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FeedFault & { id: number; fired: number }> {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, fired: r.fired }));
  }

  /** Extra delay of every frame on `connection` (sum of the latency rules that apply). */
  latencyMs(connection: number): number {
    let ms = 0;
    for (const r of this.rules) if (r.rule.kind === 'latency' && applies(r, connection)) ms += r.rule.ms ?? 0;
    return ms;
  }

  /** What to do with the next frame on `connection`. `heartbeat` frames (PONG) only ever see freeze lifted. */
  decide(connection: number, heartbeat: boolean): FeedAction {
    if (heartbeat) return { kind: 'send' };
    let action: FeedAction = { kind: 'send' };
    for (const r of this.rules) {
      if (r.rule.kind === 'latency' || !applies(r, connection)) continue;
      const limit = r.rule.times ?? (r.rule.kind === 'freeze' ? Number.POSITIVE_INFINITY : 1);
      if (r.fired >= limit) continue;
      const seen = (r.seen.get(connection) ?? 0) + 1;
      r.seen.set(connection, seen);
      if (seen <= r.rule.skip || action.kind !== 'send') continue;
      r.fired++;
      action =
        r.rule.kind === 'freeze' || r.rule.kind === 'gap'
          ? { kind: 'withhold' }
          : r.rule.kind === 'stall'
            ? { kind: 'stall', ms: r.rule.ms ?? 1_000 }
            : { kind: r.rule.kind };
    }
    return action;
  }
}

function applies(r: Active, connection: number): boolean {
  return r.rule.connection === undefined || r.rule.connection === connection;
}
