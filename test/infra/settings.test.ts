/**
 * Deploy-time settings (CDK context): validated at synth with lib/config/env.ts, and each knob
 * changes what it says. One synth with every knob turned; the refusals need no synth.
 */
import { App } from 'aws-cdk-lib';
import { readSettings, SettingsError } from '../../infra/settings';
import type { Synthesized } from '../support/infra/synth';
import { synthPolyMix } from '../support/infra/synth';

type Resource = { Type: string; Properties: Record<string, unknown> };

const settingsFrom = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('readSettings', () => {
  it('defaults to paper, the default limits, a 1-minute scan, schedules on, no subscriptions', () => {
    const s = settingsFrom({});
    expect(s.config.liveTrading).toBe(false);
    expect(s.tradingEnv).toMatchObject({
      LIVE_TRADING: 'false',
      LIVE_TRADING_DAILY_LOSS_LIMIT: '50',
      LIVE_TRADING_BET_AMOUNT: '10',
    });
    expect(s).toMatchObject({
      scanRateMinutes: 1,
      schedulesEnabled: true,
      alertEmail: null,
      alertPhone: null,
      xray: false,
    });
  });

  it('refuses trading values lib/config/env.ts would refuse, naming the variable, before anything is built', () => {
    expect(() => settingsFrom({ LIVE_TRADING_MIN_ROI: '2' })).toThrow(/LIVE_TRADING_MIN_ROI/);
    expect(() => settingsFrom({ LIVE_TRADING_BET_AMOUNT: '500', LIVE_TRADING_MAX_POSITION_SIZE: '100' })).toThrow(
      /LIVE_TRADING_BET_AMOUNT/,
    );
    expect(() => settingsFrom({ POLYMIX_RULE_TAIL: 'yolo' })).toThrow(/POLYMIX_RULE_TAIL/);
    expect(() => settingsFrom({ POLYMIX_KALSHI_TIER: 'gold' })).toThrow(/POLYMIX_KALSHI_TIER/);
  });

  it('passes the Kalshi tier and endpoint costs to the functions, costs as JSON from cdk.json too', () => {
    const s = settingsFrom({ POLYMIX_KALSHI_TIER: 'advanced', POLYMIX_KALSHI_ENDPOINT_COSTS: { 'GET /events': 5 } });
    expect(s.tradingEnv).toMatchObject({
      POLYMIX_KALSHI_TIER: 'advanced',
      POLYMIX_KALSHI_ENDPOINT_COSTS: '{"GET /events":5}',
    });
    expect(s.config.kalshi).toEqual({ tier: 'advanced', endpointCosts: { 'GET /events': 5 } });
  });

  it('passes the runway alert threshold to the functions and the alarms (docs/capital.md#runway)', () => {
    expect(settingsFrom({}).tradingEnv).toMatchObject({ POLYMIX_RUNWAY_ALERT_TRADES: '5' });
    const s = settingsFrom({ POLYMIX_RUNWAY_ALERT_TRADES: '3' });
    expect(s.tradingEnv).toMatchObject({ POLYMIX_RUNWAY_ALERT_TRADES: '3' });
    expect(s.config.runwayAlertTrades).toBe(3);
    expect(() => settingsFrom({ POLYMIX_RUNWAY_ALERT_TRADES: 'five' })).toThrow(/POLYMIX_RUNWAY_ALERT_TRADES/);
  });

  it('passes the live gate settings and the stream URLs to the functions (docs/deploy.md#before-going-live-preflight)', () => {
    const s = settingsFrom({
      POLYMIX_PREFLIGHT_MAX_AGE_HOURS: '12',
      POLYMIX_PREFLIGHT_OVERRIDE: 'true',
      POLYMARKET_WS_URL: 'wss://ws-subscriptions-clob.polymarket.com/ws/market',
      KALSHI_WS_URL: 'wss://demo-api.kalshi.co/trade-api/ws/v2',
    });
    expect(s.tradingEnv).toMatchObject({
      POLYMIX_PREFLIGHT_MAX_AGE_HOURS: '12',
      POLYMIX_PREFLIGHT_OVERRIDE: 'true',
      POLYMARKET_WS_URL: 'wss://ws-subscriptions-clob.polymarket.com/ws/market',
      KALSHI_WS_URL: 'wss://demo-api.kalshi.co/trade-api/ws/v2',
    });
    expect(settingsFrom({}).tradingEnv).not.toHaveProperty('POLYMIX_PREFLIGHT_OVERRIDE');
    expect(() => settingsFrom({ POLYMIX_PREFLIGHT_OVERRIDE: 'yes' })).toThrow(/POLYMIX_PREFLIGHT_OVERRIDE/);
    expect(() => settingsFrom({ KALSHI_WS_URL: 'ws://example.com/ws' })).toThrow(/KALSHI_WS_URL/);
  });

  it('passes the venue pair and the Polymarket US hosts to the functions, checked like the functions check them (docs/deploy.md#venue-pair)', () => {
    const byDefault = settingsFrom({});
    expect(byDefault.tradingEnv.POLYMIX_VENUES).toBe('kalshi,polymarket');
    expect(byDefault.config.venues).toEqual({ kalshi: 'kalshi', polymarket: 'polymarket' });
    const us = settingsFrom({
      POLYMIX_VENUES: ' polymarket-us , kalshi',
      POLYMARKET_US_GATEWAY_URL: 'https://gateway.polymarket.us',
      POLYMARKET_US_API_URL: 'https://api.polymarket.us',
      POLYMARKET_US_WS_URL: 'wss://api.polymarket.us/v1/ws/markets',
    });
    expect(us.config.venues.polymarket).toBe('polymarket-us');
    expect(us.tradingEnv).toMatchObject({
      POLYMIX_VENUES: 'kalshi,polymarket-us',
      POLYMARKET_US_GATEWAY_URL: 'https://gateway.polymarket.us',
      POLYMARKET_US_API_URL: 'https://api.polymarket.us',
      POLYMARKET_US_WS_URL: 'wss://api.polymarket.us/v1/ws/markets',
    });
    expect(() => settingsFrom({ POLYMIX_VENUES: 'kalshi,polymarket,polymarket-us' })).toThrow(
      /POLYMIX_VENUES: expected kalshi,polymarket or kalshi,polymarket-us/,
    );
    expect(() => settingsFrom({ POLYMARKET_US_API_URL: 'http://api.polymarket.us' })).toThrow(/POLYMARKET_US_API_URL/);
    expect(() => settingsFrom({ POLYMARKET_US_WS_URL: 'ws://api.polymarket.us/v1/ws/markets' })).toThrow(
      /POLYMARKET_US_WS_URL/,
    );
  });

  it('refuses malformed infrastructure knobs, listing every one', () => {
    let error: unknown;
    try {
      settingsFrom({
        scanRateMinutes: '0',
        schedulesEnabled: 'no',
        alertPhone: '555-1234',
        logRetentionDays: '31',
        scanMemoryMb: '64',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const message = String((error as Error).message);
    for (const key of ['scanRateMinutes', 'schedulesEnabled', 'alertPhone', 'logRetentionDays', 'scanMemoryMb'])
      expect(message).toContain(key);
  });

  it('sizes the scan function from scanMemoryMb, 176 MB by default (docs/deploy.md#scan-sizing-and-cost)', () => {
    expect(settingsFrom({}).scanMemoryMb).toBe(176);
    expect(settingsFrom({ scanMemoryMb: '256' }).scanMemoryMb).toBe(256);
    expect(() => settingsFrom({ scanMemoryMb: '20000' })).toThrow(
      /scanMemoryMb: expected a whole number from 128 to 10240/,
    );
  });

  it('allows the local dashboard (npm start) under both host names by default', () => {
    expect(settingsFrom({}).dashboardOrigins).toEqual(['http://localhost:5001', 'http://127.0.0.1:5001']);
  });

  it('takes dashboardOrigins as a comma-separated list of exact origins', () => {
    expect(
      settingsFrom({ dashboardOrigins: 'https://ops.example.com, http://localhost:8080,https://ops.example.com' })
        .dashboardOrigins,
    ).toEqual(['https://ops.example.com', 'http://localhost:8080']);
  });

  it.each([
    ['*', 'a wildcard'],
    ['https://*.example.com', 'a wildcard host'],
    ['https://ops.example.com/', 'a trailing slash'],
    ['https://ops.example.com/dashboard', 'a path'],
    ['ops.example.com', 'no scheme'],
    ['ftp://ops.example.com', 'another scheme'],
    ['http://LOCALHOST:5001', 'upper case (browsers send lower case)'],
    ['http://localhost:80', 'the default port (browsers omit it)'],
    ['null', 'the opaque origin'],
    [',', 'no origin at all'],
  ])('refuses dashboardOrigins %j (%s), naming the knob', (value) => {
    expect(() => settingsFrom({ dashboardOrigins: value })).toThrow(SettingsError);
    expect(() => settingsFrom({ dashboardOrigins: value })).toThrow(/dashboardOrigins: expected/);
  });

  it('lists every refused origin in one error', () => {
    expect(() => settingsFrom({ dashboardOrigins: 'http://localhost:5001,*,https://x.example.com/path' })).toThrow(
      /refused "\*", "https:\/\/x\.example\.com\/path"/,
    );
  });

  it('accepts JSON values from cdk.json as well as strings from -c', () => {
    expect(settingsFrom({ scanRateMinutes: 5, schedulesEnabled: false }).scanRateMinutes).toBe(5);
    expect(settingsFrom({ schedulesEnabled: false }).schedulesEnabled).toBe(false);
  });
});

describe('stack with every knob turned', () => {
  let s: Synthesized;
  const resources = (type: string) => s.template.findResources(type) as Record<string, Resource>;

  beforeAll(() => {
    s = synthPolyMix({
      nag: true, // acknowledgements must also cover the X-Ray wildcard
      context: {
        scanRateMinutes: '5',
        scanMemoryMb: '320',
        schedulesEnabled: 'false',
        alertEmail: 'ops@example.com',
        alertPhone: '+15551234567',
        xray: 'true',
        reserveConcurrency: 'false',
        LIVE_TRADING: 'true',
        LIVE_TRADING_DAILY_LOSS_LIMIT: '25.5',
        POLYMIX_RULE_TAIL: 'accept-bounded',
        POLYMIX_SCAN_INTERVAL_SECONDS: '10',
        apiRateLimit: '2',
        apiBurstLimit: '4',
        apiQuotaPerDay: '500',
        dashboardOrigins: 'https://ops.example.com',
      },
    });
  });
  afterAll(() => s?.cleanup());

  it('creates both schedules disabled, scan at the chosen rate, with no "not running" alarms', () => {
    const rules = Object.values(resources('AWS::Events::Rule')).map((r) => r.Properties);
    expect(rules.map((r) => r.State)).toEqual(['DISABLED', 'DISABLED']);
    expect(rules.map((r) => r.ScheduleExpression).sort()).toEqual(['rate(1 minute)', 'rate(5 minutes)']);
    const metrics = Object.values(resources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.MetricName);
    expect(metrics).not.toContain('Invocations');
  });

  it('gives the scan function the chosen memory, and only it', () => {
    const sizes = Object.values(resources('AWS::Lambda::Function')).map((f) => ({
      description: String(f.Properties.Description),
      memory: f.Properties.MemorySize,
    }));
    expect(sizes.filter((f) => f.memory === 320).map((f) => f.description)).toEqual([
      expect.stringMatching(/^PolyMix scan-and-trade/),
    ]);
  });

  it('subscribes the email and the phone to the alerts topic', () => {
    const subs = Object.values(resources('AWS::SNS::Subscription')).map((r) => r.Properties);
    expect(subs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Protocol: 'email', Endpoint: 'ops@example.com' }),
        expect.objectContaining({ Protocol: 'sms', Endpoint: '+15551234567' }),
      ]),
    );
  });

  it('passes live trading and the tail policy to every function, and alarms at the new loss limit', () => {
    for (const fn of Object.values(resources('AWS::Lambda::Function'))) {
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        LIVE_TRADING: 'true',
        LIVE_TRADING_DAILY_LOSS_LIMIT: '25.5',
        POLYMIX_RULE_TAIL: 'accept-bounded',
        POLYMIX_SCAN_INTERVAL_SECONDS: '10',
      });
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    }
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DailyLossMicros',
      Threshold: 25_500_000,
    });
  });

  it('answers preflights for the chosen dashboard origin and passes it to the API function only', () => {
    const preflights = Object.values(resources('AWS::ApiGateway::Method')).filter(
      (m) => m.Properties.HttpMethod === 'OPTIONS',
    );
    expect(preflights).toHaveLength(10); // one per resource: GET and POST preflight share one
    for (const m of preflights) {
      expect(JSON.stringify(m.Properties.Integration)).toContain(
        `"method.response.header.Access-Control-Allow-Origin":"'https://ops.example.com'"`,
      );
      expect(JSON.stringify(m.Properties.Integration)).not.toContain('localhost');
    }
    const corsVars = Object.values(resources('AWS::Lambda::Function')).map(
      (fn) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POLYMIX_CORS_ORIGINS,
    );
    expect(corsVars.filter((v) => v !== undefined)).toEqual(['https://ops.example.com']);
  });

  it('applies the API throttle and quota to stage and usage plan', () => {
    s.template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 2, BurstLimit: 4 },
      Quota: { Limit: 500, Period: 'DAY' },
    });
  });
});

describe('stack for Kalshi × Polymarket US', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthPolyMix({ nag: false, context: { POLYMIX_VENUES: 'kalshi,polymarket-us' } });
  });
  afterAll(() => s?.cleanup());

  it('names Polymarket US in the runway alarms and the dashboard, keeping the slot-keyed ids', () => {
    const alarms = s.template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
    const runway = Object.entries(alarms).filter(([id]) => /RunwayLowPolymarket/.test(id));
    expect(runway.length).toBeGreaterThan(0);
    for (const [, a] of runway) expect(String(a.Properties.AlarmDescription)).toContain('Polymarket US cash funds');
    const dashboards = JSON.stringify(s.template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toContain('Polymarket US');
  });
});
