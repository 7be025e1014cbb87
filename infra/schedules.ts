/**
 * The two EventBridge schedules (docs/engine.md). Rules, not EventBridge Scheduler, because the
 * handlers key idempotency on the scheduled event's `id` (lib/engine/scan.ts `eventId`), which
 * a rule delivers in the standard "Scheduled Event" envelope.
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Settings } from './settings';

export interface TradingSchedulesProps {
  readonly settings: Settings;
  readonly scan: lambda.IFunction;
  readonly settle: lambda.IFunction;
}

export class TradingSchedules extends Construct {
  readonly scanRule: events.Rule;
  readonly settleRule: events.Rule;

  constructor(scope: Construct, id: string, props: TradingSchedulesProps) {
    super(scope, id);
    const { settings } = props;
    // A delivery that fails is not retried: the next tick replaces it a minute later.
    const target = (fn: lambda.IFunction) =>
      new targets.LambdaFunction(fn, { retryAttempts: 0, maxEventAge: Duration.minutes(1) });

    this.scanRule = new events.Rule(this, 'ScanSchedule', {
      description: `PolyMix scan-and-trade every ${settings.scanRateMinutes} minute(s)`,
      schedule: events.Schedule.rate(Duration.minutes(settings.scanRateMinutes)),
      enabled: settings.schedulesEnabled,
      targets: [target(props.scan)],
    });
    this.settleRule = new events.Rule(this, 'SettleSchedule', {
      description: 'PolyMix settle and reconcile every minute',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      enabled: settings.schedulesEnabled,
      targets: [target(props.settle)],
    });
  }
}
