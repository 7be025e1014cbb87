/**
 * Synthetic slates for benchmarks: as many games as asked, in the venues' real formats
 * (Kalshi event tickers and Polymarket slugs from lib/core/teams, team names from the same
 * tables matching reads), one evening game per team per day across NBA, NHL and MLB.
 *
 * NFL is left out on purpose: a real NFL game has a third Kalshi market (Tie), which the
 * simple two-market game spec of the engine tests does not model.
 */
import type { League } from '../lib/core/market';
import { easternWallTimeToMs, kalshiEventTicker, polymarketSlug, teamsOf } from '../lib/core/teams';
import { parseUtcDay, usEasternDate, utcDay } from '../lib/core/time';
import { seededRandom } from '../local/sim/clock';
import type { GameSpec } from '../test/support/engine/sim-world';

export const BENCH_LEAGUES: readonly League[] = ['NBA', 'NHL', 'MLB'];
const DAY_MS = 86_400_000;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A decimal token id in Polymarket's form (77 digits), unique per game and side. */
function tokenId(n: number, side: 1 | 2): string {
  return `${side}${String(n).padStart(12, '0')}`.padEnd(77, side === 1 ? '7' : '8');
}

/**
 * `count` distinct games starting the US-Eastern day after `fromMs`, 19:00 Eastern, each team
 * playing at most once a day. Deterministic for a seed.
 */
export function syntheticGames(count: number, fromMs: number, seed = 1): GameSpec[] {
  const random = seededRandom(seed);
  const games: GameSpec[] = [];
  const firstDay = parseUtcDay(usEasternDate(fromMs)) + DAY_MS;
  for (let d = 0; games.length < count; d++) {
    const date = utcDay(firstDay + d * DAY_MS);
    const startMs = easternWallTimeToMs(date, 19, 0);
    // Interleaved across leagues, so even a handful of games lists every league's series.
    const byLeague = BENCH_LEAGUES.map((league) => ({ league, teams: shuffled(teamsOf(league), random) }));
    const perLeague = Math.max(...byLeague.map((l) => Math.floor(l.teams.length / 2)));
    for (let i = 0; i < perLeague; i++) {
      for (const { league, teams } of byLeague) {
        const away = teams[2 * i];
        const home = teams[2 * i + 1];
        if (!away || !home || games.length >= count) continue;
        const n = games.length + 1;
        const awayRef = { league, code: away.code };
        const homeRef = { league, code: home.code };
        games.push({
          league,
          away: {
            name: away.nickname,
            kalshiName: away.kalshiSubTitle,
            code: away.kalshiCodes[0]!,
            tokenId: tokenId(n, 1),
          },
          home: {
            name: home.nickname,
            kalshiName: home.kalshiSubTitle,
            code: home.kalshiCodes[0]!,
            tokenId: tokenId(n, 2),
          },
          conditionId: `0x${n.toString(16).padStart(64, '0')}`,
          gammaId: String(5_000_000 + n),
          slug: polymarketSlug({ league, date, first: awayRef, second: homeRef }),
          // MLB tickers carry the Eastern start time (docs/venues-kalshi.md#k1).
          eventTicker: kalshiEventTicker({
            league,
            date,
            away: awayRef,
            home: homeRef,
            ...(league === 'MLB' ? { timeEt: '1900' } : {}),
          }),
          gameStartMs: startMs,
        });
      }
    }
  }
  return games;
}
