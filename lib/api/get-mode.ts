/**
 * `GET /trading/mode` — which mode this deployment trades in, why, the venue pair it trades
 * (POLYMIX_VENUES, docs/adr/0010-venue-pairs.md) and the rule policy in force.
 */
import { modeBanner } from '../config';
import type { ApiDeps } from './deps';
import { degradedFromLive } from './deps';
import { money } from './money-json';
import { type ApiRequest, parseQuery } from './request';

export async function getMode(deps: ApiDeps, req: ApiRequest) {
  parseQuery(req, {});
  const { mode } = deps.engine;
  return {
    mode,
    banner: modeBanner(mode),
    reason: deps.modeReason,
    live_trading_requested: deps.liveRequested,
    // Live was asked for but this container could not get valid secrets: it trades paper.
    degraded: degradedFromLive(deps),
    // The pair as POLYMIX_VENUES names it: Kalshi, then the Polymarket its slot holds.
    venues: [deps.engine.venues.kalshi.name, deps.engine.venues.polymarket.name],
    rule_policy: {
      tail: deps.rules.policy.tail,
      allow_unverified: deps.rules.policy.allowUnverified,
      ...money('max_tail_loss', deps.rules.maxTailLossMicros),
      note: deps.rules.note,
    },
  };
}
