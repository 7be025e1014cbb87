import { BadResponse } from '../../../../lib/engine/ports';
import {
  gameStartsByEvent,
  sizeStepOf,
  suffixOf,
  tickOf,
  toGameMarket,
  toKalshiGame,
  toResolution,
} from '../../../../lib/venues/kalshi/parse-markets';
import { event as eventSchema, market as marketSchema, seriesResponse } from '../../../../lib/venues/kalshi/schemas';
import { BOS, EVENT, event, LAL, market, milestone, series } from '../../../support/venues/kalshi-fixtures';

const E = 'GET /markets';
const m = (over: Record<string, unknown> = {}) => marketSchema.parse(market(over));
const yesKey = `kalshi:${LAL}:yes`;
const noKey = `kalshi:${LAL}:no`;

describe('Kalshi tick size', () => {
  it('is one cent for linear_cent', () => {
    expect(tickOf(m(), E)).toBe(10_000);
  });

  it('is the coarsest nesting step of price_ranges for tapered structures', () => {
    const tapered = m({
      price_level_structure: 'tapered_deci_cent',
      price_ranges: [
        { start: '0.0000', end: '0.1000', step: '0.0010' },
        { start: '0.1000', end: '0.9000', step: '0.0100' },
        { start: '0.9000', end: '1.0000', step: '0.0010' },
      ],
    });
    expect(tickOf(tapered, E)).toBe(10_000);
    expect(
      tickOf(m({ price_level_structure: 'deci_cent', price_ranges: [{ start: '0', end: '1', step: '0.001' }] }), E),
    ).toBe(1_000);
  });

  it('refuses steps that do not nest, or a structure without ranges', () => {
    const odd = m({
      price_level_structure: 'x',
      price_ranges: [
        { start: '0', end: '0.5', step: '0.03' },
        { start: '0.5', end: '1', step: '0.02' },
      ],
    });
    expect(() => tickOf(odd, E)).toThrow(BadResponse);
    expect(() => tickOf(m({ price_level_structure: 'deci_cent', price_ranges: [] }), E)).toThrow(BadResponse);
  });
});

describe('Kalshi game mapping', () => {
  const fee = seriesResponse.parse(series()).series;
  const seriesFee = { feeType: fee.fee_type, feeMultiplierPpm: fee.fee_multiplier };

  it('maps an event with one market per team to a KalshiGame', () => {
    const game = toKalshiGame(eventSchema.parse(event()), 'NBA', 'KXNBAGAME', seriesFee, 1_766_881_800_000, E);
    expect(game).toEqual({
      venue: 'kalshi',
      league: 'NBA',
      seriesTicker: 'KXNBAGAME',
      eventTicker: EVENT,
      title: 'Los Angeles L at Boston',
      markets: [
        {
          ticker: LAL,
          suffix: 'LAL',
          yesSubTitle: 'Los Angeles L',
          tickMicros: 10_000,
          sizeStepCenti: 100,
          tradable: true,
          listedYesAskMicros: 440_000,
          listedNoAskMicros: 580_000,
        },
        {
          ticker: BOS,
          suffix: 'BOS',
          yesSubTitle: 'Boston',
          tickMicros: 10_000,
          sizeStepCenti: 100,
          tradable: true,
          listedYesAskMicros: 580_000,
          listedNoAskMicros: 440_000,
        },
      ],
      gameStartMs: 1_766_881_800_000,
      expectedExpirationMs: Date.parse('2025-12-28T05:00:00Z'),
      feeType: 'quadratic_with_maker_fees',
      feeMultiplierPpm: 1_000_000,
    });
  });

  it('lets the event fee override win over the series fee', () => {
    const ev = eventSchema.parse(event({ fee_type_override: 'quadratic', fee_multiplier_override: 0.5 }));
    const game = toKalshiGame(ev, 'NBA', 'KXNBAGAME', seriesFee, null, E);
    expect([game.feeType, game.feeMultiplierPpm]).toEqual(['quadratic', 500_000]);
  });

  it('marks only active markets tradable and hides listed asks of 0 or 1', () => {
    const ev = eventSchema.parse(
      event({ markets: [market({ status: 'closed', yes_ask_dollars: '1.0000', no_ask_dollars: '0.0000' })] }),
    );
    const [only] = toKalshiGame(ev, 'NBA', 'KXNBAGAME', seriesFee, null, E).markets;
    expect(only).toMatchObject({ tradable: false, listedYesAskMicros: null, listedNoAskMicros: null });
  });

  it('takes the ticker suffix after the last dash', () => {
    expect(suffixOf('KXNHLGAME-26OCT03CHIBUF-TIE')).toBe('TIE');
  });

  it('reads game starts from game milestones and skips malformed or unrelated ones', () => {
    const starts = gameStartsByEvent([
      milestone(),
      milestone({ type: 'political_race', primary_event_tickers: ['OTHER'], start_date: '2025-01-01T00:00:00Z' }),
      milestone({ primary_event_tickers: ['BROKEN'], start_date: 'soon' }),
      'not an object',
    ]);
    expect([...starts]).toEqual([[EVENT, Date.parse('2025-12-28T00:30:00Z')]]);
  });

  it('refuses fee multipliers that are not exact to a millionth; reads unknown fee types as unknown', () => {
    expect(seriesResponse.safeParse(series({ fee_multiplier: 0.1234567 })).success).toBe(false);
    expect(seriesResponse.safeParse(series({ fee_multiplier: -1 })).success).toBe(false);
    expect(seriesResponse.parse(series({ fee_type: 'cubic' })).series.fee_type).toBe('unknown');
    expect(seriesResponse.safeParse(series({ fee_multiplier: '1' })).success).toBe(false);
  });

  it('reads "" and null optional amounts as none, never as zero', () => {
    const parsed = marketSchema.parse(
      market({ settlement_value_dollars: '', yes_ask_dollars: null, no_ask_dollars: '' }),
    );
    expect([parsed.settlement_value_dollars, parsed.yes_ask_dollars, parsed.no_ask_dollars]).toEqual([
      null,
      null,
      null,
    ]);
    expect(marketSchema.safeParse(market({ settlement_value_dollars: 'n/a' })).success).toBe(false);
  });

  it('reads unknown market statuses as unknown (not tradable), and refuses malformed times', () => {
    expect(marketSchema.parse(market({ status: 'open' })).status).toBe('unknown');
    expect(toGameMarket(marketSchema.parse(market({ status: 'open' })), E).tradable).toBe(false);
    expect(marketSchema.safeParse(market({ expected_expiration_time: 'tomorrow' })).success).toBe(false);
    const { yes_sub_title: _gone, ...missing } = market();
    expect(marketSchema.safeParse(missing).success).toBe(false);
  });
});

describe('Kalshi resolution', () => {
  it.each(['initialized', 'inactive', 'active', 'closed', 'determined', 'amended'])(
    'is unresolved while %s',
    (status) => {
      expect(toResolution(m({ status, result: status === 'determined' ? 'yes' : '' }), E)).toEqual({
        state: 'unresolved',
      });
    },
  );

  it('reports disputes', () => {
    expect(toResolution(m({ status: 'disputed', result: 'yes' }), E).state).toBe('disputed');
  });

  it('pays the winning side a dollar and the other nothing', () => {
    expect(toResolution(m({ status: 'finalized', result: 'yes', settlement_value_dollars: '1.0000' }), E)).toEqual({
      state: 'final',
      kind: 'won',
      payoutMicros: { [yesKey]: 1_000_000, [noKey]: 0 },
    });
    expect(toResolution(m({ status: 'finalized', result: 'no' }), E)).toEqual({
      state: 'final',
      kind: 'won',
      payoutMicros: { [yesKey]: 0, [noKey]: 1_000_000 },
    });
  });

  it('pays the settlement value on scalar and void results', () => {
    expect(toResolution(m({ status: 'finalized', result: 'scalar', settlement_value_dollars: '0.5000' }), E)).toEqual({
      state: 'final',
      kind: 'split',
      payoutMicros: { [yesKey]: 500_000, [noKey]: 500_000 },
    });
    expect(
      toResolution(m({ status: 'finalized', result: 'void', settlement_value_dollars: '0.4200' }), E),
    ).toMatchObject({
      kind: 'void',
      payoutMicros: { [yesKey]: 420_000, [noKey]: 580_000 },
    });
  });

  it('refuses finalized markets whose result and value disagree or are missing', () => {
    expect(() =>
      toResolution(m({ status: 'finalized', result: 'yes', settlement_value_dollars: '0.0000' }), E),
    ).toThrow(BadResponse);
    expect(() => toResolution(m({ status: 'finalized', result: 'scalar' }), E)).toThrow(BadResponse);
    expect(() => toResolution(m({ status: 'finalized', result: '' }), E)).toThrow(BadResponse);
    expect(() => toResolution(m({ status: 'finalized', result: 'maybe' }), E)).toThrow(BadResponse);
  });
});

describe('Kalshi order size step per market (docs/venues-kalshi.md#k1-fractional)', () => {
  it('is 1 centishare where fractional trading is on, 100 where off, the configured step where absent', () => {
    expect(sizeStepOf({ fractional_trading_enabled: true }, 100)).toBe(1);
    expect(sizeStepOf({ fractional_trading_enabled: false }, 1)).toBe(100);
    expect(sizeStepOf({ fractional_trading_enabled: null }, 100)).toBe(100);
    expect(toGameMarket(marketSchema.parse(market({ fractional_trading_enabled: true })), E).sizeStepCenti).toBe(1);
  });
});
