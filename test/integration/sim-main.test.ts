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

  it('reads --venues: Kalshi with Polymarket, Polymarket US or both, in one order', () => {
    expect(parseArgs(['--venues', 'kalshi,polymarket-us'])).toEqual({
      seed: 1,
      speed: 1,
      venues: ['kalshi', 'polymarket-us'],
    });
    expect(parseArgs(['--venues', 'polymarket-us, kalshi,polymarket']).venues).toEqual([
      'kalshi',
      'polymarket',
      'polymarket-us',
    ]);
    expect(
      parseArgs([
        '--venues',
        'kalshi,polymarket-us',
        '--port-polymarket-us',
        '9004',
        '--port-polymarket-us-gateway',
        '9005',
      ]),
    ).toMatchObject({ portPolymarketUs: 9004, portPolymarketUsGateway: 9005 });
  });

  it('refuses a bad --venues with what is wrong, and ports of a simulator that does not run', () => {
    expect(() => parseArgs(['--venues', 'kalshi,polymarket-eu'])).toThrow(
      /--venues kalshi,polymarket-eu: unknown venue "polymarket-eu" \(known: kalshi, polymarket, polymarket-us\)[\s\S]*usage/,
    );
    expect(() => parseArgs(['--venues', 'polymarket-us'])).toThrow(/need kalshi/);
    expect(() => parseArgs(['--venues', 'kalshi'])).toThrow(/name a Polymarket beside kalshi/);
    expect(() => parseArgs(['--venues', 'kalshi,kalshi,polymarket'])).toThrow(/kalshi named twice/);
    expect(() => parseArgs(['--venues', ','])).toThrow(/no venue named/);
    expect(() => parseArgs(['--venues', 'kalshi,polymarket-us', '--port-gamma', '9003'])).toThrow(
      /--port-gamma is for the polymarket simulator, which --venues kalshi,polymarket-us does not start/,
    );
    expect(() => parseArgs(['--port-polymarket-us', '9004'])).toThrow(
      /--port-polymarket-us is for the polymarket-us simulator/,
    );
  });
});
