/** Reading a scenario file: the bundled demo slate, or any JSON file a user points at. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMajorLeague, type League } from '../../../lib/core/market';
import { parseSlate, type Slate } from './schema';

export const DEMO_SLATE_PATH = join(__dirname, 'slates', 'demo-slate.json');

export function loadSlate(path: string = DEMO_SLATE_PATH): Slate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read scenario ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`Scenario ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseSlate(json, path);
}

/**
 * The slate as a run with these leagues plays it: the major leagues' games always (so a default run
 * plays the same slate whatever is selected), the other leagues' games only when selected.
 */
export function slateForLeagues(slate: Slate, leagues: readonly League[]): Slate {
  const games = slate.games.filter((g) => isMajorLeague(g.league) || leagues.includes(g.league));
  // Three-way (soccer) games are never of a major league: played only when their league is selected.
  const soccer = slate.soccer.filter((g) => leagues.includes(g.league));
  if (games.length === slate.games.length && soccer.length === slate.soccer.length) return slate;
  return { ...slate, games, soccer };
}
