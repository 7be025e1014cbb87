/**
 * dynalite in a child process, for measurements of THIS process's heap: the store's items (an
 * invocation claim per scan, bets, errors) then live in the child, so a heap slope measured here
 * is the engine's, the clients' and the simulators', not the in-memory table's.
 * Same interface as test/support/dynalite.ts; 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createStoreContext, createTableAndWait } from '../lib/store/table';
import type { DynaliteServer } from '../test/support/dynalite';

const CHILD = `
const server = require('dynalite')({ createTableMs: 0 });
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write('PORT ' + server.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export async function startDynaliteProcess(): Promise<DynaliteServer> {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['pipe', 'pipe', 'inherit'], cwd: process.cwd() });
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`dynalite child exited early (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const m = /PORT (\d+)/.exec(buffered);
      if (m) resolve(Number(m[1]));
    });
  });
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let tables = 0;
  return {
    client,
    async createTable() {
      tables += 1;
      const name = `polymix-bench-${process.pid}-${tables}`;
      await createTableAndWait(client, name);
      return createStoreContext(client, name);
    },
    async close() {
      client.destroy();
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
