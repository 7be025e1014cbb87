import { parseStartOptions, type StartOptions, UsageError } from '../../../local/runner/options';

function parsed(argv: string[], env: Record<string, string> = {}): StartOptions {
  const o = parseStartOptions(argv, env);
  if (o === 'help') throw new Error('unexpected help');
  return o;
}

describe('parseStartOptions', () => {
  it('takes POLYMIX_API_KEY as the default --api-key, the flag winning', () => {
    expect(parsed([], { POLYMIX_API_KEY: 'env-key-12345' }).apiKey).toBe('env-key-12345');
    expect(parsed(['--api-key', 'flag-key-123'], { POLYMIX_API_KEY: 'env-key-12345' }).apiKey).toBe('flag-key-123');
    expect(() => parsed([], { POLYMIX_API_KEY: 'short' })).toThrow('POLYMIX_API_KEY must be 8 to 256 characters');
  });

  it('refuses to serve beyond loopback without an API key', () => {
    expect(() => parsed(['--host', '0.0.0.0'])).toThrow(
      /--host 0\.0\.0\.0 serves the API beyond this machine: give --api-key/,
    );
    expect(parsed(['--host', '0.0.0.0', '--api-key', 'lan-key-123'])).toMatchObject({
      host: '0.0.0.0',
      apiKey: 'lan-key-123',
    });
    expect(parsed(['--host', 'localhost']).host).toBe('localhost');
  });

  it('defaults to the simulators, real-time speed, port 5001 on loopback, memory store', () => {
    expect(parsed([])).toEqual({
      once: false,
      seed: 1,
      speed: 1,
      port: 5001,
      host: '127.0.0.1',
      source: 'sim',
      dataDir: null,
      startMs: null,
      slatePath: null,
      legFailureRate: 0,
      summaryEverySec: 30,
      apiKey: null,
      leagues: null,
    });
  });

  it('reads --leagues: catalogued leagues in any case, or all', () => {
    expect(parsed(['--leagues', 'nba,Wnba,NCAAMB']).leagues).toEqual(['NBA', 'WNBA', 'NCAAMB']);
    expect(parsed(['--leagues=all']).leagues).toHaveLength(19);
    expect(() => parseStartOptions(['--leagues', 'NBA,XFL'])).toThrow(
      /--leagues must be a comma list of NBA, NFL, .*, or all: unknown league "XFL"/,
    );
    expect(() => parseStartOptions(['--leagues', 'all,NBA'])).toThrow(/"all" cannot be combined/);
  });

  it('reads every flag, in both --flag value and --flag=value spelling', () => {
    const o = parsed([
      '--once',
      '--seed=7',
      '--start',
      '2026-11-25T22:00:00Z',
      '--port',
      '0',
      '--data-dir=/tmp/x',
      '--leg-failure-rate',
      '0.25',
      '--api-key',
      'local-key-123',
    ]);
    expect(o).toMatchObject({
      once: true,
      seed: 7,
      startMs: Date.UTC(2026, 10, 25, 22),
      port: 0,
      dataDir: '/tmp/x',
      legFailureRate: 0.25,
      apiKey: 'local-key-123',
    });
    expect(parsed(['--speed', '60', '--summary-every', '5']).speed).toBe(60);
  });

  it('answers --help with help, not a run', () => {
    expect(parseStartOptions(['--seed', '3', '--help'])).toBe('help');
  });

  it.each([
    [['--sped', '60'], 'unknown option --sped'],
    [['--seed'], '--seed needs a value'],
    [['--seed', '--once'], '--seed needs a value'],
    [['--seed', '1.5'], '--seed must be a whole number'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['--speed', '0'], '--speed must be above 0'],
    [['--speed', 'fast'], '--speed must be a number'],
    [['--source', 'kalshi'], '--source must be sim or live'],
    [['--start', '2026-11-25'], '--start must be an ISO date-time with a zone'],
    [['--leg-failure-rate', '1.5'], '--leg-failure-rate must be from 0 to 1'],
    [['--once', '--once'], '--once is given twice'],
    [['extra'], 'unexpected argument "extra"'],
    [['--once', '--speed', '10'], '--speed does not apply'],
    [['--source', 'live', '--once'], 'only apply to the simulators'],
    [['--source', 'live', '--speed', '5'], 'only apply to the simulators'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseStartOptions(argv)).toThrow(UsageError);
    expect(() => parseStartOptions(argv)).toThrow(message);
  });
});
