export type { KalshiEventTickerParts, Parsed, PolymarketSlugParts } from './game-ids';
export {
  easternWallTimeToMs,
  KALSHI_GAME_SERIES,
  kalshiEventTicker,
  POLYMARKET_PREFIX,
  parseKalshiEventTicker,
  parsePolymarketSlug,
  parsePolymarketUsSlug,
  polymarketSlug,
  polymarketUsSlug,
} from './game-ids';
export type { CodeSplit } from './lookup';
export {
  findTeam,
  findTeamByKalshiCode,
  findTeamByName,
  findTeamByPolymarketCode,
  hasTeamTable,
  splitKalshiTeamCodes,
  teamRecord,
  teamRef,
  teamsOf,
} from './lookup';
export type { ParticipantKey } from './participants';
export { PARTICIPANT_ALIASES, participantKey } from './participants';
export type { TeamRecord } from './team';
export { normalizeName } from './team';
