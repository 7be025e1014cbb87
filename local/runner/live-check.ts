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
      const games = await venue.listGames(leagues);
      output.line(`  ${venue.name}: ${games.length} game(s) listed`);
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
