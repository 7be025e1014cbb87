/**
 * Filler markets: moneyline games of sports we never trade, listed on the Polymarket simulator before the
 * slate's games. With them the bundled slate holds more than 100 moneyline markets, so a client that reads
 * one page of an all-sports listing (Gamma clamps `limit` to 100: docs/venues-polymarket.md#p1-offset-sunset)
 * misses games of the wanted leagues, while discovery per series (docs/venues-polymarket.md#p1-sports) finds
 * them all. Fillers get no books and never close; ids are derived from the league and index, so runs repeat.
 */
import { createHash } from 'node:crypto';
import type { PolymarketSimMarketSpec } from '../control';
import { LEAGUE_GAMMA } from '../polymarket/constants';
import type { Slate } from './schema';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const HOUR_MS = 3_600_000;

export function fillerMarkets(slate: Slate, slateStartMs: number): PolymarketSimMarketSpec[] {
  const out: PolymarketSimMarketSpec[] = [];
  slate.fillers.forEach((group, g) => {
    const sport = LEAGUE_GAMMA[group.league].sport;
    for (let i = 0; i < group.count; i++) {
      const key = `filler:${group.league}:${i}`;
      const startMs = slateStartMs + (i + 1) * HOUR_MS;
      const date = new Date(startMs).toISOString().slice(0, 10);
      const token = (salt: string) => BigInt(`0x${hash(`${key}:${salt}`)}`).toString();
      out.push({
        league: group.league,
        gammaId: String(900_000 + g * 1_000 + i),
        conditionId: `0x${hash(key)}`,
        eventSlug: `${sport}-h${i}-a${i}-${date}`,
        question: `${group.league} Away ${i} vs. Home ${i}`,
        gameStartMs: startMs,
        outcomes: [
          { name: `Away ${i}`, tokenId: token('away') },
          { name: `Home ${i}`, tokenId: token('home') },
        ],
        homeTeamName: `Home ${i}`,
        awayTeamName: `Away ${i}`,
        negRisk: false,
        tickMicros: 10_000,
        minSizeCenti: 500,
        feeRatePpm: 50_000,
        feeExponent: 1,
      });
    }
  });
  return out;
}
