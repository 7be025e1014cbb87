export * from './auth';
export * from './bet-view';
export * from './deps';
export * from './errors';
export * from './money-json';
export * from './request';
export * from './router';
export * from './routes';
