export { ScenarioDriver, lastFairPriceMicros, type ScenarioDriverOptions } from './driver';
export { runScenario, type RunningScenario } from './run';
export { DEMO_SLATE_PATH, loadSlate } from './load';
export { GamePricePath, type GameBooks, type PriceStep } from './price-path';
export { scheduleSlate, easternDate, type ScheduledGame } from './schedule';
export { parseSlate, slateSchema, SERIES_BY_LEAGUE, type Slate, type SlateGame, type SlateInput } from './schema';
