import { createOutput } from '../../../local/runner/output';

const AT = Date.UTC(2026, 10, 25, 22, 5, 9);

function capture(collapseRepeats = false) {
  const lines: string[] = [];
  const out = createOutput({ now: () => AT, write: (t) => lines.push(t), collapseRepeats });
  return { out, lines };
}

describe('createOutput', () => {
  it('stamps every line with the simulated time', () => {
    const { out, lines } = capture();
    out.logger.info('Processing 17 games for arbitrage opportunities...');
    expect(lines).toEqual(['[2026-11-25 22:05:09Z] Processing 17 games for arbitrage opportunities...']);
  });

  it('with collapseRepeats prints a run of identical engine lines once, then how often it repeated', () => {
    const { out, lines } = capture(true);
    for (let i = 0; i < 4; i++) out.logger.info('Processing 17 games for arbitrage opportunities...');
    out.line('  ↳ placing buy 10.00 × Kalshi X YES @ $0.5000 FOK');
    out.logger.info('Processing 17 games for arbitrage opportunities...');
    expect(lines.map((l) => l.slice(23))).toEqual([
      'Processing 17 games for arbitrage opportunities...',
      '  (the line "Processing 17 games for arbitrage opportunities..." repeated 3 more times)',
      '  ↳ placing buy 10.00 × Kalshi X YES @ $0.5000 FOK',
      'Processing 17 games for arbitrage opportunities...',
    ]);
  });

  it('prints a new-arb notification as its figures only (the engine logs the headline) and others in full', async () => {
    const { out, lines } = capture();
    await out.notifier.notify({
      subject: '📄 PAPER 💰 New Arb: Heat vs Knicks',
      severity: 'info',
      text: '📄 PAPER 💰 New Arb: Heat vs Knicks\nMode: PAPER\nSport: NBA\nProfit: $0.20\nTime: 2026-11-25T23:01:00.000Z',
    });
    await out.notifier.notify({
      subject: '📄 PAPER ✅ Settled: Heat vs Knicks',
      severity: 'info',
      text: '📄 PAPER ✅ Settled: Heat vs Knicks\nP&L: +$0.20',
    });
    expect(lines.map((l) => l.slice(23))).toEqual([
      '    Sport: NBA · Profit: $0.20',
      '📄 PAPER ✅ Settled: Heat vs Knicks',
      '    P&L: +$0.20',
    ]);
  });
});
