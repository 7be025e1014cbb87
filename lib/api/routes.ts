/**
 * The trading API's routes (docs/api.md), shared by the Lambda handler (functions/api) and the
 * local server. Paths are matched after the optional `/api` prefix is stripped.
 */
import type { ApiDeps } from './deps';
import { getErrors } from './get-errors';
import { getMetrics } from './get-metrics';
import { getMode } from './get-mode';
import { getPositions } from './get-positions';
import { getPreflight } from './get-preflight';
import { getStateRoute } from './get-state';
import { postHalt } from './post-halt';
import { postPreflight } from './post-preflight';
import { postReset } from './post-reset';
import { postResume } from './post-resume';
import { postSettle } from './post-settle';
import { Router, type RouterOptions } from './router';

export function createTradingRouter(deps: ApiDeps, options: RouterOptions): Router {
  return new Router(options)
    .add('GET', '/trading/state', (req) => getStateRoute(deps, req))
    .add('GET', '/trading/mode', (req) => getMode(deps, req))
    .add('GET', '/trading/metrics', (req) => getMetrics(deps, req))
    .add('GET', '/trading/errors', (req) => getErrors(deps, req))
    .add('GET', '/trading/positions', (req) => getPositions(deps, req))
    .add('GET', '/trading/preflight', (req) => getPreflight(deps, req))
    .add('POST', '/trading/preflight', (req) => postPreflight(deps, req))
    .add('POST', '/trading/halt', (req) => postHalt(deps, req))
    .add('POST', '/trading/resume', (req) => postResume(deps, req))
    .add('POST', '/trading/reset', (req) => postReset(deps, req))
    .add('POST', '/trading/bets/{id}/settle', (req, params) => postSettle(deps, req, params));
}
