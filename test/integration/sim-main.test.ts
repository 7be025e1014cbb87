import { parseArgs } from '../../local/sim/main';

describe('npm run sim arguments', () => {
  it('reads seed, speed and ports', () => {
    expect(
      parseArgs([
        '--seed',
        '7',
        '--speed',
        '60',
        '--port-kalshi',
        '9001',
        '--port-polymarket',
        '9002',
        '--port-gamma',
        '9003',
      ]),
    ).toEqual({
      seed: 7,
      speed: 60,
      portKalshi: 9001,
      portPolymarket: 9002,
      portGamma: 9003,
    });
    expect(parseArgs([])).toEqual({ seed: 1, speed: 1 });
  });

  it('refuses what it does not understand, with the usage line', () => {
    expect(() => parseArgs(['--speed', '0'])).toThrow(/--speed must be a number ≥ 0.001/);
    expect(() => parseArgs(['--seed', '1.5'])).toThrow(/--seed must be an integer/);
    expect(() => parseArgs(['--port-kalshi'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--colour', 'red'])).toThrow(/unknown option --colour[\s\S]*usage: npm run sim/);
  });
});
