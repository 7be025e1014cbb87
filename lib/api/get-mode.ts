/** `GET /trading/mode` — which mode this deployment trades in, why, and the rule policy in force. */
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
    rule_policy: {
      tail: deps.rules.policy.tail,
      allow_unverified: deps.rules.policy.allowUnverified,
      ...money('max_tail_loss', deps.rules.maxTailLossMicros),
      note: deps.rules.note,
    },
  };
}
