import { loadConfig } from '../../../lib/config/env';
import { decideMode, modeBanner, rulePolicyFor } from '../../../lib/config/mode';
import type { Secrets } from '../../../lib/config/secrets';
import { parseSecrets } from '../../../lib/config/secrets';
import { DEFAULT_VENUE_PAIR } from '../../../lib/config/venue-pair';
import { validSecrets } from './fixtures';

describe('decideMode', () => {
  let valid: Secrets;
  beforeAll(() => {
    ({ valid } = validSecrets());
  });

  it('goes live only with LIVE_TRADING=true AND complete, valid secrets', () => {
    expect(decideMode({ liveTrading: true, venues: DEFAULT_VENUE_PAIR }, parseSecrets(valid))).toEqual({
      mode: 'live',
      reason: 'LIVE_TRADING is "true" and the secrets are complete',
    });
  });

  it('stays in paper when live trading was not asked for, even with valid secrets', () => {
    expect(decideMode({ liveTrading: false, venues: DEFAULT_VENUE_PAIR }, parseSecrets(valid))).toEqual({
      mode: 'paper',
      reason: 'LIVE_TRADING is not "true"',
    });
  });

  it('falls back to paper, saying why, when secrets are missing', () => {
    expect(decideMode({ liveTrading: true, venues: DEFAULT_VENUE_PAIR }, null, 'POLYMIX_SECRET_ID is not set')).toEqual(
      {
        mode: 'paper',
        reason: 'LIVE_TRADING is "true" but no secrets: POLYMIX_SECRET_ID is not set',
      },
    );
  });

  it('re-checks secrets it is handed, so a hand-built incomplete object cannot go live', () => {
    const incomplete = { ...valid, kalshiKeyId: '' };
    const decision = decideMode({ liveTrading: true, venues: DEFAULT_VENUE_PAIR }, incomplete);
    expect(decision.mode).toBe('paper');
    expect(decision.reason).toMatch(/kalshiKeyId: missing/);
    const wrongKey = { ...valid, polymarketPrivateKey: `${valid.polymarketPrivateKey}00` };
    const second = decideMode({ liveTrading: true, venues: DEFAULT_VENUE_PAIR }, wrongKey);
    expect(second.mode).toBe('paper');
    expect(second.reason).not.toContain(valid.polymarketPrivateKey);
  });

  it('goes live end to end only from the environment string "true"', () => {
    for (const value of ['true', 'TRUE', '1', undefined]) {
      const { mode } = decideMode(loadConfig({ LIVE_TRADING: value }), parseSecrets(valid));
      expect(mode).toBe(value === 'true' ? 'live' : 'paper');
    }
  });
});

describe('modeBanner', () => {
  it('prints the original PolyMix banners', () => {
    expect(modeBanner('live')).toBe('⚠️  LIVE TRADING ENABLED');
    expect(modeBanner('paper')).toBe('📄 Paper Trading Mode');
  });
});

describe('rulePolicyFor (docs/adr/0004-tail-risk-policy.md)', () => {
  it('accepts the bounded tail in paper and refuses it in live by default', () => {
    const config = loadConfig({});
    expect(rulePolicyFor(config, 'paper').policy).toEqual({ tail: 'accept-bounded', allowUnverified: true });
    const live = rulePolicyFor(config, 'live');
    expect(live.policy).toEqual({ tail: 'refuse', allowUnverified: false });
    expect(live.note).toMatch(/no pair is tradeable/);
  });
  it('lets the operator opt in (or out) explicitly, with a tail-loss cap defaulting to the position cap', () => {
    const config = loadConfig({
      POLYMIX_RULE_TAIL: 'accept-bounded',
      POLYMIX_ALLOW_UNVERIFIED_RULES: 'false',
      POLYMIX_MAX_TAIL_LOSS: '25',
    });
    expect(rulePolicyFor(config, 'live')).toMatchObject({
      policy: { tail: 'accept-bounded', allowUnverified: false },
      maxTailLossMicros: 25_000_000,
    });
    expect(rulePolicyFor(loadConfig({ POLYMIX_RULE_TAIL: 'refuse' }), 'paper').policy.tail).toBe('refuse');
    expect(loadConfig({ LIVE_TRADING_MAX_POSITION_SIZE: '40' }).maxTailLossMicros).toBe(40_000_000);
  });
  it('rejects unknown policy words with the variable named', () => {
    expect(() => loadConfig({ POLYMIX_RULE_TAIL: 'yolo', POLYMIX_ALLOW_UNVERIFIED_RULES: 'yes' })).toThrow(
      /POLYMIX_RULE_TAIL: expected refuse or accept-bounded[\s\S]*POLYMIX_ALLOW_UNVERIFIED_RULES: expected true or false/,
    );
  });
});
