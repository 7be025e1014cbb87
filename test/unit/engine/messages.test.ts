import {
  formatRoi,
  haltMessage,
  legFailureMessage,
  lowRunwayMessage,
  newArbMessage,
  settlementMessage,
  unwindMessage,
} from '../../../lib/engine/messages';

const at = Date.UTC(2026, 10, 25, 1, 2, 3);

describe('newArbMessage', () => {
  it('announces a live arb in the original PolyMix wording', () => {
    const m = newArbMessage({
      mode: 'live',
      title: 'Lakers vs Celtics',
      league: 'NBA',
      type: 'Polymarket Lakers + Kalshi BOS NO',
      expectedProfitMicros: 1_234_567,
      roiPpm: 23_456,
      costMicros: 52_630_000,
      atMs: at,
    });
    expect(m.subject).toBe('🔴 LIVE 💰 New Arb: Lakers vs Celtics');
    expect(m.text.split('\n')).toEqual([
      '🔴 LIVE 💰 New Arb: Lakers vs Celtics',
      'Mode: LIVE',
      'Sport: NBA',
      'Type: Polymarket Lakers + Kalshi BOS NO',
      'Profit: $1.23',
      'ROI: 2.35%',
      'Cost: $52.63',
      'Time: 2026-11-25T01:02:03.000Z',
    ]);
    expect(m.severity).toBe('info');
  });
  it('tags paper trades as paper', () => {
    const m = newArbMessage({
      mode: 'paper',
      title: 'A vs B',
      league: 'NHL',
      type: 't',
      expectedProfitMicros: 0,
      roiPpm: 0,
      costMicros: 0,
      atMs: at,
    });
    expect(m.subject.startsWith('📄 PAPER')).toBe(true);
  });
});

describe('other messages', () => {
  it('escalates an incomplete unwind to critical', () => {
    expect(
      unwindMessage({ mode: 'live', title: 'A vs B', realizedLossMicros: 500_000, complete: false, atMs: at }).severity,
    ).toBe('critical');
    expect(
      unwindMessage({ mode: 'live', title: 'A vs B', realizedLossMicros: 500_000, complete: true, atMs: at }).text,
    ).toContain('Realised loss: $0.50');
  });
  it('covers leg failures, halts and settlements', () => {
    expect(
      legFailureMessage({ mode: 'live', title: 'A vs B', leg: 'polymarket', reason: 'FOK not filled', atMs: at }).text,
    ).toContain('Reason: FOK not filled');
    expect(haltMessage({ mode: 'live', reason: 'Daily loss limit reached', atMs: at }).severity).toBe('critical');
    expect(
      settlementMessage({ mode: 'paper', title: 'A vs B', pnlMicros: -10_000, outcome: 'A won', atMs: at }).text,
    ).toContain('P&L: -$0.01');
  });
  it('formats ROI from ppm', () => {
    expect(formatRoi(20_000)).toBe('2.00%');
    expect(formatRoi(-5_000)).toBe('-0.50%');
  });
});

describe('lowRunwayMessage (docs/capital.md#runway)', () => {
  const base = { cashMicros: 25_500_000, runwayTrades: 2, perTradeMicros: 10_000_000, alertBelowTrades: 5, atMs: at };

  it('live Kalshi: its cash, the runway at the per-trade cap, what to do', () => {
    expect(lowRunwayMessage({ ...base, mode: 'live', venue: 'kalshi', source: 'venue' })).toEqual({
      subject: '🔴 LIVE 🪫 Low runway: Kalshi',
      severity: 'warning',
      text: [
        '🔴 LIVE 🪫 Low runway: Kalshi',
        'Kalshi cash: $25.50',
        'Runway: 2 trades at up to $10.00 each (alert below 5)',
        'Move cash to Kalshi, or lower LIVE_TRADING_BET_AMOUNT.',
        'Time: 2026-11-25T01:02:03.000Z',
      ].join('\n'),
    });
  });

  it('live Polymarket says winnings wait for redemption; paper says both venues share the ledger', () => {
    const live = lowRunwayMessage({ ...base, mode: 'live', venue: 'polymarket', source: 'venue', runwayTrades: 1 });
    expect(live.text).toContain('Runway: 1 trade at up to $10.00 each');
    expect(live.text).toContain('PolyMix does not redeem them yet');
    const paper = lowRunwayMessage({ ...base, mode: 'paper', venue: 'polymarket', source: 'ledger' });
    expect(paper.subject).toBe('📄 PAPER 🪫 Low runway: Polymarket');
    expect(paper.text).toContain('Polymarket ledger balance: $25.50');
    expect(paper.text).toContain('Paper: both venues draw on the ledger balance.');
    expect(paper.text).not.toContain('redeem');
  });
});
