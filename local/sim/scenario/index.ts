export { lastFairPriceMicros, ScenarioDriver, type ScenarioDriverOptions } from './driver';
export { DEMO_SLATE_PATH, loadSlate, slateForLeagues } from './load';
export { type GameBooks, GamePricePath, type PriceStep } from './price-path';
export { type RunningScenario, runScenario } from './run';
export { easternDate, type ScheduledGame, scheduleSlate } from './schedule';
export { parseSlate, SERIES_BY_LEAGUE, type Slate, type SlateGame, type SlateInput, slateSchema } from './schema';
