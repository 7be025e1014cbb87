/**
 * `functions/preflight` (invoked by hand, docs/deploy.md#before-going-live-preflight): the
 * preflight checks from inside the deployment, so the region and network the venues see are
 * the deployment's own. Reads the same configuration and secret as the other functions, builds
 * LIVE venue clients whatever the trading mode, records the run for the live gate and answers
 * it. Event: `{}` or `{"orderTest": true}`; anything else is refused without running.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import middy from '@middy/core';
import { z } from 'zod';
import type { Env } from '../../lib/config';
import { type Clock, type Notifier, type PreflightRun, systemClock } from '../../lib/engine/ports';
import { SnsNotifier } from '../../lib/notify/sns';
import { type AppLogger, createLogger, LogNotifier, runPreflightFromEnv } from '../../lib/runtime';
import { DynamoStore } from '../../lib/store';
import type { FetchFn } from '../../lib/venues/http';

export const preflightEventSchema = z.object({ orderTest: z.boolean().default(false) }).strict();

export interface PreflightClients {
  readonly dynamo?: DynamoDBClient;
  readonly secrets?: Pick<SecretsManagerClient, 'send'>;
  readonly sns?: Pick<SNSClient, 'send'>;
  readonly fetch?: FetchFn;
  readonly clock?: Clock;
}

export type PreflightResult =
  | { readonly status: 'refused'; readonly reason: string }
  | ({ readonly status: 'done' } & PreflightRun);

async function readSecret(env: Env, client: Pick<SecretsManagerClient, 'send'>) {
  const id = env.POLYMIX_SECRET_ID;
  if (!id) return { text: null, why: 'POLYMIX_SECRET_ID is not set' };
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: id }));
    return out.SecretString === undefined
      ? { text: null, why: 'the secret has no SecretString' }
      : { text: out.SecretString, why: '' };
  } catch (e) {
    return { text: null, why: `could not read the secret (${e instanceof Error ? e.name : 'error'})` };
  }
}

export function createPreflightHandler(env: Env, logger: AppLogger, clients: PreflightClients = {}) {
  return middy().handler(async (event: unknown): Promise<PreflightResult> => {
    const parsed = preflightEventSchema.safeParse(event ?? {});
    if (!parsed.success) {
      logger.error('preflight: the event must be {} or {"orderTest": true}; nothing done');
      return { status: 'refused', reason: 'the event must be {} or {"orderTest": true}' };
    }
    const secret = await readSecret(env, clients.secrets ?? new SecretsManagerClient({}));
    if (secret.text !== null) {
      try {
        const data: unknown = JSON.parse(secret.text);
        if (data && typeof data === 'object')
          for (const v of Object.values(data)) if (typeof v === 'string') logger.redactor.addSecret(v);
      } catch {
        // the secrets check reports it
      }
    }
    const topicArn = env.POLYMIX_TOPIC_ARN;
    const notifier: Notifier = topicArn
      ? new SnsNotifier(clients.sns ?? new SNSClient({}), topicArn)
      : new LogNotifier(logger);
    const store = new DynamoStore(clients.dynamo ?? new DynamoDBClient({}), env.POLYMIX_TABLE_NAME || 'polymix');
    const run = await runPreflightFromEnv(env, {
      runner: 'lambda',
      orderTest: parsed.data.orderTest,
      secretText: secret.text,
      secretMissing: secret.why,
      store,
      notifier,
      logger,
      clock: clients.clock ?? systemClock,
      ...(clients.fetch ? { wiring: { fetch: clients.fetch } } : {}),
    });
    for (const c of run.checks.filter((x) => x.result === 'fail'))
      logger.error(`preflight FAIL ${c.venue ?? '-'} ${c.id}: ${c.detail} → ${c.fix}`);
    return { status: 'done', ...run };
  });
}

const logger = createLogger(process.env, { serviceName: 'polymix-preflight' });
export const handler = createPreflightHandler(process.env, logger);
