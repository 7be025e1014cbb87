export * from './book-state';
export * from './options';
export * from './signals';
export * from './socket';
export * from './timers';
