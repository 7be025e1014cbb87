/**
 * Data API (data-api.polymarket.com) subset, public, no auth (docs/venues-polymarket.md#p6-positions-v2). Served
 * on the CLOB port: no CLOB path collides with it. Sizes are JSON numbers, as on the venue.
 * With `redemption: 'auto'` positions vanish at resolution (paid at once); with `onchain` they stay,
 * `redeemable`, until redeemed through the chain emulation (./chain.ts).
 *
 * - `GET /v2/positions`: `{data, pagination:{limit, offset, has_more, next_cursor}}` with
 *   snake_case rows (official ts-sdk `bindings/src/data/v2.ts`, `data/portfolio.ts`). Strict as the
 *   docs say the venue is: `user` or `condition` is required on EVERY page, a cursor included (a
 *   bare cursor is 400); `next_cursor` is null exactly when `has_more` is false. Every key of the SDK's
 *   row is sent (test/fixtures/polymarket/README-resolution.md); what the simulator does not track
 *   (cost basis, PnL, profile) is 0 or `""`, and `last_event_at` is 0, the SDK's "no native economics".
 * - `GET /positions` (v1, superseded): a bare array, camelCase, `sizeThreshold` defaulting to 1
 *   share (docs OpenAPI `get-positions.json`), so positions under one share are hidden unless the
 *   caller asks for `sizeThreshold=0`.
 */
import { z } from 'zod';
import { tokenPriceMicros } from './clob-views';
import type { Route } from './http-kit';
import type { SimMarket } from './records';
import type { PolymarketSimState } from './state';
import { decimalNumber } from './wire-numbers';

interface Held {
  readonly funder: string;
  readonly tokenId: string;
  readonly centi: number;
  readonly market: SimMarket;
}

/** Every position the simulator holds, optionally for one user and some condition ids. */
function held(state: PolymarketSimState, user: string | null, conditions: ReadonlySet<string> | null): Held[] {
  const rows: Held[] = [];
  for (const account of state.accounts.all()) {
    if (user !== null && account.funder.toLowerCase() !== user) continue;
    for (const [tokenId, centi] of account.positions) {
      const market = state.marketOfToken(tokenId);
      if (!market || (conditions !== null && !conditions.has(market.spec.conditionId.toLowerCase()))) continue;
      rows.push({ funder: account.funder, tokenId, centi, market });
    }
  }
  return rows;
}

/** The v2 cursor: opaque to clients, here base64url JSON of where the walk stands. */
const cursorSchema = z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) });
const encodeCursor = (c: z.infer<typeof cursorSchema>) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(text: string): z.infer<typeof cursorSchema> | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const V2_DEFAULT_LIMIT = 100;
const V2_MAX_LIMIT = 500;
/** The docs cap `condition` at 20 ids (docs/venues-polymarket.md#p6-positions-v2). */
const V2_MAX_CONDITIONS = 20;

function v2Row(state: PolymarketSimState, h: Held) {
  const spec = h.market.spec;
  const index = spec.outcomes.findIndex((o) => o.tokenId === h.tokenId);
  const opposite = spec.outcomes[index === 0 ? 1 : 0];
  const priceMicros = tokenPriceMicros(state, h.market, h.tokenId);
  const redeemable = h.market.resolution !== null;
  return {
    proxy_wallet: h.funder,
    token_id: h.tokenId,
    condition_id: spec.conditionId,
    current_size: decimalNumber(h.centi, 2),
    current_price: decimalNumber(priceMicros, 6),
    current_value: decimalNumber(Math.floor((h.centi * priceMicros) / 100), 6),
    // Cost basis and PnL are not tracked: zeros of the venue's types.
    avg_price: 0,
    entry_cost_usdc: 0,
    entry_fees_usdc: 0,
    total_cost_usdc: 0,
    total_size: 0,
    realized_pnl: 0,
    unrealized_pnl: 0,
    total_pnl: 0,
    percent_pnl: 0,
    percent_realized_pnl: 0,
    status: redeemable ? 'REDEEMABLE' : 'OPEN',
    redeemable,
    mergeable: false,
    negative_risk: spec.negRisk,
    archived: false,
    title: spec.question,
    slug: spec.eventSlug,
    icon: '',
    event_id: h.market.eventId,
    event_slug: spec.eventSlug,
    outcome: spec.outcomes[index]?.name ?? '',
    outcome_index: index,
    opposite_outcome: opposite.name,
    opposite_token_id: opposite.tokenId,
    end_date: new Date(spec.gameStartMs).toISOString().slice(0, 10),
    last_event_at: 0,
    name: '',
    profile_image: '',
    verified: false,
  };
}

export function dataRoutes(state: PolymarketSimState): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/v2/positions',
      handler: ({ query }) => {
        const user = query.get('user')?.toLowerCase() || null;
        const conditionText = query.get('condition') ?? query.get('condition_id') ?? query.get('conditionId');
        const conditions = conditionText ? new Set(conditionText.split(',').map((c) => c.trim().toLowerCase())) : null;
        if (user === null && conditions === null) {
          return { status: 400, body: { error: 'user or condition is required' } };
        }
        if (conditions !== null && conditions.size > V2_MAX_CONDITIONS) {
          return { status: 400, body: { error: `condition accepts at most ${V2_MAX_CONDITIONS} ids` } };
        }
        const status = query.get('status') ?? 'OPEN';
        if (!['OPEN', 'REDEEMABLE', 'CLOSED', 'REDEEMABLE_LOST', 'MERGEABLE'].includes(status)) {
          return { status: 400, body: { error: `invalid status ${status}` } };
        }
        const cursorText = query.get('cursor');
        let start: { offset: number; limit: number };
        if (cursorText !== null) {
          const cursor = decodeCursor(cursorText);
          if (!cursor) return { status: 400, body: { error: 'invalid cursor' } };
          start = cursor; // the cursor's size wins over `limit`
        } else {
          const limitText = query.get('limit');
          const limit = limitText === null ? V2_DEFAULT_LIMIT : Number(limitText);
          if (!Number.isInteger(limit) || limit < 1 || limit > V2_MAX_LIMIT) {
            return { status: 400, body: { error: 'invalid limit' } };
          }
          start = { offset: 0, limit };
        }
        // OPEN (the default) also returns settled-but-unredeemed rows; the simulator redeems at
        // resolution, so it has no CLOSED or lost rows to show.
        const rows = held(state, user, conditions)
          .filter((h) => h.centi > 0)
          .map((h) => v2Row(state, h))
          .filter((r) => status === 'OPEN' || r.status === status);
        const page = rows.slice(start.offset, start.offset + start.limit);
        const hasMore = start.offset + start.limit < rows.length;
        return {
          status: 200,
          body: {
            data: page,
            pagination: {
              limit: start.limit,
              offset: start.offset,
              has_more: hasMore,
              next_cursor: hasMore ? encodeCursor({ offset: start.offset + start.limit, limit: start.limit }) : null,
            },
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/positions',
      handler: ({ query }) => {
        const user = query.get('user')?.toLowerCase();
        if (!user) return { status: 400, body: { error: 'user is required' } };
        const market = query.get('market');
        const thresholdText = query.get('sizeThreshold');
        // v1 hides positions under `sizeThreshold` shares, default 1 (docs OpenAPI get-positions.json).
        const thresholdCenti = thresholdText === null ? 100 : Math.round(Number(thresholdText) * 100);
        if (!Number.isFinite(thresholdCenti) || thresholdCenti < 0) {
          return { status: 400, body: { error: 'invalid sizeThreshold' } };
        }
        const conditions = market ? new Set(market.split(',').map((c) => c.trim().toLowerCase())) : null;
        const rows = held(state, user, conditions)
          .filter((h) => h.centi > 0 && h.centi >= thresholdCenti)
          .map((h) => {
            const spec = h.market.spec;
            const index = spec.outcomes.findIndex((o) => o.tokenId === h.tokenId);
            const opposite = spec.outcomes[index === 0 ? 1 : 0];
            return {
              proxyWallet: h.funder,
              asset: h.tokenId,
              conditionId: spec.conditionId,
              size: decimalNumber(h.centi, 2),
              curPrice: decimalNumber(tokenPriceMicros(state, h.market, h.tokenId), 6),
              redeemable: h.market.resolution !== null,
              title: spec.question,
              slug: spec.eventSlug,
              eventSlug: spec.eventSlug,
              outcome: spec.outcomes[index]?.name ?? '',
              outcomeIndex: index,
              oppositeOutcome: opposite.name,
              oppositeAsset: opposite.tokenId,
              negativeRisk: spec.negRisk,
            };
          });
        return { status: 200, body: rows };
      },
    },
  ];
}
