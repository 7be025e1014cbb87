/**
 * The PolyMix stack: state (table, secret), alerts (topic), the three functions, their
 * schedules, the API, alarms and a dashboard. One construct per concern, wired here.
 */

import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AlertTopic, TradingAlarms } from './alerts';
import { TradingApi } from './api';
import { TradingDashboard } from './dashboard';
import { TradingSecret, TradingTable } from './data';
import type { Entries } from './functions';
import { DEFAULT_ENTRIES, TradingFunctions } from './functions';
import { acknowledgeFindings } from './nag';
import { TradingSchedules } from './schedules';
import { readSettings } from './settings';

export interface PolyMixStackProps extends StackProps {
  /** Handler entry files relative to the project root; tests point these at fixtures. */
  readonly entries?: Partial<Entries>;
  /**
   * Apply the cdk-nag acknowledgements in infra/nag.ts (default true). Tests turn this off to
   * check that each acknowledgement answers a finding that really exists.
   */
  readonly acknowledgeNagFindings?: boolean;
}

export class PolyMixStack extends Stack {
  readonly data: TradingTable;
  readonly secret: TradingSecret;
  readonly alerts: AlertTopic;
  readonly functions: TradingFunctions;
  readonly schedules: TradingSchedules;
  readonly api: TradingApi;
  readonly alarms: TradingAlarms;
  readonly dashboard: TradingDashboard;

  constructor(scope: Construct, id: string, props: PolyMixStackProps = {}) {
    const { entries, acknowledgeNagFindings: _ack, ...stackProps } = props;
    super(scope, id, { description: 'PolyMix: Polymarket x Kalshi sports arbitrage trader', ...stackProps });
    const settings = readSettings(this.node);

    this.data = new TradingTable(this, 'Data');
    this.secret = new TradingSecret(this, 'Secrets');
    this.alerts = new AlertTopic(this, 'Alerts', settings);
    this.functions = new TradingFunctions(this, 'Functions', {
      settings,
      entries: { ...DEFAULT_ENTRIES, ...entries },
      data: this.data,
      secret: this.secret.secret,
      topic: this.alerts.topic,
      topicKey: this.alerts.key,
    });
    this.schedules = new TradingSchedules(this, 'Schedules', {
      settings,
      scan: this.functions.scan,
      settle: this.functions.settle,
    });
    this.api = new TradingApi(this, 'Api', { settings, handler: this.functions.api });
    this.alarms = new TradingAlarms(this, 'Alarms', {
      settings,
      topic: this.alerts.topic,
      functions: this.functions.all(),
      scheduled: settings.schedulesEnabled
        ? [
            { fn: this.functions.scan, rateMinutes: settings.scanRateMinutes },
            { fn: this.functions.settle, rateMinutes: 1 },
          ]
        : [],
    });
    this.dashboard = new TradingDashboard(this, 'Dashboard', {
      settings,
      functions: this.functions.all(),
      api: this.api.api,
    });

    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output('TableName', this.data.table.tableName, 'DynamoDB table (ledger, bets, errors)');
    output('SecretArn', this.secret.secret.secretArn, 'Fill with aws secretsmanager put-secret-value (docs/deploy.md)');
    output('AlertTopicArn', this.alerts.topic.topicArn, 'Subscribe more phones or emails here');
    output('ScanRuleName', this.schedules.scanRule.ruleName, 'aws events disable-rule --name <this> stops scanning');
    output(
      'SettleRuleName',
      this.schedules.settleRule.ruleName,
      'aws events disable-rule --name <this> stops settling',
    );
    output(
      'ScanFunctionName',
      this.functions.scan.functionName,
      'Emergency brake: put-function-concurrency 0 (docs/deploy.md)',
    );
    output('SettleFunctionName', this.functions.settle.functionName, 'Settlement and reconcile function');
    output('ApiFunctionName', this.functions.api.functionName, 'Trading API function');
    output(
      'PreflightFunctionName',
      this.functions.preflight.functionName,
      'aws lambda invoke it before going live (docs/deploy.md#before-going-live-preflight)',
    );
    output('DashboardName', this.dashboard.dashboard.dashboardName, 'CloudWatch dashboard');

    if (props.acknowledgeNagFindings !== false) acknowledgeFindings(this);
  }
}
