export * from './redact';
export * from './logger';
export * from './env';
export * from './venues';
export * from './log-notifier';
export * from './container';
export * from './metrics';
