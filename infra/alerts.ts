/**
 * Alerts: one SNS topic (the functions' notifications and every alarm) and the alarms.
 *
 * The topic is encrypted with a CUSTOMER key, not aws/sns: CloudWatch alarms cannot publish
 * to a topic under the AWS-managed key (its key policy cannot grant cloudwatch.amazonaws.com),
 * and an alarm that cannot deliver is worse than none.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { MetricMode, MetricName } from './metric-names';
import { METRIC, METRIC_MODES, METRIC_NAMESPACE, metricDimensions, VENUE_METRIC, venueSlots } from './metric-names';
import type { Settings } from './settings';

export class AlertTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, settings: Settings) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'PolyMix alerts topic encryption',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, "*" is this key
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'PolyMix',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (settings.alertEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(settings.alertEmail));
    if (settings.alertPhone) this.topic.addSubscription(new subscriptions.SmsSubscription(settings.alertPhone));
  }
}

/** A PolyMix EMF metric for one mode. */
export function polymixMetric(
  name: MetricName,
  mode: MetricMode,
  statistic: string,
  period = Duration.minutes(5),
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: metricDimensions(mode),
    statistic,
    period,
  });
}

export interface TradingAlarmsProps {
  readonly settings: Settings;
  readonly topic: sns.ITopic;
  readonly functions: readonly lambda.IFunction[];
  /**
   * Scheduled functions that must keep running, with their schedule's rate: an alarm fires
   * when one has not been invoked for three periods of max(5 min, rate) (schedule disabled by
   * hand, throttled, deleted). Empty when the schedules are deployed disabled.
   */
  readonly scheduled: readonly { readonly fn: lambda.IFunction; readonly rateMinutes: number }[];
}

export class TradingAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: TradingAlarmsProps) {
    super(scope, id);
    const notify = new actions.SnsAction(props.topic);
    const add = (alarmId: string, alarmProps: cloudwatch.AlarmProps, withOk = false) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, alarmProps);
      alarm.addAlarmAction(notify);
      if (withOk) alarm.addOkAction(notify);
      this.alarms.push(alarm);
    };

    for (const fn of props.functions) {
      // Any unhandled error: the engine records venue errors itself and does not throw, so an
      // Errors datapoint means a bug, bad configuration or a crash mid-trade.
      add(`${fn.node.id}Errors`, {
        alarmDescription: `PolyMix ${fn.node.id} function failed (unhandled error). Check its log group.`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    for (const { fn, rateMinutes } of props.scheduled) {
      const period = Duration.minutes(Math.max(5, rateMinutes));
      add(
        `${fn.node.id}NotRunning`,
        {
          alarmDescription: `PolyMix ${fn.node.id} has not run for ${3 * period.toMinutes()} minutes. Check its schedule (EventBridge rule) and throttles.`,
          metric: fn.metricInvocations({ period, statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: 3,
          // No datapoint at all is exactly the failure this alarm is for.
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        },
        true,
      );
    }

    // Reaching the limit is the breach (admission then refuses everything). With a limit of 0,
    // any loss at all is one.
    const lossThreshold = Math.max(props.settings.config.risk.dailyLossLimitMicros, 1);
    // docs/capital.md#runway: the same threshold as the scan's daily notice; 0 turns both off.
    const runwayBelow = props.settings.config.runwayAlertTrades;
    for (const mode of METRIC_MODES) {
      const label = mode === 'live' ? 'LIVE' : 'paper';
      add(`${mode}DailyLoss`, {
        alarmDescription: `PolyMix ${label}: today's realised loss reached the daily loss limit (${props.settings.tradingEnv.LIVE_TRADING_DAILY_LOSS_LIMIT} USD). Trading stops until tomorrow (UTC).`,
        metric: polymixMetric(METRIC.DailyLossMicros, mode, 'Maximum'),
        threshold: lossThreshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      add(
        `${mode}Halted`,
        {
          alarmDescription: `PolyMix ${label}: trading is HALTED (kill switch or circuit breaker). POST /trading/resume lifts it.`,
          metric: polymixMetric(METRIC.Halted, mode, 'Maximum', Duration.minutes(1)),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
        true, // "OK" again tells the operator trading resumed
      );
      add(`${mode}OneLegged`, {
        alarmDescription: `PolyMix ${label}: a trade went one-legged (second leg failed, first leg unwound). Check GET /trading/positions.`,
        metric: polymixMetric(METRIC.OneLeggedTrades, mode, 'Sum'),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      if (runwayBelow > 0) {
        for (const [venue, name] of venueSlots(props.settings.config.venues)) {
          add(
            `${mode}RunwayLow${venue === 'kalshi' ? 'Kalshi' : 'Polymarket'}`,
            {
              alarmDescription: `PolyMix ${label}: ${name} cash funds fewer than ${runwayBelow} trades at the per-trade cap (POLYMIX_RUNWAY_ALERT_TRADES). Move cash to ${name} (docs/capital.md#runway); GET /trading/metrics shows cash, locked capital and runway per venue.`,
              metric: polymixMetric(VENUE_METRIC[venue].runway, mode, 'Minimum'),
              threshold: runwayBelow,
              comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
              evaluationPeriods: 1,
              // No point: the cash was unknown or no scan ran (other alarms cover both).
              treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
            },
            true, // "OK" again tells the operator the venue is funded
          );
        }
      }
    }
  }
}
