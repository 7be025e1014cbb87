/**
 * `POST /trading/preflight` — run preflight now (docs/api.md#post-tradingpreflight). Only a
 * container that trades LIVE holds the live venue clients with the operator's keys, so only it
 * runs the engine's `preflight` (docs/engine.md#preflight), with its own venues, leagues, clock,
 * logger, notifier and store; the run is recorded like any other (runner `api`) and the live
 * gate reads it. A paper container refuses with CONFLICT and runs nothing.
 */
import { z } from 'zod';
import { preflightVenueHints } from '../config';
import { preflight } from '../engine';
import type { ApiDeps } from './deps';
import { ApiError } from './errors';
import { preflightGateView, preflightRunView } from './get-preflight';
import { type ApiRequest, parseBody } from './request';

const bodySchema = z.strictObject({ order_test: z.boolean().optional() });

export const PREFLIGHT_NEEDS_LIVE =
  'Preflight needs the live venue clients, and this deployment runs paper: run `npx polymix preflight --secret-id <id>` or invoke the preflight function (docs/deploy.md#before-going-live-preflight)';

export async function postPreflight(deps: ApiDeps, req: ApiRequest) {
  const body = parseBody(req, bodySchema);
  const { engine } = deps;
  if (engine.mode !== 'live') throw new ApiError('CONFLICT', PREFLIGHT_NEEDS_LIVE);
  const run = await preflight(
    {
      venues: engine.venues,
      leagues: engine.config.leagues,
      clock: engine.clock,
      logger: engine.logger,
      notifier: engine.notifier,
      store: deps.store,
    },
    {
      runner: 'api',
      orderTest: body.order_test === true,
      // The venue in the pair's polymarket slot: a live container holds the real client.
      hints: preflightVenueHints({
        kalshi: 'kalshi',
        polymarket: engine.venues.polymarket.name === 'polymarket-us' ? 'polymarket-us' : 'polymarket',
      }),
    },
  );
  return { run: preflightRunView(run), gate: preflightGateView(deps, run) };
}
