/**
 * The streamed session (docs/engine.md#streaming): both venues' book streams held open, the
 * matched pairs' instruments watched on them, and a book change on either side of a pair
 * re-planning THAT pair only, through the same `tryTrade` as the polling rounds (plan, risk, the
 * one admission write, execute, unwind, notify).
 *
 * - Trust: a pair is planned on the books the streams vouch for (`StreamedBook.trusted`); an
 *   untrusted book is left out of the map, so the planner cannot use it, and the planner's own
 *   staleness gate (`maxBookAgeMs`) still applies to `observedAtMs`.
 * - Fairness: changes are coalesced per pair (a pair waits at most once) and served in arrival
 *   order; `drain()` serves each pair that was waiting when it was called once, so a burst on one
 *   market cannot starve the others. One pair at a time goes through admission.
 * - Fallback: an instrument no stream vouches for (no snapshot yet, a gap, a stream down, …) is
 *   polled with `getBooks` every `fallbackPollMs`, and its pair re-planned on the polled book:
 *   the run is never blind.
 * - Problems the streams report are recorded once per (venue, cause) per session and do not
 *   count toward the circuit breaker; a stream disconnected for `downFailureMs` counts once.
 *
 * The session knows nothing of the scan lease or of time passing on its own: its caller (the
 * Lambda loop in ./stream-scan.ts, or a stepped runner) holds the lease and calls `tick()` or
 * `drain()` when it wants pending changes handled. Every time is read from `deps.clock`.
 */
import type { Account } from '../core/account';
import {
  type Book,
  type InstrumentRef,
  instrumentKey,
  PAIR_VENUES,
  type PairVenue,
  pairVenueOf,
  type VenueName,
} from '../core/market';
import type { TradePair } from '../core/outcome-arb';
import { planningBalances } from './balances';
import { type BusyPairs, busyPairs } from './busy';
import { perTradeOf } from './capital';
import { bookStreamSources, type EngineDeps, type EngineState, type StreamPolicy, streamPolicyOf } from './deps';
import { fetchInstrumentBooks, instrumentsOf, listBoth, matchListings, noteRefusalCauses } from './discover';
import { describeError, recordFailure, venueFailed } from './failures';
import { type BookStream, SimulatedCrash, type StreamProblem, Unavailable, VenueError } from './ports';
import { preflightGate } from './preflight-gate';
import {
  emptyReport,
  emptyStreamFigures,
  latestRefusal,
  recordAttempt,
  type ScanReport,
  type StreamFigures,
} from './scan-report';
import { planPair, titleOf, tryTrade } from './trade';

const VENUES = PAIR_VENUES;

/** What the session decided for one waiting pair. */
export interface StreamDecision {
  readonly pairId: string;
  readonly title: string;
  /**
   * - `busy`: a bet on the pair is in flight or it cools down (code IN_FLIGHT / COOLDOWN).
   * - `no-plan`: the books show no trade (code NO_PLAN).
   * - `refused`: a plan that risk or admission refused (its code), or venue cash unknown.
   * - `traded`: admitted and executed (`betId`, `status`).
   * - `error`: the attempt failed; recorded in the error log.
   */
  readonly outcome: 'busy' | 'no-plan' | 'refused' | 'traded' | 'error';
  readonly code: string | null;
  readonly detail: string;
  /** True when at least one book came from the fallback poll instead of a stream. */
  readonly polled: boolean;
  readonly betId: string | null;
  /** The execution's status when traded (`open`, `failed`, `unwound`, …). */
  readonly status: string | null;
  /** From the pair's first waiting change to the decision (before admission), on the engine's clock. */
  readonly reactionMs: number;
}

export interface StreamSessionOptions {
  /** The scheduled event: bet ids are `betIdFor(eventId, pairId, n)`, n counting this pair's re-plans. */
  readonly eventId: string;
  readonly runId: string;
  /** The report the session adds its trades, refusals and figures to; a fresh one when absent. */
  readonly report?: ScanReport;
  /**
   * Asked before each decision; false stops the drain (the caller lost its lease). The Lambda
   * loop renews the scan lease here when it is due.
   */
  readonly beforeDecision?: () => Promise<boolean>;
}

/** Nearest-rank percentile of `samples` (unsorted), null when empty. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export class StreamSession {
  readonly report: ScanReport;
  private readonly policy: StreamPolicy;
  private readonly figures: StreamFigures = emptyStreamFigures();
  private readonly streams = new Map<VenueName, BookStream>();
  /**
   * Each stream's `health().connected`, read once per drain and per fallback poll: `health()`
   * walks every watched book, too dear once per instrument per decision. A book of a stream that
   * drops meanwhile reads as distrusted (`disconnected`) through `get()` anyway.
   */
  private readonly connected = new Map<VenueName, boolean>();
  private readonly detach: Array<() => void> = [];
  private pairs = new Map<string, TradePair>();
  private pairsByKey = new Map<string, string[]>();
  /** Pairs waiting for a re-plan, in arrival order, each with the time of its first unserved change. */
  private readonly pending = new Map<string, number>();
  /** Books polled for instruments no stream vouched for (the fallback), by instrument key. */
  private readonly polled = new Map<string, Book>();
  private readonly problems: StreamProblem[] = [];
  private readonly recordedCauses = new Set<string>();
  private readonly replans = new Map<string, number>();
  private readonly reactions: number[] = [];
  private readonly down = new Map<VenueName, { sinceMs: number; counted: boolean }>();
  private wake: (() => void) | null = null;
  private account: Account | null = null;
  private busy: BusyPairs = { inFlight: new Set(), cooling: new Set() };
  private housekeptAtMs: number | null = null;
  private listedAtMs: number | null = null;
  private listingOk = false;
  private polledAtMs: number | null = null;
  private started = false;
  private stopped = false;

  constructor(
    private readonly deps: EngineDeps,
    private readonly state: EngineState,
    private readonly options: StreamSessionOptions,
  ) {
    this.report = options.report ?? emptyReport(options.runId);
    this.report.marketData = 'stream';
    this.report.stream = this.figures;
    this.policy = streamPolicyOf(deps.config);
  }

  /** Whether both venues offer a book stream (otherwise a scan polls). */
  static available(deps: EngineDeps): boolean {
    return bookStreamSources(deps) !== null;
  }

  /**
   * Opens both venues' streams, lists and matches the games, and watches every matched pair's
   * instruments. Snapshots arrive afterwards as book changes; the first fallback poll is one
   * `fallbackPollMs` later, so the streams have that long to deliver them.
   */
  async start(): Promise<void> {
    if (this.started) throw new Error('stream session already started');
    const sources = bookStreamSources(this.deps);
    if (!sources) throw new Error('a streamed scan needs a book stream on both venues (Venue.openBookStream)');
    this.started = true;
    this.polledAtMs = this.deps.clock.now();
    for (const venue of VENUES) {
      const stream = sources[venue]();
      this.streams.set(venue, stream);
      this.detach.push(stream.onBookChange((keys) => this.changed(keys)));
      this.detach.push(stream.onProblem((problem) => this.problem(problem)));
    }
    await this.refreshListings();
  }

  /**
   * One step of the loop: listings refreshed and the fallback polled when due, then `drain()`.
   * Time passes only on `deps.clock`, so a stepped clock makes it deterministic.
   */
  async tick(): Promise<StreamDecision[]> {
    if (this.listingDue()) await this.refreshListings();
    if (this.pollDue()) await this.pollFallback();
    return this.drain();
  }

  /**
   * Handles every pair waiting now: records new stream problems, then decides each waiting pair
   * once, in arrival order, on the books the streams (or the fallback poll) hold at that moment.
   * Changes that arrive meanwhile wait for the next call. Returns what was decided.
   */
  async drain(): Promise<StreamDecision[]> {
    this.assertStarted();
    await this.recordProblems();
    await this.watchHealth(); // also notes each stream's `connected` for this drain
    if (this.pending.size === 0) return [];
    const batch = [...this.pending];
    this.pending.clear();
    const out: StreamDecision[] = [];
    for (const [pairId, sinceMs] of batch) {
      const pair = this.pairs.get(pairId);
      if (!pair) continue;
      if (this.options.beforeDecision && !(await this.options.beforeDecision())) break;
      if (!(await this.housekeep())) break;
      out.push(await this.decide(pair, sinceMs));
    }
    return out;
  }

  /**
   * While the run is not trading (waiting for the scan lease): records stream problems and watches
   * the streams' health; book changes keep waiting (one entry per pair) and nothing is decided.
   */
  async idle(): Promise<void> {
    this.assertStarted();
    await this.recordProblems();
    await this.watchHealth();
  }

  /** Notes how long the run waited, warm, for the scan lease (StreamFigures.leaseWaitMs). */
  noteLeaseWait(ms: number): void {
    this.figures.leaseWaitMs += ms;
  }

  /** Queues every watched pair for a re-plan (a run that just took over the lease sweeps them all once). */
  requeueAll(): void {
    const now = this.deps.clock.now();
    for (const id of this.pairs.keys()) if (!this.pending.has(id)) this.pending.set(id, now);
  }

  /** Lists again now and watches the new set of pairs (what is gone is unwatched). */
  async refreshListings(): Promise<void> {
    const { deps, report } = this;
    this.listedAtMs = deps.clock.now();
    this.figures.listings += 1;
    const listings = await listBoth(deps, this.state);
    this.listingOk = listings !== null;
    if (!listings) {
      report.errors += 1;
      return;
    }
    report.games = { polymarket: listings.polymarket.length, kalshi: listings.kalshi.length };
    const { pairs, refusals } = matchListings(listings, deps.config.participantAliases);
    report.pairs = pairs.length;
    report.matchRefusals = [...refusals];
    await noteRefusalCauses(deps, this.state, refusals);
    deps.logger.info(`Processing ${pairs.length} games for arbitrage opportunities...`);
    const byKey = new Map<string, string[]>();
    const perVenue: Record<PairVenue, InstrumentRef[]> = { polymarket: [], kalshi: [] };
    for (const pair of pairs) {
      for (const instrument of instrumentsOf(pair)) {
        const key = instrumentKey(instrument);
        const ids = byKey.get(key);
        if (ids) {
          if (!ids.includes(pair.id)) ids.push(pair.id);
        } else {
          byKey.set(key, [pair.id]);
          perVenue[pairVenueOf(instrument.venue)].push(instrument);
        }
      }
    }
    this.pairs = new Map(pairs.map((p) => [p.id, p]));
    this.pairsByKey = byKey;
    for (const id of [...this.pending.keys()]) if (!this.pairs.has(id)) this.pending.delete(id);
    for (const key of [...this.polled.keys()]) if (!byKey.has(key)) this.polled.delete(key);
    await Promise.all(
      VENUES.map(async (venue) => {
        try {
          await this.stream(venue).watch(perVenue[venue]);
        } catch (err) {
          const name = this.deps.venues[venue].name;
          this.problem({ venue: name, cause: 'watch-failed', message: `watch failed: ${describeError(err)}` });
        }
      }),
    );
  }

  /**
   * The fallback: every instrument of a pair that is not busy and that no stream vouches for is
   * read with `getBooks` (one batch per venue), and those pairs wait for a re-plan.
   */
  async pollFallback(): Promise<void> {
    const { deps } = this;
    this.polledAtMs = deps.clock.now();
    this.readConnected();
    for (const [key, book] of [...this.polled]) if (this.trustedBook(book.instrument)) this.polled.delete(key);
    const wanted: InstrumentRef[] = [];
    const pairIds: string[] = [];
    for (const pair of this.pairs.values()) {
      if (this.busy.inFlight.has(pair.id) || this.busy.cooling.has(pair.id)) continue;
      const missing = instrumentsOf(pair).filter((i) => !this.trustedBook(i));
      if (missing.length === 0) continue;
      wanted.push(...missing);
      pairIds.push(pair.id);
    }
    if (wanted.length === 0) return;
    const calls = { count: 0 };
    const books = await fetchInstrumentBooks(deps, this.state, wanted, calls);
    this.figures.fallbackPolls += calls.count;
    for (const [key, book] of books) this.polled.set(key, book);
    const now = deps.clock.now();
    for (const id of pairIds) if (!this.pending.has(id)) this.pending.set(id, now);
  }

  /**
   * Resolves when a book change or a stream problem is waiting, the session stops, or `untilMs`
   * is reached on `deps.clock` (whichever is first).
   */
  async waitForChange(untilMs: number): Promise<void> {
    if (this.pending.size > 0 || this.problems.length > 0 || this.stopped) return;
    const ms = untilMs - this.deps.clock.now();
    if (ms <= 0) return;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      void this.deps.clock.sleep(ms).then(resolve, resolve);
    });
    this.wake = null;
  }

  /** Ends the current `waitForChange` now (a caller that wants to stop or step). */
  interrupt(): void {
    this.wake?.();
  }

  /**
   * Resolves once every stream has handled what its socket received so far (`BookStream.sync`,
   * where the stream offers it): a stepped runner calls it after the venues' feeds were drained,
   * so the books it decides on are the ones the venues sent.
   */
  async sync(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => s.sync?.().catch(() => undefined)));
  }

  /** When the next listing refresh or fallback poll falls due (`tick()` does them). */
  nextDueMs(): number {
    return Math.min(this.listingDueAtMs(), this.pollDueAtMs());
  }

  /** Pairs waiting for a decision now. */
  pendingPairs(): number {
    return this.pending.size;
  }

  /** The session's figures so far (the decision-time percentile computed now). */
  figuresNow(): StreamFigures {
    this.figures.decisionP99Ms = percentile(this.reactions, 99);
    this.figures.decisionMaxMs = this.reactions.length === 0 ? null : Math.max(...this.reactions);
    return { ...this.figures };
  }

  /** Stops listening and closes both streams; the report keeps the final figures. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const off of this.detach.splice(0)) off();
    this.wake?.();
    // Problems reported since the last step would otherwise be lost with the session.
    await this.recordProblems().catch((err: unknown) =>
      this.deps.logger.warn(`recording stream problems: ${describeError(err)}`),
    );
    await Promise.all(
      [...this.streams.values()].map((s) =>
        s.close().catch((err: unknown) => this.deps.logger.warn(`closing a book stream: ${describeError(err)}`)),
      ),
    );
    this.report.stream = this.figuresNow();
  }

  // ---- inside -------------------------------------------------------------------------------

  private assertStarted(): void {
    if (!this.started) throw new Error('stream session not started: call start() first');
  }

  private stream(venue: PairVenue): BookStream {
    const s = this.streams.get(venue);
    if (!s) throw new Error(`no ${venue} book stream`);
    return s;
  }

  private changed(keys: readonly string[]): void {
    if (this.stopped) return;
    const now = this.deps.clock.now();
    for (const key of keys) {
      const ids = this.pairsByKey.get(key);
      if (!ids) continue;
      this.figures.events += 1;
      for (const id of ids) {
        if (this.pending.has(id)) this.figures.coalesced += 1;
        else this.pending.set(id, now);
      }
    }
    if (this.pending.size > 0) this.wake?.();
  }

  private problem(problem: StreamProblem): void {
    if (this.stopped) return;
    this.figures.problems += 1;
    // Only a cause not yet recorded needs keeping; the rest are counted.
    if (!this.recordedCauses.has(`${problem.venue}:${problem.cause}`) && this.problems.length < 1_000) {
      this.problems.push(problem);
      this.wake?.();
    }
  }

  /** Each (venue, cause) once per session, in the error log, never toward the circuit breaker. */
  private async recordProblems(): Promise<void> {
    for (const p of this.problems.splice(0)) {
      const key = `${p.venue}:${p.cause}`;
      if (this.recordedCauses.has(key)) continue;
      this.recordedCauses.add(key);
      this.figures.problemsRecorded += 1;
      await recordFailure(
        this.deps,
        'stream',
        new VenueError(p.message, { venue: p.venue, endpoint: `stream ${p.cause}` }),
        p.venue,
      );
    }
  }

  /**
   * A stream disconnected for `downFailureMs` counts once (per outage) as a failed venue call. A
   * stream with nothing to watch (no game listed) holds no connection and is not down.
   */
  private async watchHealth(): Promise<void> {
    const now = this.deps.clock.now();
    for (const [venue, stream] of this.streams) {
      const health = stream.health();
      this.connected.set(venue, health.connected);
      if (health.connected || health.watched === 0) {
        this.down.delete(venue);
        continue;
      }
      const down = this.down.get(venue) ?? { sinceMs: now, counted: false };
      this.down.set(venue, down);
      if (!down.counted && now - down.sinceMs >= this.policy.downFailureMs) {
        down.counted = true;
        await venueFailed(
          this.deps,
          this.state,
          'stream',
          new Unavailable(
            `book stream down for ${Math.round((now - down.sinceMs) / 1000)} s; its pairs are polled meanwhile`,
            { venue: stream.venue, endpoint: 'stream' },
          ),
          stream.venue,
        );
      }
    }
  }

  private readConnected(): void {
    for (const [venue, stream] of this.streams) this.connected.set(venue, stream.health().connected);
  }

  /** The streamed book of `instrument` when its stream vouches for it now, else null. */
  private trustedBook(instrument: InstrumentRef): Book | null {
    // Streams are kept per slot; an instrument names its exchange (docs/adr/0010-venue-pairs.md).
    const slot = pairVenueOf(instrument.venue);
    const stream = this.streams.get(slot);
    if (!stream || !this.connected.get(slot)) return null;
    const streamed = stream.get(instrument);
    return streamed.trusted && streamed.distrust === null && streamed.book ? streamed.book : null;
  }

  /** The pair's books: trusted streamed ones, else a polled one; an untrusted book is never in the map. */
  private booksFor(pair: TradePair): { books: Map<string, Book>; polled: boolean } {
    const books = new Map<string, Book>();
    let polled = false;
    for (const instrument of instrumentsOf(pair)) {
      const key = instrumentKey(instrument);
      const streamed = this.trustedBook(instrument);
      if (streamed) {
        books.set(key, streamed);
        continue;
      }
      const fallback = this.polled.get(key);
      if (fallback) {
        books.set(key, fallback);
        polled = true;
      }
    }
    return { books, polled };
  }

  /**
   * Whether the pair's books, whatever their age, could hold a plan: null when they might (the
   * full decision follows), else why not. The same planner with every limit at its widest (book
   * age ignored, each venue's cash at the position cap), so a pair this refuses could never pass
   * `tryTrade`: no quiet-book read, no cash read, no store call for a change that shows no edge.
   */
  private screen(pair: TradePair, books: ReadonlyMap<string, Book>): string | null {
    const cap = perTradeOf(this.deps.config);
    const planned = planPair(this.deps.config, pair, books, {
      nowMs: this.deps.clock.now(),
      maxBookAgeMs: Number.MAX_SAFE_INTEGER,
      balances: { polymarket: cap, kalshi: cap },
    });
    return 'noPlan' in planned ? planned.noPlan : null;
  }

  /**
   * A trusted book older than the planner's `maxBookAgeMs` is a quiet market, not a wrong one
   * (a Polymarket book is vouched for only by its own messages: docs/venues-polymarket.md#p-stream),
   * but the planner would refuse it as stale. Those books are read again with one `getBooks` batch
   * per venue and replaced in `books` when the answer is newer; a failed read leaves them stale, so
   * the planner still refuses them.
   */
  private async refreshQuiet(books: Map<string, Book>): Promise<void> {
    const { deps } = this;
    const maxAgeMs = deps.config.risk.maxBookAgeMs;
    const now = deps.clock.now();
    const quiet = [...books.values()].filter((b) => now - b.observedAtMs > maxAgeMs).map((b) => b.instrument);
    if (quiet.length === 0) return;
    const calls = { count: 0 };
    const fresh = await fetchInstrumentBooks(deps, this.state, quiet, calls);
    this.figures.quietRefreshes += quiet.length;
    this.figures.quietRefreshCalls += calls.count;
    for (const [key, book] of fresh) {
      const held = books.get(key);
      if (held && book.observedAtMs >= held.observedAtMs) books.set(key, book);
    }
  }

  /**
   * Account, kill switch, live gate and busy pairs, re-read every `housekeepingMs` and after every
   * admission. False when the run must admit nothing (halted, or live without a passing preflight).
   */
  private async housekeep(): Promise<boolean> {
    const { deps, report } = this;
    const now = deps.clock.now();
    if (this.account && this.housekeptAtMs !== null && now - this.housekeptAtMs < this.policy.housekeepingMs)
      return !report.halted;
    const account = await deps.store.getAccount(deps.mode);
    if (!account) throw new Error(`no ${deps.mode} account: create it before scanning`);
    this.account = account;
    if (account.halted) {
      report.halted = true;
      return false;
    }
    report.preflightGate = await preflightGate(deps, this.state);
    if (report.preflightGate !== null) {
      report.halted = true;
      return false;
    }
    this.busy = await busyPairs(deps);
    this.housekeptAtMs = now;
    return true;
  }

  private async decide(pair: TradePair, sinceMs: number): Promise<StreamDecision> {
    const { deps, report } = this;
    const title = titleOf(pair);
    this.figures.decisions += 1;
    const reaction = (atMs: number): number => {
      const ms = Math.max(0, atMs - sinceMs);
      if (this.reactions.length < 100_000) this.reactions.push(ms);
      return ms;
    };
    const decision = (
      outcome: StreamDecision['outcome'],
      code: string | null,
      detail: string,
      reactionMs: number,
      polled: boolean,
      bet: { id: string; status: string } | null = null,
    ): StreamDecision => ({
      pairId: pair.id,
      title,
      outcome,
      code,
      detail,
      polled,
      betId: bet?.id ?? null,
      status: bet?.status ?? null,
      reactionMs,
    });
    const busyCode = this.busy.inFlight.has(pair.id)
      ? (['IN_FLIGHT', 'a bet on this pair is not finished'] as const)
      : this.busy.cooling.has(pair.id)
        ? (['COOLDOWN', 'pair cooling down after a one-legged trade'] as const)
        : null;
    if (busyCode) {
      this.figures.busySkips += 1;
      latestRefusal(report, pair, busyCode[0], busyCode[1]);
      return decision('busy', busyCode[0], busyCode[1], reaction(deps.clock.now()), false);
    }
    const { books, polled } = this.booksFor(pair);
    this.figures.replans += 1;
    if (polled) this.figures.fallbacks += 1;
    report.candidates += 1;
    const account = this.account;
    if (!account) throw new Error('stream session: no account read');
    // Most changes show no edge: decided on the books as they stand, without any I/O.
    const screened = this.screen(pair, books);
    if (screened !== null) {
      const reactionMs = reaction(deps.clock.now());
      recordAttempt(report, pair, { kind: 'no-plan', reason: screened }, latestRefusal);
      return decision('no-plan', 'NO_PLAN', screened, reactionMs, polled);
    }
    await this.refreshQuiet(books);
    try {
      const balances = await planningBalances(deps, this.state, account.balanceMicros);
      if (!balances) {
        latestRefusal(report, pair, 'BALANCE_UNKNOWN', 'venue cash could not be read');
        report.errors += 1;
        return decision(
          'refused',
          'BALANCE_UNKNOWN',
          'venue cash could not be read',
          reaction(deps.clock.now()),
          polled,
        );
      }
      const round = this.replans.get(pair.id) ?? 0;
      this.replans.set(pair.id, round + 1);
      let decidedAtMs: number | null = null;
      const attempt = await tryTrade(
        deps,
        this.state,
        {
          eventId: this.options.eventId,
          runId: this.options.runId,
          round,
          account,
          balances,
          onDecided: () => {
            decidedAtMs = deps.clock.now();
          },
        },
        pair,
        books,
      );
      const reactionMs = reaction(decidedAtMs ?? deps.clock.now());
      recordAttempt(report, pair, attempt, latestRefusal);
      if (attempt.kind === 'no-plan') return decision('no-plan', 'NO_PLAN', attempt.reason, reactionMs, polled);
      if (attempt.kind === 'refused') return decision('refused', attempt.code, attempt.message, reactionMs, polled);
      // The account and the busy pairs changed: read them again before the next decision.
      this.housekeptAtMs = null;
      const { execution } = attempt;
      return decision('traded', null, execution.detail, reactionMs, polled, {
        id: execution.bet.id,
        status: execution.status,
      });
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
      this.housekeptAtMs = null;
      report.errors += 1;
      await recordFailure(deps, 'scan', err);
      return decision('error', null, describeError(err), reaction(deps.clock.now()), polled);
    }
  }

  private listingDueAtMs(): number {
    if (this.listedAtMs === null) return this.deps.clock.now();
    return this.listedAtMs + (this.listingOk ? this.policy.listingRefreshMs : this.policy.fallbackPollMs);
  }

  private pollDueAtMs(): number {
    return (this.polledAtMs ?? this.deps.clock.now()) + this.policy.fallbackPollMs;
  }

  private listingDue(): boolean {
    return this.deps.clock.now() >= this.listingDueAtMs();
  }

  private pollDue(): boolean {
    return this.deps.clock.now() >= this.pollDueAtMs();
  }
}
