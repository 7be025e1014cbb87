/**
 * Kalshi portfolio reads (docs/venues-kalshi.md#k4): balance in cents, signed positions, settlements.
 * All need credentials; without them they throw AuthError before sending anything.
 */
import { centsToMicros, type Micros } from '../../core/money';
import type { Balance, Position } from '../../engine/ports';
import { PATHS, PORTFOLIO_PAGE_LIMIT } from './constants';
import type { KalshiRest } from './rest';
import { balanceResponse, positionsResponse, settlementsResponse } from './schemas';

/** A settled market of ours (`GET /portfolio/settlements`), in exact units. */
export interface KalshiSettlement {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly result: 'yes' | 'no' | 'scalar' | 'void';
  readonly yesCenti: number;
  readonly noCenti: number;
  readonly revenueMicros: Micros;
  readonly feeMicros: Micros;
  readonly settledAtMs: number;
}

export class KalshiPortfolio {
  constructor(private readonly rest: KalshiRest) {}

  async getBalance(): Promise<Balance> {
    this.rest.requireAuth(`GET ${PATHS.balance}`);
    const { data } = await this.rest.request({
      method: 'GET',
      path: PATHS.balance,
      schema: balanceResponse,
      idempotent: true,
    });
    return { availableMicros: centsToMicros(data.balance) };
  }

  /** `position_fp` > 0 is YES, < 0 is NO (docs/venues-kalshi.md#k4). */
  async getPositions(): Promise<Position[]> {
    const endpoint = `GET ${PATHS.positions}`;
    this.rest.requireAuth(endpoint);
    const rows = await this.rest.paginate(endpoint, async (cursor) => {
      const { data } = await this.rest.request({
        method: 'GET',
        path: PATHS.positions,
        query: { count_filter: 'position', limit: PORTFOLIO_PAGE_LIMIT, cursor },
        schema: positionsResponse,
        idempotent: true,
      });
      return { items: data.market_positions, cursor: data.cursor };
    });
    return rows
      .filter((r) => r.position_fp !== 0)
      .map((r) => ({
        instrument: { venue: 'kalshi', ticker: r.ticker, side: r.position_fp > 0 ? 'yes' : 'no' },
        sizeCenti: Math.abs(r.position_fp),
      }));
  }

  async listSettlements(): Promise<KalshiSettlement[]> {
    const endpoint = `GET ${PATHS.settlements}`;
    this.rest.requireAuth(endpoint);
    const rows = await this.rest.paginate(endpoint, async (cursor) => {
      const { data } = await this.rest.request({
        method: 'GET',
        path: PATHS.settlements,
        query: { limit: PORTFOLIO_PAGE_LIMIT, cursor },
        schema: settlementsResponse,
        idempotent: true,
      });
      return { items: data.settlements, cursor: data.cursor };
    });
    return rows.map((s) => ({
      ticker: s.ticker,
      eventTicker: s.event_ticker,
      result: s.market_result,
      yesCenti: s.yes_count_fp,
      noCenti: s.no_count_fp,
      revenueMicros: centsToMicros(s.revenue),
      feeMicros: s.fee_cost,
      settledAtMs: s.settled_time,
    }));
  }
}
