/**
 * The scenario driver: owns simulated time for every venue it drives (Kalshi, and Polymarket,
 * Polymarket US or both). At its first tick it lists every game on each simulator; each step it
 * pushes fresh books; at a game's end it closes the markets, and `settleDelayMin` later it settles
 * them as each venue would:
 *  - a winner: Kalshi winner market YES / loser NO; Polymarket pays the winner's token; Polymarket
 *    US pays the long side $1 when the away team (long) won, else $0;
 *  - a tie (NFL): Kalshi settles each team market at $0.50; Polymarket resolves 50-50; Polymarket
 *    US settles at $0.50;
 *  - void (postponed, never played): Kalshi settles at the last fair price (each team market at
 *    the model's fair probability, to the cent, summing to $1); Polymarket resolves 50-50;
 *    Polymarket US settles at the same last fair price (docs/venues-polymarket-us.md#u-settlement).
 * (Kalshi-powered sports rules: tie $0.50 per team, postponed beyond 48 h → last fair price;
 * Polymarket sports rules: tie or cancelled → 50-50. Assumptions, stated in the report.)
 * Polymarket US shows the Polymarket model's books: its one market's long book is the away token's
 * book, so both Polymarkets show the same prices and depth and the same arbitrage against Kalshi.
 * It talks to the simulators only through KalshiSimControl / PolymarketSimControl /
 * PolymarketUsSimControl.
 */
import { LEAGUE_CATALOGUE } from '../../../lib/core/leagues';
import { PAYOUT_MICROS } from '../../../lib/core/money';
import type { KalshiSimControl, PolymarketSimControl, PolymarketUsSimControl } from '../control';
import { fillerMarkets } from './fillers';
import { GamePricePath, gameSeed, type PriceStep } from './price-path';
import { type ScheduledGame, scheduleSlate } from './schedule';
import type { Slate } from './schema';
import {
  closeSoccer,
  listSoccer,
  pushSoccer,
  type ScheduledSoccerGame,
  scheduleSoccer,
  settleSoccer,
  soccerBooks,
} from './soccer';

export interface ScenarioDriverOptions {
  readonly slate: Slate;
  readonly seed: number;
  readonly slateStartMs: number;
  readonly kalshi: KalshiSimControl;
  /** Null when the Polymarket (international) simulator does not run. */
  readonly polymarket: PolymarketSimControl | null;
  /** The Polymarket US simulator, when it runs (default: none). */
  readonly polymarketUs?: PolymarketUsSimControl | null;
  readonly log?: (line: string) => void;
}

type Stage = 'open' | 'closed' | 'settled';

interface GameRun {
  readonly scheduled: ScheduledGame;
  readonly path: GamePricePath;
  stage: Stage;
  last: PriceStep | null;
}

export class ScenarioDriver {
  readonly games: readonly ScheduledGame[];
  private readonly runs: GameRun[];
  /** The slate's three-way (soccer) games (./soccer.ts), with their stage and last step pushed. */
  readonly soccer: readonly ScheduledSoccerGame[];
  private readonly soccerRuns: Array<{ scheduled: ScheduledSoccerGame; stage: Stage; step: number }>;
  private listed = false;
  /** Simulated ms between two steps of the price model (the slate's `stepSec`). */
  readonly stepMs: number;

  constructor(private readonly options: ScenarioDriverOptions) {
    this.games = scheduleSlate(options.slate, options.slateStartMs);
    this.stepMs = options.slate.stepSec * 1000;
    this.runs = this.games.map((scheduled) => ({
      scheduled,
      path: new GamePricePath(scheduled, options.slate, options.seed, options.slateStartMs),
      stage: 'open',
      last: null,
    }));
    this.soccer = scheduleSoccer(options.slate.soccer, {
      slateStartMs: options.slateStartMs,
      settleDelayMin: options.slate.settleDelayMin,
      rebaseDates: options.slate.rebaseDates,
    });
    this.soccerRuns = this.soccer.map((scheduled) => ({ scheduled, stage: 'open', step: -1 }));
  }

  /** Brings both venues up to `nowMs`. Idempotent for the same instant; time never goes back. */
  tick(nowMs: number): void {
    if (!this.listed) this.listAll();
    const step = Math.max(0, Math.floor((nowMs - this.options.slateStartMs) / this.stepMs));
    for (const run of this.runs) {
      const { scheduled } = run;
      if (run.stage === 'open') {
        if (nowMs >= scheduled.endMs) {
          run.last = run.path.advanceTo(Math.max(run.last?.step ?? 0, this.stepAt(scheduled.endMs) - 1));
          this.close(run);
        } else if (!run.last || run.last.step < step) {
          run.last = run.path.advanceTo(step);
          this.push(run.scheduled, run.last);
        }
      }
      if (run.stage === 'closed' && nowMs >= scheduled.settleMs) this.settle(run);
    }
    for (const run of this.soccerRuns) this.tickSoccer(run, nowMs, step);
  }

  /** A soccer game: books each step until its end, then closed, then settled (./soccer.ts). */
  private tickSoccer(run: (typeof this.soccerRuns)[number], nowMs: number, step: number): void {
    const { kalshi, polymarket, slate, seed, slateStartMs } = this.options;
    const g = run.scheduled;
    if (run.stage === 'open') {
      if (nowMs >= g.endMs) {
        closeSoccer(g, kalshi, polymarket);
        run.stage = 'closed';
        this.options.log?.(`scenario: ${g.game.id} over, markets closed`);
      } else if (run.step < step) {
        run.step = step;
        const atMs = slateStartMs + step * this.stepMs;
        const books = soccerBooks(g, atMs, step, slate.venues, gameSeed(seed, g.game.id), slateStartMs);
        pushSoccer(g, books, kalshi, polymarket);
      }
    }
    if (run.stage === 'closed' && nowMs >= g.settleMs) {
      settleSoccer(g, kalshi, polymarket);
      run.stage = 'settled';
      this.options.log?.(`scenario: ${g.game.id} settled (${g.game.result})`);
    }
  }

  /** The last books pushed for a game (tests read these to check the model). */
  lastStep(gameId: string): PriceStep | null {
    return this.runs.find((r) => r.scheduled.game.id === gameId)?.last ?? null;
  }

  stage(gameId: string): Stage | undefined {
    return this.runs.find((r) => r.scheduled.game.id === gameId)?.stage;
  }

  /** When everything is settled. */
  get finishedAtMs(): number {
    return Math.max(...this.games.map((g) => g.settleMs), ...this.soccer.map((g) => g.settleMs));
  }

  private stepAt(ms: number): number {
    return Math.max(0, Math.floor((ms - this.options.slateStartMs) / this.stepMs));
  }

  private listAll(): void {
    this.listed = true;
    // Other sports first, so that an all-sports listing's first page holds none of the slate's games.
    const fillers = fillerMarkets(this.options.slate, this.options.slateStartMs);
    for (const filler of fillers) this.options.polymarket?.addMarket(filler);
    for (const g of this.games) {
      const { game } = g;
      // Each market carries its own fee schedule (docs/venues-polymarket.md#p5-fee-schedule).
      const fee = game.polymarket.feeSchedule ?? this.options.slate.polymarketFeeSchedule;
      const kalshiExtras = {
        ...(game.kalshi.marketStatus ? { wireStatus: game.kalshi.marketStatus } : {}),
        ...(game.kalshi.fractional ? { fractional: true } : {}),
      };
      this.options.kalshi.addEvent({
        league: g.league,
        seriesTicker: g.seriesTicker,
        eventTicker: g.eventTicker,
        title: `${game.away.kalshiName} at ${game.home.kalshiName} Winner?`,
        gameStartMs: g.startMs,
        expectedExpirationMs: g.endMs + 3_600_000,
        markets: [
          { ticker: g.awayTicker, yesSubTitle: game.away.kalshiName, tickMicros: 10_000, ...kalshiExtras },
          { ticker: g.homeTicker, yesSubTitle: game.home.kalshiName, tickMicros: 10_000, ...kalshiExtras },
        ],
      });
      this.options.polymarket?.addMarket({
        league: g.league,
        gammaId: game.polymarket.gammaId,
        conditionId: game.polymarket.conditionId,
        eventSlug: g.slug,
        question: game.polymarket.question,
        gameStartMs: g.startMs,
        outcomes: [
          { name: game.away.polymarketName, tokenId: game.away.polymarketTokenId },
          { name: game.home.polymarketName, tokenId: game.home.polymarketTokenId },
        ],
        homeTeamName: game.home.name,
        awayTeamName: game.away.name,
        negRisk: false,
        tickMicros: 10_000,
        minSizeCenti: 500,
        feeRatePpm: Math.round(fee.rate * 1_000_000),
        feeExponent: fee.exponent,
      });
    }
    const fee = this.options.slate.polymarketFeeSchedule;
    for (const g of this.soccer) listSoccer(g, this.options.kalshi, this.options.polymarket, fee);
    this.listPolymarketUs();
    this.options.log?.(
      `scenario: listed ${this.games.length + this.soccer.length} games on ${this.venueNames()}` +
        (this.options.polymarket && fillers.length > 0
          ? ` (+${fillers.length} other-sport markets on Polymarket)`
          : ''),
    );
  }

  /** `both venues` (Kalshi and Polymarket, as before), else the names, e.g. `Kalshi and Polymarket US`. */
  private venueNames(): string {
    const { polymarket, polymarketUs } = this.options;
    if (polymarket && !polymarketUs) return 'both venues';
    const names = ['Kalshi', ...(polymarket ? ['Polymarket'] : []), ...(polymarketUs ? ['Polymarket US'] : [])];
    return names.length === 1 ? 'Kalshi' : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }

  /**
   * One market per game (docs/venues-polymarket-us.md#u-sides): the away team long, first in the
   * slug (#u-slugs); tick, minimum quantity and taker Θ from the slate (#u-fees). Abbreviations are
   * the slug codes, lower case; the recorded UFC moneylines call the long (first) fighter `home`.
   */
  private listPolymarketUs(): void {
    const us = this.options.polymarketUs;
    if (!us) return;
    const settings = this.options.slate.polymarketUs;
    for (const g of this.games) {
      if (!g.onPolymarketUs) continue;
      const { game } = g;
      const minimumTradeQty = game.polymarketUs?.minimumTradeQty ?? settings.minimumTradeQty;
      const fighters = LEAGUE_CATALOGUE[g.league].participants === 'fighter';
      us.addMarket({
        league: g.league,
        slug: g.polymarketUsSlug,
        title: `${game.away.name} vs. ${game.home.name}`,
        gameStartMs: g.startMs,
        long: {
          name: game.away.polymarketName,
          abbreviation: game.away.code.toLowerCase(),
          ordering: fighters ? 'home' : 'away',
        },
        short: {
          name: game.home.polymarketName,
          abbreviation: game.home.code.toLowerCase(),
          ordering: fighters ? 'away' : 'home',
        },
        tickMicros: Math.round(settings.tick * 1_000_000),
        minQtyCenti: Math.round(minimumTradeQty * 100),
        takerThetaPpm: Math.round(settings.takerTheta * 1_000_000),
      });
    }
  }

  private push(g: ScheduledGame, s: PriceStep): void {
    this.options.kalshi.setBook(g.awayTicker, s.books.kalshi.away);
    this.options.kalshi.setBook(g.homeTicker, s.books.kalshi.home);
    this.options.polymarket?.setBook(g.game.away.polymarketTokenId, s.books.polymarket.away);
    this.options.polymarket?.setBook(g.game.home.polymarketTokenId, s.books.polymarket.home);
    // The long (away) side's book; the short side is its mirror, as the home token's book is.
    if (g.onPolymarketUs)
      this.options.polymarketUs?.setBook(g.polymarketUsSlug, {
        bids: s.books.polymarket.away.bids,
        offers: s.books.polymarket.away.asks,
      });
  }

  private close(run: GameRun): void {
    const g = run.scheduled;
    this.options.kalshi.closeMarket(g.awayTicker);
    this.options.kalshi.closeMarket(g.homeTicker);
    this.options.polymarket?.closeMarket(g.game.polymarket.conditionId);
    if (g.onPolymarketUs) this.options.polymarketUs?.closeMarket(g.polymarketUsSlug);
    run.stage = 'closed';
    this.options.log?.(`scenario: ${g.game.id} over, markets closed`);
  }

  private settle(run: GameRun): void {
    const g = run.scheduled;
    const result = g.game.result;
    const kalshi = this.options.kalshi;
    const poly = this.options.polymarket;
    const us = g.onPolymarketUs ? this.options.polymarketUs : null;
    if (result === 'away' || result === 'home') {
      kalshi.settle(g.awayTicker, result === 'away' ? 'yes' : 'no');
      kalshi.settle(g.homeTicker, result === 'home' ? 'yes' : 'no');
      poly?.resolve(g.game.polymarket.conditionId, {
        winnerTokenId: (result === 'away' ? g.game.away : g.game.home).polymarketTokenId,
      });
      us?.resolve(g.polymarketUsSlug, result === 'away' ? PAYOUT_MICROS : 0);
    } else {
      const awayValue =
        result === 'tie' ? PAYOUT_MICROS / 2 : lastFairPriceMicros(run.last?.fairAway ?? g.game.fairAwayWin);
      kalshi.settle(g.awayTicker, { voidValueMicros: awayValue });
      kalshi.settle(g.homeTicker, { voidValueMicros: PAYOUT_MICROS - awayValue });
      poly?.resolve(g.game.polymarket.conditionId, { split: true });
      // A tie at $0.50; a game not played at the last fair market price (docs/venues-polymarket-us.md#u-settlement).
      us?.resolve(g.polymarketUsSlug, awayValue);
    }
    run.stage = 'settled';
    this.options.log?.(`scenario: ${g.game.id} settled (${result})`);
  }
}

/** The model's fair probability to the cent, kept inside [0.01, 0.99]. */
export function lastFairPriceMicros(fair: number): number {
  const cents = Math.min(99, Math.max(1, Math.round(fair * 100)));
  return cents * 10_000;
}
