export * from './feed-connection';
export * from './feed-faults';
export * from './feed-hub';
