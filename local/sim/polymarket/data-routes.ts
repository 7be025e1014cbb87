/**
 * Data API (data-api.polymarket.com) subset: `GET /positions?user=<funder>` (public, no auth;
 * docs/venues-polymarket.md#p1, shape per the ts-sdk data bindings, unverified in detail). Served on the CLOB
 * port: no CLOB path collides with it. Sizes are JSON numbers there, as on the venue.
 * Positions vanish at resolution because the simulator redeems them automatically.
 */
import { tokenPriceMicros } from './clob-views';
import type { Route } from './http-kit';
import type { PolymarketSimState } from './state';
import { decimalNumber } from './wire-numbers';

export function dataRoutes(state: PolymarketSimState): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/positions',
      handler: ({ query }) => {
        const user = query.get('user')?.toLowerCase();
        if (!user) return { status: 400, body: { error: 'user is required' } };
        const market = query.get('market');
        const rows = [];
        for (const account of state.accounts.all()) {
          if (account.funder.toLowerCase() !== user) continue;
          for (const [tokenId, centi] of account.positions) {
            const m = state.marketOfToken(tokenId);
            if (!m || (market !== null && market !== m.spec.conditionId)) continue;
            const index = m.spec.outcomes.findIndex((o) => o.tokenId === tokenId);
            const opposite = m.spec.outcomes[index === 0 ? 1 : 0];
            rows.push({
              proxyWallet: account.funder,
              asset: tokenId,
              conditionId: m.spec.conditionId,
              size: decimalNumber(centi, 2),
              curPrice: decimalNumber(tokenPriceMicros(state, m, tokenId), 6),
              redeemable: m.resolution !== null,
              title: m.spec.question,
              slug: m.spec.eventSlug,
              eventSlug: m.spec.eventSlug,
              outcome: m.spec.outcomes[index]?.name ?? '',
              outcomeIndex: index,
              oppositeOutcome: opposite.name,
              oppositeAsset: opposite.tokenId,
              negativeRisk: m.spec.negRisk,
            });
          }
        }
        return { status: 200, body: rows };
      },
    },
  ];
}
