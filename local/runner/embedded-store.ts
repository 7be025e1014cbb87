/**
 * The embedded DynamoDB-compatible store of `npm start`: dynalite in this process, on 127.0.0.1
 * only, with the same table definition the CDK stack declares (lib/store/table.ts).
 *
 * In memory by default. With a data directory dynalite keeps its LevelDB files there
 * (`path` option; classic-level loads a prebuilt binary at run time, so `npm ci` needs no
 * install script for it). Only one process can hold a directory: LevelDB locks it.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableAndWait, DynamoStore } from '../../lib/store';

// dynalite ships no types; its default export builds an http.Server (test/support/dynalite.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (opts: { createTableMs?: number; path?: string }) => Server;

// dynalite's own LevelDB (a dependency of dynalite): opened once up front so a locked directory
// is a clear error here instead of an exception thrown later inside dynalite's callbacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Level } = require('level') as {
  Level: new (path: string) => { open(): Promise<void>; close(): Promise<void> };
};

/** Throws when LevelDB cannot open `dataDir` (held by another process, unreadable, …). */
async function probeDataDir(dataDir: string): Promise<void> {
  const db = new Level(dataDir);
  try {
    await db.open();
  } catch (e) {
    const cause = e instanceof Error && 'cause' in e && e.cause instanceof Error ? e.cause : e;
    throw new StoreStartError(lockHint(dataDir, cause));
  }
  await db.close();
}

/** Waits (at most `limitMs`) until LevelDB can open `dataDir`, then closes it again. */
async function untilFree(dataDir: string, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      await probeDataDir(dataDir);
      return;
    } catch {
      if (Date.now() >= deadline) return; // the next start reports the lock clearly
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export interface EmbeddedStore {
  readonly client: DynamoDBClient;
  readonly store: DynamoStore;
  readonly tableName: string;
  readonly endpoint: string;
  /** Absolute data directory, or null when in memory. */
  readonly dataDir: string | null;
  /** True when the table already existed (a persisted store from an earlier run). */
  readonly reopened: boolean;
  close(): Promise<void>;
}

export class StoreStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreStartError';
  }
}

function lockHint(dataDir: string, err: unknown): string {
  const code = err instanceof Error && 'code' in err ? ` ${String(err.code)}` : '';
  const text = err instanceof Error ? `${err.message}${code}` : String(err);
  return (
    `The embedded store could not open ${dataDir} (${text}).\n` +
    'Is another `npm start` using the same --data-dir? LevelDB lets one process hold a directory at a time. ' +
    'Stop the other run, or pick another directory, or leave out --data-dir to keep the store in memory.'
  );
}

export async function startEmbeddedStore(options: {
  dataDir: string | null;
  tableName: string;
}): Promise<EmbeddedStore> {
  const dataDir = options.dataDir === null ? null : resolve(options.dataDir);
  if (dataDir !== null) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (e) {
      throw new StoreStartError(
        `Cannot create the data directory ${dataDir}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    await probeDataDir(dataDir);
  }
  const server = dynalite({ createTableMs: 0, ...(dataDir !== null ? { path: dataDir } : {}) });
  // A loaded machine can let a pooled socket idle past Node's 5 s default (test/support/dynalite.ts).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    // dynalite checks nothing; placeholders, not credentials.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const close = async (waitForDir = true) => {
    client.destroy();
    const closed = new Promise<void>((done) => server.close(() => done()));
    server.closeAllConnections();
    await closed;
    // dynalite closes its LevelDB after the server, on its own time: wait until the directory is
    // free, so a restart in the same process (or right after) does not find it locked.
    if (dataDir !== null && waitForDir) await untilFree(dataDir);
  };

  let reopened = false;
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: options.tableName }));
      reopened = true;
    } catch (e) {
      if (!(e instanceof Error && e.name === 'ResourceNotFoundException')) throw e;
      await createTableAndWait(client, options.tableName);
    }
  } catch (e) {
    await close(false).catch(() => undefined);
    if (dataDir !== null) throw new StoreStartError(lockHint(dataDir, e));
    throw new StoreStartError(`The embedded store did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    client,
    store: new DynamoStore(client, options.tableName),
    tableName: options.tableName,
    endpoint,
    dataDir,
    reopened,
    close: () => close(),
  };
}
