export { startKalshiSim, API_PREFIX, type KalshiSim, type KalshiSimOptions } from './server';
export { KalshiSimState, type RegisterAccountInput } from './state';
export type { SeriesFee } from './fees';
export { kalshiAuthHeaders } from './signed-request';
