export { KALSHI_GAME_SERIES, easternWallTimeToMs, kalshiEventTicker, parseKalshiEventTicker, parsePolymarketSlug, polymarketSlug } from './game-ids';
export type { KalshiEventTickerParts, Parsed, PolymarketSlugParts } from './game-ids';
export {
  findTeam,
  findTeamByKalshiCode,
  findTeamByName,
  findTeamByPolymarketCode,
  splitKalshiTeamCodes,
  teamRecord,
  teamRef,
  teamsOf,
} from './lookup';
export type { CodeSplit } from './lookup';
export { normalizeName } from './team';
export type { TeamRecord } from './team';
