/**
 * The seeded price model of one game. A fair win probability walks in logit space (slowly
 * before the game, faster in play, pulled toward the final result as the clock runs out);
 * each venue quotes around its own view of it — fair + its own AR(1) wander + now and then a
 * "dislocation" (one venue's quotes jump 5–10¢ for a while), which is where cross-venue
 * arbitrage appears and disappears. Same seed and step → same books, whatever the wall clock.
 *
 * The model is floating-point (it is a model, not money); every quote it emits is snapped to
 * the venue's 1¢ tick as integer micros before any simulator sees it.
 */
import { seededRandom } from '../clock';
import { type KalshiMarketBook, quoteBounds, quoteLadder, type TokenBook } from './quotes';
import type { ScheduledGame } from './schedule';
import type { QuoteConfig, Slate } from './schema';

export type { KalshiMarketBook, TokenBook } from './quotes';
export interface GameBooks {
  readonly kalshi: { readonly away: KalshiMarketBook; readonly home: KalshiMarketBook };
  readonly polymarket: { readonly away: TokenBook; readonly home: TokenBook };
}
export interface PriceStep {
  readonly step: number;
  readonly atMs: number;
  /** Model's fair probability that the away team wins. */
  readonly fairAway: number;
  readonly books: GameBooks;
}

const PRE_GAME_VOL = 0.1; // logit per √hour
const DEFAULT_LIVE_VOL = 1.2;
const WANDER_PERSISTENCE = 0.7;
const RESULT_LOGIT = { away: 4, home: -4, tie: 0 } as const;

/** FNV-1a: a stable 32-bit seed per (slate seed, game id). */
export function gameSeed(seed: number, gameId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${gameId}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

interface Dislocation {
  venue: 'kalshi' | 'polymarket';
  shift: number;
  stepsLeft: number;
}

export class GamePricePath {
  private readonly rng: () => number;
  private readonly sizeSeed: number;
  /** Re-seeded per quoted step, so depth does not depend on which steps were quoted. */
  private sizeRng: () => number = seededRandom(0);
  private readonly stepMs: number;
  private step = -1;
  private logit: number;
  private wanderKalshi = 0;
  private wanderKalshiHome = 0;
  private wanderPoly = 0;
  private dislocation: Dislocation | null = null;
  private last: PriceStep | null = null;

  constructor(
    private readonly scheduled: ScheduledGame,
    private readonly slate: Slate,
    seed: number,
    private readonly slateStartMs: number,
  ) {
    this.rng = seededRandom(gameSeed(seed, scheduled.game.id));
    this.sizeSeed = gameSeed(seed ^ 0x5bd1e995, scheduled.game.id);
    this.stepMs = slate.stepSec * 1000;
    const p = scheduled.game.fairAwayWin;
    this.logit = Math.log(p / (1 - p));
  }

  /** Steps forward (never back) to `step` and returns the books at that step. */
  advanceTo(step: number): PriceStep {
    if (step < this.step) throw new RangeError(`price path cannot go back from step ${this.step} to ${step}`);
    while (this.step < step) this.advanceOne();
    if (!this.last || this.last.step !== step) this.last = this.quote();
    return this.last;
  }

  private normal(): number {
    // Box–Muller; always two draws so the stream stays aligned step by step.
    const u = Math.max(this.rng(), 1e-12);
    const v = this.rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private advanceOne(): void {
    this.step += 1;
    const t = this.slateStartMs + this.step * this.stepMs;
    const dtHours = this.stepMs / 3_600_000;
    const z = [this.normal(), this.normal(), this.normal(), this.normal()] as const;
    const d = [this.rng(), this.rng(), this.rng(), this.rng(), this.rng()] as const;
    const { game, startMs, endMs } = this.scheduled;
    if (this.step > 0) {
      const live = game.result !== 'void' && t >= startMs && t < endMs;
      if (live) {
        const target = RESULT_LOGIT[game.result as 'away' | 'home' | 'tie'];
        const remainingHours = Math.max((endMs - t) / 3_600_000, dtHours);
        this.logit +=
          ((target - this.logit) * dtHours) / remainingHours +
          (game.volatility ?? DEFAULT_LIVE_VOL) * Math.sqrt(dtHours) * z[0];
      } else {
        this.logit += PRE_GAME_VOL * Math.sqrt(dtHours) * z[0];
      }
      const k = this.slate.venues.kalshi.noiseCents / 100;
      const p = this.slate.venues.polymarket.noiseCents / 100;
      this.wanderKalshi = WANDER_PERSISTENCE * this.wanderKalshi + k * z[1];
      this.wanderKalshiHome = WANDER_PERSISTENCE * this.wanderKalshiHome + k * z[2];
      this.wanderPoly = WANDER_PERSISTENCE * this.wanderPoly + p * z[3];
    }
    const cfg = this.slate.dislocations;
    const script = game.arbitrage;
    if (script) {
      // The scripted window replaces the random dislocations (the draws above keep the stream aligned).
      const from = this.slateStartMs + script.afterSlateStartMin * 60_000;
      const open = t >= from && t < from + script.minutes * 60_000;
      this.dislocation = open ? { venue: script.venue, shift: script.cents / 100, stepsLeft: 1 } : null;
    } else if (this.dislocation) {
      this.dislocation.stepsLeft -= 1;
      if (this.dislocation.stepsLeft <= 0) this.dislocation = null;
    } else if (d[0] < cfg.perGameHour * dtHours) {
      const cents = cfg.minCents + d[3] * (cfg.maxCents - cfg.minCents);
      this.dislocation = {
        venue: d[1] < 0.5 ? 'kalshi' : 'polymarket',
        shift: (d[2] < 0.5 ? -1 : 1) * (cents / 100),
        stepsLeft: cfg.minSteps + Math.floor(d[4] * (cfg.maxSteps - cfg.minSteps + 1)),
      };
    }
  }

  private quote(): PriceStep {
    this.sizeRng = seededRandom((this.sizeSeed + Math.imul(this.step, 0x9e3779b1)) >>> 0);
    const fair = 1 / (1 + Math.exp(-this.logit));
    const shift = (venue: Dislocation['venue']) => (this.dislocation?.venue === venue ? this.dislocation.shift : 0);
    const kalshiView = fair + this.wanderKalshi + shift('kalshi');
    const polyView = fair + this.wanderPoly + shift('polymarket');
    const kq = this.slate.venues.kalshi;
    const pq = this.slate.venues.polymarket;
    const awayToken = this.tokenBook(polyView, pq);
    return {
      step: this.step,
      atMs: this.slateStartMs + this.step * this.stepMs,
      fairAway: fair,
      books: {
        kalshi: {
          away: this.kalshiBook(kalshiView, kq),
          home: this.kalshiBook(1 - kalshiView + this.wanderKalshiHome, kq),
        },
        // One CLOB market: the home token's book is the away token's, mirrored (1 − p).
        polymarket: {
          away: awayToken,
          home: {
            bids: awayToken.asks.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti })),
            asks: awayToken.bids.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti })),
          },
        },
      },
    };
  }

  /** Kalshi shows bids only: YES bids, and NO bids at 1 − YES ask (docs/venues-kalshi.md#k2). */
  private kalshiBook(view: number, q: QuoteConfig): KalshiMarketBook {
    const { bidCents, askCents } = quoteBounds(view, q);
    return {
      yesBids: quoteLadder(bidCents, -1, q, this.sizeRng),
      noBids: quoteLadder(100 - askCents, -1, q, this.sizeRng),
    };
  }

  private tokenBook(view: number, q: QuoteConfig): TokenBook {
    const { bidCents, askCents } = quoteBounds(view, q);
    return { bids: quoteLadder(bidCents, -1, q, this.sizeRng), asks: quoteLadder(askCents, 1, q, this.sizeRng) };
  }
}
