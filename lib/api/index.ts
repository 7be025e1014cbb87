export * from './api-error';
export * from './request';
export * from './auth';
export * from './router';
export * from './deps';
export * from './money-json';
export * from './bet-view';
export * from './routes';
