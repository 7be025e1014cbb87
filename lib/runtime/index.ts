export * from './container';
export * from './env';
export * from './log-notifier';
export * from './logger';
export * from './metrics';
export * from './preflight';
export * from './redact';
export * from './venues';
