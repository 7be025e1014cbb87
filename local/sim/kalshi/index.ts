export type { SeriesFee } from './fees';
export { API_PREFIX, type KalshiSim, type KalshiSimOptions, startKalshiSim } from './server';
export { kalshiAuthHeaders } from './signed-request';
export { KalshiSimState, type RegisterAccountInput } from './state';
