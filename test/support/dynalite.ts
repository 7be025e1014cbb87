/**
 * A real DynamoDB-compatible server for integration tests: dynalite, in-process, in memory, on
 * 127.0.0.1 (docs/toolchain.md#dynalite). `createTableMs: 0` still flips a new table to ACTIVE on a timer, so
 * creation waits for it. One server per test
 * file; every call to `createTable` gives a fresh table so tests do not see each other's items.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// dynalite ships no types; its default export starts an http.Server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (opts: { createTableMs?: number }) => Server;

import { createStoreContext, createTableAndWait, type StoreContext } from '../../lib/store/table';

export interface DynaliteServer {
  readonly client: DynamoDBClient;
  /** Creates a new, empty table (unique name) and returns a store context on it. */
  createTable(): Promise<StoreContext>;
  close(): Promise<void>;
}

let tableCounter = 0;

export async function startDynalite(): Promise<DynaliteServer> {
  const server = dynalite({ createTableMs: 0 });
  // A loaded machine can let a pooled socket sit past Node's 5 s default and be reset mid-request.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    // dynalite checks nothing; these are placeholders, not credentials.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // The SDK's default retries stay on, as in production: the store must be safe under them.
  });
  return {
    client,
    async createTable() {
      tableCounter += 1;
      const name = `polymix-test-${process.pid}-${tableCounter}`;
      await createTableAndWait(client, name);
      return createStoreContext(client, name);
    },
    async close() {
      client.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Jest wiring: one server for the file, started before all tests and closed after them.
 * Returns a getter because the server only exists once `beforeAll` ran.
 */
export function useDynalite(): () => DynaliteServer {
  let running: DynaliteServer | undefined;
  beforeAll(async () => {
    running = await startDynalite();
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('dynalite is not running (use inside a test)');
    return running;
  };
}
