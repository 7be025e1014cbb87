/**
 * What both ways of running (`--once` and the long-running server) start the same way: the
 * banner, the embedded store, the market source (simulators with the scenario, or the real
 * venues' public APIs), the wiring and the paper account — each step announced as it starts,
 * because on a loaded machine some take seconds.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { type Config, type Env, loadConfig, modeBanner } from '../../lib/config';
import { Redactor } from '../../lib/runtime/redact';
import type { KalshiCredentials } from '../../lib/venues/kalshi';
import { type Simulators, startSimulators } from '../sim';
import { loadSlate, slateForLeagues } from '../sim/scenario';
import type { RunClock, SteppedClock } from './clocks';
import { Cycles } from './cycles';
import { type EmbeddedStore, startEmbeddedStore } from './embedded-store';
import type { StartOptions } from './options';
import type { Output } from './output';
import { scaledStreamTimers } from './stream-timers';
import { type MarketEndpoints, type Wiring, wire } from './wiring';

export interface Session {
  readonly config: Config;
  readonly store: EmbeddedStore;
  readonly sims: Simulators | null;
  readonly endpoints: MarketEndpoints;
  readonly wiring: Wiring;
  readonly cycles: Cycles;
  close(): Promise<void>;
}

/** Every secret this run knows (its API key, the reset key, secret-named variables), for redaction. */
export function localRedactor(env: Env, apiKey: string | null): Redactor {
  const redactor = new Redactor();
  redactor.addSecretEnv(env);
  redactor.addSecret(apiKey);
  return redactor;
}

/** The environment as the local runner reads it: LIVE_TRADING never applies here. */
export function loadLocalConfig(env: Env): Config {
  return loadConfig({ ...env, LIVE_TRADING: undefined });
}

/** Simulators' base URLs, or the configured venue hosts (production unless overridden). */
export function marketEndpoints(
  source: StartOptions['source'],
  config: Config,
  sims: Simulators | null,
): MarketEndpoints {
  if (source === 'sim') {
    if (!sims) throw new Error('simulator endpoints need running simulators');
    return {
      polymarketGamma: sims.polymarket.gammaUrl,
      polymarketClob: sims.polymarket.url,
      polymarketData: sims.polymarket.url,
      kalshi: sims.kalshi.url,
      polymarketWs: sims.polymarket.wsUrl,
      kalshiWs: sims.kalshi.wsUrl,
    };
  }
  // The geoblock answer is preflight's only: the runner's clients never read it.
  const { polymarketGeoblock: _geoblock, ...urls } = config.urls;
  return urls;
}

/** Simulated time runs this many times faster than real time (1 for live data and --once). */
function speedOf(options: StartOptions): number {
  return options.source === 'sim' && !options.once ? options.speed : 1;
}

/**
 * A key the Kalshi simulator knows, to sign its stream's handshake (Kalshi signs every stream:
 * docs/venues-kalshi.md#k-stream). It opens no account with money and signs nothing else: the
 * runner's clients stay read-only.
 */
function simStreamKey(sims: Simulators): KalshiCredentials {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = `local-stream-${randomUUID()}`;
  sims.kalshi.control.registerAccount({
    keyId,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: 0,
  });
  return { keyId, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

export interface SessionInput {
  readonly options: StartOptions;
  readonly config: Config;
  readonly env: Env;
  readonly clock: RunClock;
  readonly output: Output;
  readonly redactor: Redactor;
  /** Real ms between scenario driver ticks (long-running); --once ticks the driver itself. */
  readonly driverTickMs: number;
}

export async function openSession(input: SessionInput): Promise<Session> {
  const { options, config, output, clock } = input;
  output.plain(modeBanner('paper'));
  if (input.env.LIVE_TRADING === 'true')
    output.plain(
      'LIVE_TRADING=true is ignored: `npm start` always trades paper (it holds no keys and never sends an order to a venue).',
    );
  for (const w of config.warnings) output.plain(`⚠️  ${w}`);

  output.line(
    options.dataDir === null
      ? 'Starting the embedded store (in memory; --data-dir DIR keeps it)…'
      : `Starting the embedded store in ${options.dataDir}…`,
  );
  const store = await startEmbeddedStore({ dataDir: options.dataDir, tableName: config.tableName });
  const cleanups: Array<() => Promise<void>> = [() => store.close()];
  const closeAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    if (store.reopened)
      output.line(`Store reopened from ${store.dataDir}: the paper account and bets of earlier runs are kept`);

    let sims: Simulators | null = null;
    if (options.source === 'sim') {
      const slate = slateForLeagues(
        options.slatePath === null ? loadSlate() : loadSlate(options.slatePath),
        config.leagues,
      );
      output.line(`Starting the venue simulators: "${slate.name}", ${slate.games.length} games, seed ${options.seed}…`);
      sims = await startSimulators({
        seed: options.seed,
        clock: clock.sim,
        slate,
        tickEveryMs: input.driverTickMs,
        // The clients sign the stream handshake with the run's clock (simulated time).
        signatureNow: () => clock.now(),
        log: (l) => output.line(l),
      });
      cleanups.push(() => sims!.close());
      const s = sims;
      output.line(`  Kalshi ${s.kalshi.url} · Polymarket CLOB ${s.polymarket.url} · Gamma ${s.polymarket.gammaUrl}`);
      output.line(`  the slate settles by ${new Date(s.scenario.driver.finishedAtMs).toISOString()} (simulated time)`);
    }
    const endpoints = marketEndpoints(options.source, config, sims);
    if (options.source === 'live') {
      output.line(
        `Market data from the real venues (public endpoints, no keys): Polymarket ${endpoints.polymarketGamma} + ${endpoints.polymarketClob}, Kalshi ${endpoints.kalshi}`,
      );
      output.line('  fills are simulated on those books (paper); nothing is sent to an order endpoint');
    }
    const streaming = config.marketData === 'stream';
    const kalshiStreamKey = streaming && sims ? simStreamKey(sims) : undefined;
    if (streaming)
      output.line(
        sims
          ? `  order books streamed from the simulators' feeds: Kalshi ${sims.kalshi.wsUrl} · Polymarket ${sims.polymarket.wsUrl} (POLYMIX_MARKET_DATA=poll polls them instead)`
          : "  order books streamed where the venue allows it without keys: Polymarket's feed; Kalshi signs every stream, so its books are polled",
      );
    const wiring = wire({
      config,
      endpoints,
      streamTimers:
        'streamTimers' in clock ? (clock as SteppedClock).streamTimers : scaledStreamTimers(speedOf(options)),
      ...(kalshiStreamKey ? { kalshiStreamKey } : {}),
      store,
      clock,
      output,
      speed: speedOf(options),
      seed: options.seed,
      legFailureRate: options.legFailureRate,
      apiKey: options.apiKey,
      resetKey: input.env.POLYMIX_RESET_KEY && input.env.POLYMIX_RESET_KEY !== '' ? input.env.POLYMIX_RESET_KEY : null,
      timeoutMs: options.source === 'sim' ? 5_000 : 10_000,
      redactor: input.redactor,
    });
    const { created } = await store.store.ensureAccount('paper', config.initialBalanceMicros);
    if (!created) {
      const acct = await store.store.getAccount('paper');
      if (acct && acct.initialBalanceMicros !== config.initialBalanceMicros) {
        output.line(
          '⚠️  the stored paper account keeps its own initial balance; LIVE_TRADING_INITIAL_BALANCE applies after a reset (npx polymix reset)',
        );
      }
    }
    output.line(wiring.rulesNote);
    const runTag = `local-${clock.now()}-${process.pid}`;
    return { config, store, sims, endpoints, wiring, cycles: new Cycles(wiring, output, runTag), close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
