/**
 * Live or paper: the mode decision, the resolution-rule policy each mode runs with, and the
 * startup line.
 */
import type { TradingMode } from '../core/mode';
import type { Micros } from '../core/money';
import { displayUsd } from '../core/money';
import type { RulePolicy } from '../core/rules';
import type { Config } from './env';
import type { Secrets } from './secrets';
import { parseSecrets } from './secrets';

// ---- live or paper (live needs LIVE_TRADING=true and valid secrets) ------------------------

/**
 * Live only when LIVE_TRADING is exactly "true" AND the secrets are complete and valid for the
 * configured venue pair (re-checked here, whoever built them: Kalshi's keys and those of the
 * pair's Polymarket); anything else is paper, with the reason to log.
 */
export function decideMode(
  config: Pick<Config, 'liveTrading' | 'venues'>,
  secrets: Secrets | null,
  whyNoSecrets?: string,
): { mode: TradingMode; reason: string } {
  if (!config.liveTrading) return { mode: 'paper', reason: 'LIVE_TRADING is not "true"' };
  if (secrets === null) {
    return { mode: 'paper', reason: `LIVE_TRADING is "true" but no secrets: ${whyNoSecrets ?? 'none were loaded'}` };
  }
  try {
    parseSecrets({ ...secrets }, config.venues);
  } catch (e) {
    return {
      mode: 'paper',
      reason: `LIVE_TRADING is "true" but ${e instanceof Error ? e.message : 'secrets are invalid'}`,
    };
  }
  return { mode: 'live', reason: 'LIVE_TRADING is "true" and the secrets are complete' };
}

/**
 * The resolution-rule policy in force for a mode (docs/adr/0004-tail-risk-policy.md).
 * Paper defaults to accepting the bounded postponement/cancellation tail (so paper shows what
 * the strategy would do); live refuses it until the operator opts in explicitly, because under
 * the strict rule no Polymarket-vs-Kalshi pair is tradeable at all (docs/rules.md).
 */
export function rulePolicyFor(
  config: Pick<Config, 'ruleTail' | 'allowUnverifiedRules' | 'maxTailLossMicros'>,
  mode: TradingMode,
): { policy: RulePolicy; maxTailLossMicros: Micros; note: string } {
  const tail = config.ruleTail ?? (mode === 'paper' ? 'accept-bounded' : 'refuse');
  const allowUnverified = config.allowUnverifiedRules ?? mode === 'paper';
  const note =
    tail === 'refuse'
      ? 'Rule policy: refuse tail risk — a postponed or cancelled game can settle differently on the two venues, so no pair is tradeable (set POLYMIX_RULE_TAIL=accept-bounded to trade; docs/rules.md)'
      : `Rule policy: accept bounded tail risk (postponed/cancelled games) up to ${displayUsd(config.maxTailLossMicros)} per trade${allowUnverified ? ', unverified rules allowed' : ''}`;
  return { policy: { tail, allowUnverified }, maxTailLossMicros: config.maxTailLossMicros, note };
}

/** The startup line, as the original PolyMix prints it. */
export function modeBanner(mode: TradingMode): string {
  return mode === 'live' ? '⚠️  LIVE TRADING ENABLED' : '📄 Paper Trading Mode';
}
