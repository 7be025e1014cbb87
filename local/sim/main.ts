/**
 * `npm run sim` — the venue simulators driven by the bundled slate (or --slate FILE).
 *   --seed N            price model and fault seed (default 1)
 *   --speed N           simulated time runs N× faster (ScaledClock; default 1)
 *   --venues LIST       which simulators run: kalshi,polymarket (default), kalshi,polymarket-us,
 *                       or kalshi,polymarket,polymarket-us (./venues.ts)
 *   --port-kalshi N     Kalshi port (default: any free port)
 *   --port-polymarket N Polymarket CLOB port; --port-gamma N its Gamma port
 *   --port-polymarket-us N          Polymarket US API host port (orders, account, WebSocket)
 *   --port-polymarket-us-gateway N  its gateway port (public market data)
 *   --slate FILE        a scenario JSON (see local/sim/scenario/schema.ts)
 * Runs until Ctrl-C, then shuts the servers down.
 */
import { realClock, ScaledClock } from './clock';
import { startSimulatorSet } from './index';
import { loadSlate } from './scenario';
import { DEFAULT_SIM_VENUES, parseSimVenues, type SimVenue } from './venues';

interface Args {
  seed: number;
  speed: number;
  venues?: readonly SimVenue[];
  portKalshi?: number;
  portPolymarket?: number;
  portGamma?: number;
  portPolymarketUs?: number;
  portPolymarketUsGateway?: number;
  slate?: string;
}

const USAGE =
  'usage: npm run sim -- [--seed N] [--speed N] [--venues kalshi,polymarket|kalshi,polymarket-us|kalshi,polymarket,polymarket-us] ' +
  '[--port-kalshi N] [--port-polymarket N] [--port-gamma N] [--port-polymarket-us N] [--port-polymarket-us-gateway N] [--slate FILE]';

/** Port flags and the simulator each belongs to. */
const PORT_VENUE: ReadonlyArray<[keyof Args, string, SimVenue]> = [
  ['portPolymarket', '--port-polymarket', 'polymarket'],
  ['portGamma', '--port-gamma', 'polymarket'],
  ['portPolymarketUs', '--port-polymarket-us', 'polymarket-us'],
  ['portPolymarketUsGateway', '--port-polymarket-us-gateway', 'polymarket-us'],
];

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { seed: 1, speed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    i += 1;
    const num = (min: number, integer: boolean) => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
        throw new Error(`${flag} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${value}`);
      }
      return n;
    };
    switch (flag) {
      case '--seed':
        args.seed = num(0, true);
        break;
      case '--speed':
        args.speed = num(0.001, false);
        break;
      case '--port-kalshi':
        args.portKalshi = num(0, true);
        break;
      case '--port-polymarket':
        args.portPolymarket = num(0, true);
        break;
      case '--port-gamma':
        args.portGamma = num(0, true);
        break;
      case '--port-polymarket-us':
        args.portPolymarketUs = num(0, true);
        break;
      case '--port-polymarket-us-gateway':
        args.portPolymarketUsGateway = num(0, true);
        break;
      case '--venues':
        try {
          args.venues = parseSimVenues(value);
        } catch (e) {
          throw new Error(`--venues ${value}: ${(e as Error).message}\n${USAGE}`);
        }
        break;
      case '--slate':
        args.slate = value;
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  const venues = args.venues ?? DEFAULT_SIM_VENUES;
  for (const [key, flag, venue] of PORT_VENUE) {
    if (args[key] !== undefined && !venues.includes(venue)) {
      throw new Error(
        `${flag} is for the ${venue} simulator, which --venues ${venues.join(',')} does not start\n${USAGE}`,
      );
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const slate = loadSlate(args.slate);
  const clock = args.speed === 1 ? realClock : new ScaledClock(Date.now(), args.speed);
  const sims = await startSimulatorSet({
    seed: args.seed,
    clock,
    slate,
    ...(args.venues ? { venues: args.venues } : {}),
    ...(args.portKalshi !== undefined ? { kalshiPort: args.portKalshi } : {}),
    ...(args.portPolymarket !== undefined ? { polymarketPort: args.portPolymarket } : {}),
    ...(args.portGamma !== undefined ? { polymarketGammaPort: args.portGamma } : {}),
    ...(args.portPolymarketUs !== undefined ? { polymarketUsApiPort: args.portPolymarketUs } : {}),
    ...(args.portPolymarketUsGateway !== undefined ? { polymarketUsGatewayPort: args.portPolymarketUsGateway } : {}),
    log: (line) => console.log(`[${new Date(clock.now()).toISOString()}] ${line}`),
  });
  const finish = sims.scenario.driver.finishedAtMs;
  console.log(
    `PolyMix simulators — "${slate.name}", ${slate.games.length} games, seed ${args.seed}, speed ${args.speed}×, venues ${sims.venues.join(',')}`,
  );
  console.log(
    `  Kalshi trade API   ${sims.kalshi.url}   (admin: ${sims.kalshi.origin}/_sim/state, /_sim/faults, POST /_sim/accounts)`,
  );
  if (sims.polymarket) {
    console.log(`  Polymarket CLOB    ${sims.polymarket.url}   (admin: ${sims.polymarket.url}/_sim/state)`);
    console.log(`  Polymarket Gamma   ${sims.polymarket.gammaUrl}`);
  }
  if (sims.polymarketUs) {
    const us = sims.polymarketUs;
    console.log(
      `  Polymarket US API  ${us.apiUrl}   (admin: ${us.apiUrl}/_sim/state, /_sim/faults, POST /_sim/accounts)`,
    );
    console.log(`  Polymarket US gateway ${us.gatewayUrl}`);
    console.log(`  Polymarket US WebSocket ${us.wsUrl}`);
  }
  console.log(`  slate settles by   ${new Date(finish).toISOString()} (simulated time). Ctrl-C to stop.`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting the simulators down…`);
    sims.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('shutdown failed:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // The driver's timer is unref'd: keep the process alive until a signal arrives.
  setInterval(() => undefined, 60_000);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
