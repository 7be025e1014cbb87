import { type CliArgs, DEFAULT_URL, parseCliArgs, UsageError } from '../../../local/cli/args';

function parsed(argv: string[], env: Record<string, string | undefined> = {}): CliArgs {
  const a = parseCliArgs(argv, env);
  if (a === 'help') throw new Error('unexpected help');
  return a;
}

describe('parseCliArgs', () => {
  it('talks to the local server by default, without a key', () => {
    expect(parsed(['state'])).toMatchObject({
      command: 'state',
      url: DEFAULT_URL,
      apiKey: null,
      json: false,
      limit: null,
    });
  });

  it("accepts the stack's ApiUrl output as it is, ending in /trading, without doubling it", () => {
    expect(parsed(['halt', '--url', 'https://abc.execute-api.us-east-1.amazonaws.com/prod/trading'])).toMatchObject({
      url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod',
    });
    expect(
      parsed(['state'], { POLYMIX_API_URL: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/trading/' }),
    ).toMatchObject({ url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod' });
  });

  it('takes the deployed API URL and key from the environment, flags winning over it', () => {
    const env = {
      POLYMIX_API_URL: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/',
      POLYMIX_API_KEY: 'env-key',
    };
    expect(parsed(['metrics'], env)).toMatchObject({
      url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod',
      apiKey: 'env-key',
    });
    expect(parsed(['metrics', '--url', 'http://127.0.0.1:9999', '--api-key=flag-key', '--json'], env)).toMatchObject({
      url: 'http://127.0.0.1:9999',
      apiKey: 'flag-key',
      json: true,
    });
  });

  it('reads command options: halt reason, reset key (flag or POLYMIX_RESET_KEY), list limits', () => {
    expect(parsed(['halt', '--reason', 'venue outage']).reason).toBe('venue outage');
    expect(parsed(['reset', '--key', 'k'.repeat(32)]).resetKey).toBe('k'.repeat(32));
    expect(parsed(['reset'], { POLYMIX_RESET_KEY: 'from-env' }).resetKey).toBe('from-env');
    expect(parsed(['errors', '--limit', '5']).limit).toBe(5);
  });

  it('reads settle-by-hand: the bet id, leg payouts in order as typed, the note, the reset key (either flag or env)', () => {
    const argv = ['settle-by-hand', 'b-1f', '--leg-payout', '12.34', '--leg-payout=0', '--note', 'ops: checked'];
    expect(parsed([...argv, '--reset-key', 'k1'])).toMatchObject({
      command: 'settle-by-hand',
      betId: 'b-1f',
      legPayouts: ['12.34', '0'],
      note: 'ops: checked',
      resetKey: 'k1',
    });
    expect(parsed([...argv, '--key', 'k2']).resetKey).toBe('k2');
    expect(parsed(argv, { POLYMIX_RESET_KEY: 'k3' }).resetKey).toBe('k3');
    expect(parsed(['reset', '--reset-key', 'k4']).resetKey).toBe('k4');
    expect(parsed(['state'])).toMatchObject({ betId: null, legPayouts: [], note: null });
  });

  it('shows help for no arguments and --help', () => {
    expect(parseCliArgs([], {})).toBe('help');
    expect(parseCliArgs(['state', '--help'], {})).toBe('help');
  });

  it.each([
    [['stat'], 'unknown command "stat"'],
    [['--json', 'state'], 'the command comes first'],
    [['state', '--jsn'], 'unknown option --jsn'],
    [['state', '--url'], '--url needs a value'],
    [['state', '--url', 'localhost:5001'], '--url must be an http(s) URL, e.g. http://localhost:5001'],
    [['state', '--url', 'http//x'], '--url is not a URL'],
    [['state', '--url', 'ftp://x'], 'must be an http(s) URL'],
    [['state', '--url', 'https://user:pw@host/prod'], 'must not hold credentials'],
    [['state', '--limit', '0'], '--limit must be a whole number from 1 to 100'],
    [['metrics', '--limit', '5'], '--limit does not apply to metrics'],
    [['state', '--reason', 'x'], '--reason does not apply to state'],
    [['reset'], 'reset needs the reset key'],
    [['halt', 'now'], 'unexpected argument "now"'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseCliArgs(argv, {})).toThrow(UsageError);
    expect(() => parseCliArgs(argv, {})).toThrow(message);
  });
});
