/**
 * State: the one DynamoDB table (docs/store.md) and the one Secrets Manager secret (docs/deploy.md#5-fill-in-the-secret).
 *
 * The table mirrors `tableDefinition` in lib/store/table.ts: the same key names, indexes and
 * projections, read from that function so the two cannot drift (test/infra checks it too).
 * It holds the money ledger, so it is RETAINED when the stack is deleted or the resource is
 * replaced, with point-in-time recovery on.
 */
import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TTL_ATTRIBUTE, tableDefinition } from '../lib/store/table';

/** The store's key schema, taken apart for the L2 construct. */
function storeSchema() {
  const def = tableDefinition('schema-only');
  const typeOf = (name: string): dynamodb.AttributeType => {
    const attr = def.AttributeDefinitions?.find((a) => a.AttributeName === name);
    if (attr?.AttributeType !== 'S') throw new Error(`lib/store/table.ts: attribute ${name} must be a string key`);
    return dynamodb.AttributeType.STRING;
  };
  const keysOf = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) => {
    const hash = schema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
    const range = schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    if (!hash || !range) throw new Error('lib/store/table.ts: every key schema needs HASH and RANGE');
    return {
      partitionKey: { name: hash, type: typeOf(hash) },
      sortKey: { name: range, type: typeOf(range) },
    };
  };
  const indexes = (def.GlobalSecondaryIndexes ?? []).map((gsi) => {
    if (gsi.Projection?.ProjectionType !== 'ALL')
      throw new Error(`lib/store/table.ts: index ${gsi.IndexName} must project ALL`);
    return { indexName: gsi.IndexName ?? '', ...keysOf(gsi.KeySchema), projectionType: dynamodb.ProjectionType.ALL };
  });
  return { table: keysOf(def.KeySchema), indexes };
}

export class TradingTable extends Construct {
  readonly table: dynamodb.Table;
  /** Index names, for IAM statements scoped to exactly these indexes. */
  readonly indexNames: readonly string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const schema = storeSchema();
    this.table = new dynamodb.Table(this, 'Table', {
      ...schema.table,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // AWS-managed key (aws/dynamodb): key use shows in CloudTrail, and the functions need no
      // kms permissions. A customer key would add cost and a key policy to get wrong, for no
      // access boundary the table's IAM does not already give.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of schema.indexes) this.table.addGlobalSecondaryIndex(index);
    this.indexNames = schema.indexes.map((i) => i.indexName);
  }

  /** ARNs of the indexes by name (no `index/*` wildcard in any policy). */
  indexArns(): string[] {
    return this.indexNames.map((name) => `${this.table.tableArn}/index/${name}`);
  }
}

/**
 * What the secret holds right after deploy: the field names of the default venue pair, Kalshi ×
 * Polymarket (lib/config/secrets.ts `parseSecrets`; the fields of kalshi,polymarket-us are in
 * docs/deploy.md#secret: nothing here follows the pair, since any change to this resource could
 * rewrite the value), all empty, so the console shows the shape and `parseSecrets`
 * rejects it (→ paper mode: live needs valid secrets). NEVER change this text: CloudFormation rewrites the
 * secret whenever the template value changes, which would wipe the keys the operator put in.
 */
export const SECRET_PLACEHOLDER = JSON.stringify({
  polymarketPrivateKey: '',
  polymarketApiKey: '',
  polymarketApiSecret: '',
  polymarketApiPassphrase: '',
  polymarketFunderAddress: '',
  polymarketSignatureType: '',
  kalshiKeyId: '',
  kalshiPrivateKeyPem: '',
  resetKey: '',
});

export class TradingSecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'PolyMix venue keys and reset key (JSON, see docs/deploy.md). Filled by the operator.',
      // Not secret: field names with empty values. The real value never passes through CDK.
      secretStringValue: SecretValue.unsafePlainText(SECRET_PLACEHOLDER),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
