/**
 * The one DynamoDB table (docs/store.md): key names, item keys, the table definition and the
 * injected client. Every item has a string partition key `pk` and sort key `sk`.
 *
 * | item                    | pk                                   | sk                   | GSIs                     | written by            |
 * |-------------------------|--------------------------------------|----------------------|--------------------------|-----------------------|
 * | account                 | `ACCOUNT#<mode>`                     | `ACCOUNT`            |                          | ./account.ts          |
 * | bet                     | `BET#<id>`                           | `BET`                | byMode, active (sparse)  | ./bets.ts             |
 * | error ring slot         | `ERRORS`                             | `SLOT#<00..99>`      |                          | ./errors-log.ts       |
 * | error sequence          | `ERRORS#SEQ`                         | `SEQ`                |                          | ./errors-log.ts       |
 * | lease                   | `LEASE#<name>`                       | `LEASE`              |                          | ./lease.ts            |
 * | invocation claim        | `INVOCATION#<eventId>`               | `INVOCATION`         |                          | ./lease.ts            |
 * | last preflight run      | `PREFLIGHT`                          | `LAST`               |                          | ./preflight.ts        |
 * | Polymarket signed order | `PMORDER#<clientOrderId>`            | `PMORDER`            | (TTL)                    | ./signed-orders.ts    |
 * | Polymarket order hash   | `PMHASH#<hash>`                      | `PMHASH`             | (TTL)                    | ./signed-orders.ts    |
 * | Polymarket US placement | `PMUSPLACE#<clientOrderId>`          | `PMUSPLACE`          | (TTL)                    | ./placements.ts       |
 * | Polymarket US claim     | `PMUSCLAIM#<order|trade>#<id>`       | `PMUSCLAIM`          | (TTL)                    | ./placements.ts       |
 * | imported bet            | `ORIGBET#<mode>#<key>`               | `ORIGBET`            | byMode (`ORIGBETS#`)     | ./imported.ts         |
 * | import record           | `IMPORT#<mode>`                      | `ORIGINAL`           |                          | ./imported.ts         |
 * | redemption              | `REDEEM#<mode>#<holder>#<condition>` | `REDEEM`             | byMode, active (open)    | ./redemptions.ts      |
 *
 * See docs/store.md for the attributes of each item.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TradingMode } from '../core/mode';

export const KEY = { pk: 'pk', sk: 'sk' } as const;

/** GSI listing every bet of a mode by creation time (`gsi1sk` = zero-padded ms + id). */
export const BY_MODE_INDEX = 'byMode';
/** Sparse GSI holding only bets that are not finished (non-terminal or ledger pending). */
export const ACTIVE_INDEX = 'active';

/** Attribute holding the expiry (epoch SECONDS) for DynamoDB TTL on disposable items. */
export const TTL_ATTRIBUTE = 'ttl';

export const accountKey = (mode: TradingMode) => ({ pk: `ACCOUNT#${mode}`, sk: 'ACCOUNT' });
export const betKey = (betId: string) => ({ pk: `BET#${betId}`, sk: 'BET' });
export const leaseKey = (name: string) => ({ pk: `LEASE#${name}`, sk: 'LEASE' });
export const invocationKey = (eventId: string) => ({ pk: `INVOCATION#${eventId}`, sk: 'INVOCATION' });
export const preflightKey = { pk: 'PREFLIGHT', sk: 'LAST' } as const;
export const ERRORS_PK = 'ERRORS';
export const errorSeqKey = { pk: 'ERRORS#SEQ', sk: 'SEQ' } as const;
export const errorSlotKey = (slot: number) => ({ pk: ERRORS_PK, sk: `SLOT#${String(slot).padStart(2, '0')}` });

/** The table as CreateTable wants it; the CDK stack must declare the same keys and indexes. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
      { AttributeName: 'gsi2pk', AttributeType: 'S' },
      { AttributeName: 'gsi2sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: BY_MODE_INDEX,
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: ACTIVE_INDEX,
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/**
 * Creates the table and waits until it is ACTIVE. CreateTable answers while the table is still
 * CREATING, and DynamoDB (dynalite too, even with `createTableMs: 0`: it flips the status on a
 * timer) answers ResourceNotFoundException to item writes until then. Bounded: throws after
 * `limitMs`.
 */
export async function createTableAndWait(client: DynamoDBClient, tableName: string, limitMs = 30_000): Promise<void> {
  await client.send(new CreateTableCommand(tableDefinition(tableName)));
  const deadline = Date.now() + limitMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() >= deadline) throw new Error(`table ${tableName} is still ${Table?.TableStatus ?? 'unknown'}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What every store function needs: the document client over the injected client, and the table. */
export interface StoreContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

export function createStoreContext(client: DynamoDBClient, tableName: string): StoreContext {
  const doc = DynamoDBDocumentClient.from(client, {
    // undefined is a bug in our code, not something to drop silently: absent values are null.
    marshallOptions: { removeUndefinedValues: false, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { doc, tableName };
}

/** A condition expression did not hold (the SDK error name; dynalite sends the same). */
export function isConditionalCheckFailed(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

/** Epoch ms → epoch seconds for the TTL attribute. */
export function ttlSeconds(expiresAtMs: number): number {
  return Math.floor(expiresAtMs / 1000);
}
