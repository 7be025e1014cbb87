import { ConfigError, loadConfig } from '../../../lib/config/env';
import { LEAGUE_IDS } from '../../../lib/core/leagues';
import { PARTICIPANT_ALIASES, participantKey } from '../../../lib/core/teams/participants';

const USD = 1_000_000;

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs on defaults with an empty environment: paper, production hosts, seed-like limits', () => {
    expect(loadConfig({})).toEqual({
      liveTrading: false,
      initialBalanceMicros: 1_000 * USD,
      betAmountMicros: 10 * USD,
      risk: {
        minRoiPpm: 20_000,
        maxPositionMicros: 100 * USD,
        maxDailyTrades: 10,
        dailyLossLimitMicros: 50 * USD,
        maxBookAgeMs: 3_000,
      },
      tableName: 'polymix',
      urls: {
        polymarketGamma: 'https://gamma-api.polymarket.com',
        polymarketClob: 'https://clob.polymarket.com',
        polymarketData: 'https://data-api.polymarket.com',
        kalshi: 'https://external-api.kalshi.com/trade-api/v2',
        polymarketWs: 'wss://ws-subscriptions-clob.polymarket.com/ws/market',
        kalshiWs: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
        polymarketGeoblock: 'https://polymarket.com/api/geoblock',
        polymarketUsGateway: 'https://gateway.polymarket.us',
        polymarketUsApi: 'https://api.polymarket.us',
        polymarketUsWs: 'wss://api.polymarket.us/v1/ws/markets',
      },
      venues: { kalshi: 'kalshi', polymarket: 'polymarket' },
      leagues: ['NBA', 'NFL', 'NHL', 'MLB'],
      scanIntervalSeconds: 60,
      marketData: 'stream',
      listingRefreshSeconds: 120,
      secretId: null,
      firstLeg: 'kalshi',
      ruleTail: null,
      allowUnverifiedRules: null,
      maxTailLossMicros: 100 * USD,
      participantAliases: PARTICIPANT_ALIASES,
      kalshi: { tier: 'basic', endpointCosts: {} },
      runwayAlertTrades: 5,
      redemption: {
        walletKind: 'off',
        rpcUrl: null,
        relayerUrl: 'https://relayer-v2.polymarket.com',
        maxFeePerGasWei: 500n * 10n ** 9n,
        priorityFeePerGasWei: 30n * 10n ** 9n,
        minPolWei: 5n * 10n ** 17n,
        relayerStuckAfterMs: 30 * 60_000,
      },
      preflight: { maxAgeMs: 24 * 3_600_000, override: false },
      warnings: [],
    });
  });

  it('redemption settings: wallet kind, RPC, gas bounds exactly in wei, the stuck time', () => {
    const c = loadConfig({
      POLYMIX_REDEEM_WALLET: 'eoa',
      POLYGON_RPC_URL: 'https://polygon.example.org/rpc',
      POLYMIX_REDEEM_MAX_FEE_GWEI: '800',
      POLYMIX_REDEEM_PRIORITY_FEE_GWEI: '35',
      POLYMIX_REDEEM_MIN_POL: '1.25',
      POLYMIX_REDEEM_STUCK_MINUTES: '45',
    });
    expect(c.redemption).toEqual({
      walletKind: 'eoa',
      rpcUrl: 'https://polygon.example.org/rpc',
      relayerUrl: 'https://relayer-v2.polymarket.com',
      maxFeePerGasWei: 800n * 10n ** 9n,
      priorityFeePerGasWei: 35n * 10n ** 9n,
      minPolWei: 125n * 10n ** 16n,
      relayerStuckAfterMs: 45 * 60_000,
    });
    expect(loadConfig({ POLYMIX_REDEEM_WALLET: 'proxy' }).redemption.walletKind).toBe('proxy');
    expect(() => loadConfig({ POLYMIX_REDEEM_WALLET: 'magic' })).toThrow(
      /POLYMIX_REDEEM_WALLET: expected off, eoa, proxy, safe or deposit/,
    );
    expect(() => loadConfig({ POLYMIX_REDEEM_STUCK_MINUTES: '2' })).toThrow(/POLYMIX_REDEEM_STUCK_MINUTES/);
    expect(() => loadConfig({ POLYGON_RPC_URL: 'http://polygon.example.org' })).toThrow(/POLYGON_RPC_URL/);
  });

  it('parses every variable, dollar amounts exactly into micros', () => {
    const config = loadConfig({
      LIVE_TRADING: 'true',
      LIVE_TRADING_INITIAL_BALANCE: '2500.75',
      LIVE_TRADING_BET_AMOUNT: '0.1',
      LIVE_TRADING_MIN_ROI: '0.015',
      LIVE_TRADING_MAX_POSITION_SIZE: '250.000001',
      LIVE_TRADING_MAX_DAILY_TRADES: '25',
      LIVE_TRADING_DAILY_LOSS_LIMIT: '0.3',
      POLYMIX_TABLE_NAME: 'polymix-prod',
      POLYMARKET_GAMMA_URL: 'http://127.0.0.1:4010/',
      POLYMARKET_CLOB_URL: 'http://localhost:4011',
      POLYMARKET_DATA_URL: 'https://data-api.polymarket.com',
      KALSHI_API_URL: 'https://external-api.demo.kalshi.co/trade-api/v2/',
      POLYMIX_LEAGUES: ' nba, NHL ,nba',
      POLYMIX_SCAN_INTERVAL_SECONDS: '30',
      POLYMIX_SECRET_ID: 'polymix/prod',
      POLYMIX_FIRST_LEG: 'polymarket',
      POLYMIX_MAX_BOOK_AGE_MS: '1500',
    });
    expect(config).toMatchObject({
      liveTrading: true,
      initialBalanceMicros: 2_500_750_000,
      betAmountMicros: 100_000, // 0.1 is exact here, unlike a binary float
      risk: {
        minRoiPpm: 15_000,
        maxPositionMicros: 250_000_001,
        maxDailyTrades: 25,
        dailyLossLimitMicros: 300_000,
        maxBookAgeMs: 1_500,
      },
      tableName: 'polymix-prod',
      urls: {
        polymarketGamma: 'http://127.0.0.1:4010',
        polymarketClob: 'http://localhost:4011',
        kalshi: 'https://external-api.demo.kalshi.co/trade-api/v2',
      },
      leagues: ['NBA', 'NHL'],
      scanIntervalSeconds: 30,
      secretId: 'polymix/prod',
      firstLeg: 'polymarket',
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['', false],
    [undefined, false],
    ['TRUE', false],
    ['True', false],
    ['1', false],
    ['yes', false],
    [' true', false],
  ])('reads LIVE_TRADING=%j as live requested = %p (only the exact string "true")', (value, expected) => {
    expect(loadConfig({ LIVE_TRADING: value }).liveTrading).toBe(expected);
  });

  it('warns when LIVE_TRADING looks meant but is not exactly "true"', () => {
    expect(loadConfig({ LIVE_TRADING: 'TRUE' }).warnings).toEqual([
      'LIVE_TRADING is "TRUE"; only exactly "true" enables live trading',
    ]);
  });

  it('warns that live trading was asked for without a secret id', () => {
    expect(loadConfig({ LIVE_TRADING: 'true' }).warnings).toEqual([
      'LIVE_TRADING is "true" but POLYMIX_SECRET_ID is not set: there are no secrets, so paper mode',
    ]);
    expect(loadConfig({ LIVE_TRADING: 'true', POLYMIX_SECRET_ID: 'polymix/prod' }).warnings).toEqual([]);
  });

  it('reads the Kalshi tier and endpoint costs (docs/venues-kalshi.md#k6-costs)', () => {
    expect(
      loadConfig({
        POLYMIX_KALSHI_TIER: 'premier',
        POLYMIX_KALSHI_ENDPOINT_COSTS: '{"GET /markets/orderbooks": 20, "DELETE /portfolio/events/orders/{id}": 2}',
      }).kalshi,
    ).toEqual({
      tier: 'premier',
      endpointCosts: { 'GET /markets/orderbooks': 20, 'DELETE /portfolio/events/orders/{id}': 2 },
    });
    expect(loadConfig({ POLYMIX_KALSHI_TIER: '', POLYMIX_KALSHI_ENDPOINT_COSTS: '' }).kalshi).toEqual({
      tier: 'basic',
      endpointCosts: {},
    });
  });

  it('adds the operator alias groups (POLYMIX_ALIASES) to the built-in ones, per league', () => {
    const builtIn = loadConfig({}).participantAliases;
    expect(builtIn).toEqual(PARTICIPANT_ALIASES);
    const aliases = loadConfig({
      POLYMIX_ALIASES:
        '{"wnba": [["Connecticut Sun", "Connecticut"]], "NCAAMB": [["Missouri State Bears", "Missouri St."]]}',
    }).participantAliases;
    expect(aliases.WNBA).toEqual([...(PARTICIPANT_ALIASES.WNBA ?? []), ['Connecticut Sun', 'Connecticut']]);
    expect(aliases.NCAAMB).toEqual([['Missouri State Bears', 'Missouri St.']]);
    expect(aliases.MLS).toEqual(PARTICIPANT_ALIASES.MLS);
    expect(participantKey('NCAAMB', 'Missouri St.', aliases)).toEqual(participantKey('NCAAMB', 'Missouri State Bears'));
    expect(participantKey('NCAAMB', 'Missouri St.')).not.toEqual(participantKey('NCAAMB', 'Missouri State Bears'));
  });

  it('reads how scans get their books (docs/engine.md#streaming): stream by default, poll on request', () => {
    expect(loadConfig({}).marketData).toBe('stream');
    expect(loadConfig({ POLYMIX_MARKET_DATA: 'poll', POLYMIX_LISTING_REFRESH_SECONDS: '300' })).toMatchObject({
      marketData: 'poll',
      listingRefreshSeconds: 300,
    });
    expect(loadConfig({ POLYMIX_MARKET_DATA: '' }).marketData).toBe('stream');
  });

  it('reads the runway alert threshold (docs/capital.md#runway): 5 by default, 0 turns it off', () => {
    expect(loadConfig({ POLYMIX_RUNWAY_ALERT_TRADES: '12' }).runwayAlertTrades).toBe(12);
    expect(loadConfig({ POLYMIX_RUNWAY_ALERT_TRADES: '0' }).runwayAlertTrades).toBe(0);
    expect(loadConfig({ POLYMIX_RUNWAY_ALERT_TRADES: '' }).runwayAlertTrades).toBe(5);
  });

  it("POLYMIX_FIRST_LEG=polymarket names the pair's Polymarket side, Polymarket US included", () => {
    expect(loadConfig({ POLYMIX_VENUES: 'kalshi,polymarket-us', POLYMIX_FIRST_LEG: 'polymarket' })).toMatchObject({
      venues: { polymarket: 'polymarket-us' },
      firstLeg: 'polymarket',
    });
  });

  it('treats an empty value as unset and uses the default', () => {
    expect(loadConfig({ LIVE_TRADING_MIN_ROI: '', POLYMIX_FIRST_LEG: '' })).toMatchObject({
      risk: { minRoiPpm: 20_000 },
      firstLeg: 'kalshi',
    });
  });

  it.each<[string, string, RegExp]>([
    [
      'LIVE_TRADING_MIN_ROI',
      '2',
      /e\.g\. 0\.02 for 2% — 1 or more is refused: here it is a fraction, so 2 would mean 200%; the original PolyMix read it in percent \(1 meant 1%: write 0\.01\), so for 2% write 0\.02; got "2"$/,
    ],
    [
      'LIVE_TRADING_MIN_ROI',
      '1',
      /so 1 would mean 100%; the original PolyMix read it in percent \(1 meant 1%: write 0\.01\)/,
    ],
    ['LIVE_TRADING_MIN_ROI', '2.5', /so 2\.5 would mean 250%; .* so for 2\.5% write 0\.025;/],
    ['LIVE_TRADING_MIN_ROI', '12.345678', /would mean 1234\.5678%; .* write 0\.12345678;/],
    ['LIVE_TRADING_MIN_ROI', '-0.01', /from 0 up to \(not including\) 1/],
    ['LIVE_TRADING_MIN_ROI', '2%', /e\.g\. 0\.02 for 2%; got "2%"/],
    ['LIVE_TRADING_MIN_ROI', '0.0000001', /decimal fraction/],
    ['LIVE_TRADING_INITIAL_BALANCE', '0', /above 0; got "0"/],
    ['LIVE_TRADING_INITIAL_BALANCE', '1e3', /dollar amount/],
    ['LIVE_TRADING_BET_AMOUNT', '$10', /dollar amount like 1000 or 12\.50/],
    ['LIVE_TRADING_BET_AMOUNT', '10.0000001', /at most 6 decimals/],
    ['LIVE_TRADING_MAX_POSITION_SIZE', '1,000', /dollar amount/],
    ['LIVE_TRADING_DAILY_LOSS_LIMIT', '-5', /0 or more; got "-5"/],
    ['LIVE_TRADING_MAX_DAILY_TRADES', '2.5', /whole number from 1 to 10000; got "2\.5"/],
    ['LIVE_TRADING_MAX_DAILY_TRADES', '0', /whole number from 1 to 10000; got "0"/],
    ['LIVE_TRADING_MAX_DAILY_TRADES', '10001', /whole number/],
    ['POLYMIX_TABLE_NAME', 'ab', /DynamoDB table name/],
    ['POLYMARKET_CLOB_URL', 'http://clob.polymarket.com', /https URL \(http only to localhost\)/],
    ['POLYMARKET_GAMMA_URL', 'not a url', /https URL/],
    ['KALSHI_API_URL', 'https://api.example.com/v2?x=1', /https URL/],
    [
      'POLYMIX_LEAGUES',
      'NBA,XFL',
      /comma list of NBA, NFL, NHL, MLB, WNBA, .*DOTA2 \(any case\), or all — unknown league "XFL"; got "NBA,XFL"/,
    ],
    ['POLYMIX_LEAGUES', 'NBA,,NFL', /an empty league name/],
    ['POLYMIX_LEAGUES', 'all,NBA', /"all" cannot be combined/],
    ['POLYMIX_SCAN_INTERVAL_SECONDS', '0', /from 1 to 3600/],
    [
      'POLYMIX_FIRST_LEG',
      'Kalshi',
      /kalshi or polymarket \(polymarket = the Polymarket side of the pair.*\); got "Kalshi"/,
    ],
    [
      'POLYMIX_FIRST_LEG',
      'polymarket-us',
      /polymarket = the Polymarket side of the pair: Polymarket or Polymarket US.*; got "polymarket-us"/,
    ],
    ['POLYMIX_MARKET_DATA', 'websocket', /expected stream or poll \(stream: .*\); got "websocket"/],
    ['POLYMIX_MARKET_DATA', 'Stream', /stream or poll/],
    ['POLYMIX_LISTING_REFRESH_SECONDS', '5', /from 10 to 3600; got "5"/],
    ['POLYMIX_MAX_BOOK_AGE_MS', '3s', /milliseconds/],
    ['POLYMIX_RUNWAY_ALERT_TRADES', '-1', /whole number of trades from 0 to 10000; got "-1"/],
    ['POLYMIX_RUNWAY_ALERT_TRADES', '2.5', /whole number of trades/],
    ['POLYMIX_RUNWAY_ALERT_TRADES', '10001', /whole number of trades/],
    ['POLYMIX_KALSHI_TIER', 'Basic', /expected one of basic, advanced, premier, paragon, prime; got "Basic"/],
    ['POLYMIX_KALSHI_TIER', 'gold', /one of basic, advanced, premier, paragon, prime/],
    ['POLYMIX_KALSHI_ENDPOINT_COSTS', '{"GET /markets": 2', /JSON object .* — not JSON/],
    ['POLYMIX_KALSHI_ENDPOINT_COSTS', '{"GET /markets": 2.5}', /whole token cost/],
    ['POLYMIX_KALSHI_ENDPOINT_COSTS', '{"GET /markets": -1}', /whole token cost/],
    ['POLYMIX_KALSHI_ENDPOINT_COSTS', '{"markets": 20}', /"METHOD \/path"/],
    ['POLYMIX_KALSHI_ENDPOINT_COSTS', '[20]', /JSON object/],
    ['POLYMIX_ALIASES', '{"WNBA": [["A", "B"]]', /JSON object of league to alias groups.* — not JSON/],
    ['POLYMIX_ALIASES', '[["A", "B"]]', /— not a JSON object/],
    ['POLYMIX_ALIASES', '{"NBAA": [["A", "B"]]}', /— unknown league "NBAA"/],
    ['POLYMIX_ALIASES', '{"nba": [["Los Angeles L", "Lakers"]]}', /— NBA is matched through its team table/],
    ['POLYMIX_ALIASES', '{"WNBA": [["Los Angeles"]]}', /— WNBA: a list of 1 to 500 groups, each of 2 to 10 names/],
    ['POLYMIX_ALIASES', '{"WNBA": [["Los Angeles", "  "]]}', /— WNBA: a list of/],
    ['POLYMIX_ALIASES', '{"WNBA": []}', /— WNBA: a list of/],
    ['POLYMIX_ALIASES', '{"wnba": [["A", "B"]], "WNBA": [["C", "D"]]}', /— WNBA is given twice/],
  ])('refuses %s=%j saying what was expected and what was got', (variable, value, message) => {
    const error = configError({ [variable]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`- ${variable}: expected `));
    expect(error.message).toMatch(message);
  });

  it('lists EVERY bad variable at once, not just the first', () => {
    const error = configError({
      LIVE_TRADING_MIN_ROI: '2',
      LIVE_TRADING_MAX_DAILY_TRADES: 'ten',
      POLYMIX_FIRST_LEG: 'both',
      KALSHI_API_URL: 'ftp://x',
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'KALSHI_API_URL',
      'LIVE_TRADING_MAX_DAILY_TRADES',
      'LIVE_TRADING_MIN_ROI',
      'POLYMIX_FIRST_LEG',
    ]);
    expect(error.message).toMatch(/^Invalid configuration \(4 problems\):\n- /);
  });

  it('refuses a bet amount above the position cap, alongside any other problem', () => {
    const error = configError({
      LIVE_TRADING_BET_AMOUNT: '150',
      LIVE_TRADING_MAX_POSITION_SIZE: '100',
      POLYMIX_FIRST_LEG: 'x',
    });
    expect(error.problems).toContainEqual({
      variable: 'LIVE_TRADING_BET_AMOUNT',
      expected: 'at most LIVE_TRADING_MAX_POSITION_SIZE ($100.00)',
      got: '$150.00',
    });
    expect(error.problems).toHaveLength(2);
  });

  it.each<[string, string]>([
    ['POLYMIX_SECRET_ID', 'arn with spaces'],
    ['LIVE_TRADING_BET_AMOUNT', '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'],
    ['LIVE_TRADING_MIN_ROI', '-----BEGIN PRIVATE KEY-----\nMIIEvQ...'],
    ['KALSHI_API_URL', 'https://user:hunter2@api.example.com'],
    ['POLYMARKET_CLOB_URL', 'http://c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQc2VjcmV0LXNlY3JldC1zZWNyZXQ'],
  ])('hides the value of %s when the name or the value looks secret', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.problems[0]?.got).toBe('(hidden)');
    expect(error.message).not.toContain(value);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('POLYMIX_LEAGUES', () => {
  it('defaults to the four major leagues', () => {
    expect(loadConfig({}).leagues).toEqual(['NBA', 'NFL', 'NHL', 'MLB']);
  });

  it('accepts every catalogued league in any case, and all', () => {
    expect(loadConfig({ POLYMIX_LEAGUES: 'wnba, NcaaMB,atp,UFC,cs2,dota2' }).leagues).toEqual([
      'WNBA',
      'NCAAMB',
      'ATP',
      'UFC',
      'CS2',
      'DOTA2',
    ]);
    expect(loadConfig({ POLYMIX_LEAGUES: 'All' }).leagues).toEqual([...LEAGUE_IDS]);
  });
});
