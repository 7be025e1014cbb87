/**
 * Polymarket US account reads (docs/venues-polymarket-us.md#u-portfolio): buying power and
 * positions, both signed calls on the API host.
 */
import type { Balance } from '../../engine/ports';
import { ENDPOINTS, PATHS, PORTFOLIO_PAGE_LIMIT } from './constants';
import { badResponse } from './errors';
import type { PolymarketUsRest } from './rest';
import { balancesResponse, netPositionCenti, positionsResponse, type WirePosition } from './schemas';
import { PMUS, type PolymarketUsPosition } from './types';

export class PolymarketUsPortfolio {
  constructor(private readonly rest: PolymarketUsRest) {}

  /**
   * `buyingPower` of the USD balance: "unencumbered capital available for trading, factoring in
   * all security valuations and open orders". Finer than a micro-dollar is floored.
   */
  async getBalance(): Promise<Balance> {
    const { data } = await this.rest.call({
      method: 'GET',
      path: PATHS.balances,
      endpoint: ENDPOINTS.balances,
      schema: balancesResponse,
      idempotent: true,
    });
    const usd = (data.balances ?? []).filter((b) => b.currency === 'USD');
    if (usd.length !== 1) throw badResponse(ENDPOINTS.balances, `${usd.length} USD balances`);
    return { availableMicros: Math.max(0, (usd[0] as { buyingPower: number }).buyingPower) };
  }

  /**
   * Net position per market: positive is long (YES) contracts, negative short (NO), reported on
   * the matching side (sign convention: docs/venues-polymarket-us.md#u-portfolio). Expired
   * positions (settled markets) are left out.
   */
  async getPositions(): Promise<PolymarketUsPosition[]> {
    const endpoint = ENDPOINTS.positions;
    const rows = await this.rest.pageByCursor(endpoint, async (cursor) => {
      const { data } = await this.rest.call({
        method: 'GET',
        path: PATHS.positions,
        query: { limit: PORTFOLIO_PAGE_LIMIT, cursor },
        endpoint,
        schema: positionsResponse,
        idempotent: true,
      });
      return {
        items: Object.entries(data.positions ?? {}),
        next: data.nextCursor ?? undefined,
        eof: data.eof ?? !data.nextCursor,
      };
    });
    const out: PolymarketUsPosition[] = [];
    for (const [marketSlug, p] of rows) {
      if (p.expired === true) continue;
      const net = netOf(p, marketSlug);
      if (net === 0) continue;
      out.push({
        instrument: { venue: PMUS, marketSlug, side: net > 0 ? 'long' : 'short' },
        sizeCenti: Math.abs(net),
      });
    }
    return out;
  }
}

/** `netPositionDecimal`, else the whole-contract `netPosition` (deprecated), in centishares. */
function netOf(p: WirePosition, marketSlug: string): number {
  const parsed = netPositionCenti.safeParse(p.netPositionDecimal ?? p.netPosition ?? undefined);
  if (!parsed.success) throw badResponse(ENDPOINTS.positions, `position in ${marketSlug} has no readable net quantity`);
  return parsed.data;
}
