/**
 * A process that dies between two writes: its own DynamoDB client commits the k-th write and
 * then the process is dead, so every later store call and every venue call it tries fails
 * (a dead process sends no more orders). A second, healthy process on the same table then
 * reconciles, as the next scheduled run would.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SimulatedCrash } from '../../lib/engine';
import type { Venue } from '../../lib/engine/ports';

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

export class ProcessDeath {
  dead = false;
  committedWrites = 0;

  constructor(private readonly dieAfterWrite: number) {}

  private check(): void {
    if (this.dead) throw new SimulatedCrash(`process died after write ${this.dieAfterWrite}`);
  }

  /** A client of its own on the same dynalite server, doomed at the chosen write. */
  async client(healthy: DynamoDBClient): Promise<DynamoDBClient> {
    const ep = await healthy.config.endpoint!();
    const client = new DynamoDBClient({
      endpoint: `${ep.protocol}//${ep.hostname}:${ep.port ?? ''}${ep.path}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        this.check();
        const out = await next(args);
        if (WRITES.has(String((context as { commandName?: string }).commandName))) {
          this.committedWrites += 1;
          if (this.committedWrites === this.dieAfterWrite) {
            this.dead = true;
            this.check();
          }
        }
        return out;
      },
      { step: 'initialize', name: 'processDeath' },
    );
    return client;
  }

  venue(inner: Venue): Venue {
    const guard =
      <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        this.check();
        return f(...a);
      };
    return {
      name: inner.name,
      listGames: guard((l, sink) => inner.listGames(l, sink)),
      getBooks: guard((i, sink) => inner.getBooks(i, sink)),
      placeOrder: guard((o) => inner.placeOrder(o)),
      cancelOrder: guard((l) => inner.cancelOrder(l)),
      getOrder: guard((l) => inner.getOrder(l)),
      getBalance: guard(() => inner.getBalance()),
      getPositions: guard(() => inner.getPositions()),
      getResolution: guard((i) => inner.getResolution(i)),
    };
  }
}
