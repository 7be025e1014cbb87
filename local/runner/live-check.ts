/**
 * `--source live`: before serving, one discovery call to each venue. A machine without network
 * (or a venue that is down) gets one clear message and a non-zero exit instead of a server that
 * only ever records errors. Once running, later venue errors are recorded and shown (console,
 * GET /trading/errors, dashboard) and the runner keeps going, as the Lambda functions do.
 */
import type { League } from '../../lib/core/market';
import { describeError } from '../../lib/engine/failures';
import type { Venue } from '../../lib/engine/ports';
import type { Output } from './output';

export class LiveSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveSourceError';
  }
}

export async function checkLiveSource(
  readers: Readonly<Record<'polymarket' | 'kalshi', Venue>>,
  leagues: readonly League[],
  output: Output,
): Promise<void> {
  const problems: string[] = [];
  for (const venue of [readers.polymarket, readers.kalshi]) {
    output.line(`Checking ${venue.name} market data…`);
    try {
      // As in the engine's discovery: one bad item (an odd event, a league Gamma does not list) is left out and
      // shown, not fatal; only a venue that cannot be read at all stops the start.
      const skipped: string[] = [];
      const games = await venue.listGames(leagues, (problem) => skipped.push(problem.message));
      output.line(`  ${venue.name}: ${games.length} game(s) listed`);
      for (const line of skipped.slice(0, 5)) output.line(`  ${venue.name}: left out: ${line}`);
      if (skipped.length > 5) output.line(`  ${venue.name}: … and ${skipped.length - 5} more left out`);
    } catch (err) {
      problems.push(`- ${venue.name}: ${describeError(err)}`);
    }
  }
  if (problems.length > 0) {
    throw new LiveSourceError(
      `--source live could not read market data:\n${problems.join('\n')}\n` +
        "It needs internet access to the venues' public APIs (no keys). Without network, run the simulators instead: npm start",
    );
  }
}
