/**
 * Counts what a DynamoDB client sends and what it costs: a middleware on the client asks every
 * item operation for its consumed capacity (`ReturnConsumedCapacity: TOTAL`) and adds up the
 * capacity units the server reports, per operation. dynalite reports table capacity only; real
 * DynamoDB also charges index writes, so the write figure is a lower bound (see the notes).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

export interface MeterReading {
  readonly calls: Readonly<Record<string, number>>;
  readonly readCalls: number;
  readonly writeCalls: number;
  /** Capacity units the server reported (RCU-equivalents for reads, WCU for writes). */
  readonly readUnits: number;
  readonly writeUnits: number;
}

export class DynamoMeter {
  private calls: Record<string, number> = {};
  private readUnits = 0;
  private writeUnits = 0;

  constructor(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String((context as { commandName?: string }).commandName ?? 'unknown');
        const input = args.input as Record<string, unknown>;
        if (READS.has(name) || WRITES.has(name)) input.ReturnConsumedCapacity = 'TOTAL';
        this.calls[name] = (this.calls[name] ?? 0) + 1;
        let out;
        try {
          out = await next(args);
        } catch (err) {
          // A refused conditional write is still billed (at least one write unit).
          if (WRITES.has(name)) this.writeUnits += 1;
          throw err;
        }
        const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
        const units = consumed?.CapacityUnits ?? 0;
        if (READS.has(name)) this.readUnits += units;
        if (WRITES.has(name)) this.writeUnits += units;
        return out;
      },
      { step: 'initialize', name: 'polymixBenchMeter' },
    );
  }

  /** Everything since the last reading, then starts counting afresh. */
  take(): MeterReading {
    const calls = this.calls;
    const sum = (names: Set<string>) => Object.entries(calls).reduce((s, [k, v]) => s + (names.has(k) ? v : 0), 0);
    const reading = {
      calls,
      readCalls: sum(READS),
      writeCalls: sum(WRITES),
      readUnits: this.readUnits,
      writeUnits: this.writeUnits,
    };
    this.calls = {};
    this.readUnits = 0;
    this.writeUnits = 0;
    return reading;
  }
}
