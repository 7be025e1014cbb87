/**
 * Polymarket account reads: pUSD balance (CLOB, L2-signed) and positions (Data API). Both need
 * credentials; the client checks for them before calling here.
 */
import type { z } from 'zod';
import { BadResponse, type Balance, type Position } from '../../engine/ports';
import { followCursor } from '../paging';
import { PATHS, POSITIONS_MAX_PAGES, POSITIONS_PAGE } from './constants';
import { mapOrBad, ParseFailure, scaledFrom } from './parse';
import type { PolymarketRest } from './rest';
import { balanceAllowance, dataPositionsV2Page } from './schemas';
import type { ClobSession } from './session';

const BALANCE = `GET ${PATHS.balanceAllowance}`;
const POSITIONS = `GET ${PATHS.positionsV2}`;

export class PolymarketPortfolio {
  constructor(
    private readonly rest: PolymarketRest,
    private readonly session: ClobSession,
  ) {}

  /** pUSD from `GET /balance-allowance` (base units = micros: docs/venues-polymarket.md#p4, #p5). */
  async getBalance(): Promise<Balance> {
    const { session } = this;
    const res = await session.request({
      method: 'GET',
      path: PATHS.balanceAllowance,
      query: { asset_type: 'COLLATERAL', signature_type: session.signatureType },
      schema: balanceAllowance,
      idempotent: true,
    });
    return mapOrBad(BALANCE, () => {
      const micros = Number(res.data.balance);
      if (!Number.isSafeInteger(micros)) throw new ParseFailure(`balance ${res.data.balance} out of range`);
      return { availableMicros: micros };
    });
  }

  /**
   * Data API `GET /v2/positions?user=<funder>` (docs/venues-polymarket.md#p6-positions-v2), every page: the
   * first with `limit`, the next ones with `cursor=<next_cursor>` AND `user` again (a bare cursor is
   * refused). v1 `/positions` is not used: it hides positions under one share by default. Paging is
   * bounded; a repeated cursor or more pages than the cap is a BadResponse, never a silent cut.
   */
  async getPositions(): Promise<Position[]> {
    const user = this.session.funderAddress;
    const rows = await followCursor({ maxPages: POSITIONS_MAX_PAGES, fail: bad }, async (cursor) => {
      const res = await this.page(cursor === undefined ? { user, limit: POSITIONS_PAGE } : { user, cursor });
      return { items: mapOrBad(POSITIONS, () => res.data.map(positionOf)), cursor: res.pagination.next_cursor };
    });
    return rows.filter((p) => p.sizeCenti > 0);
  }

  private async page(query: Readonly<Record<string, string | number>>): Promise<PositionsPage> {
    const res = await this.rest.data.request({
      method: 'GET',
      path: PATHS.positionsV2,
      query,
      schema: dataPositionsV2Page,
      idempotent: true,
    });
    return res.data;
  }
}

type PositionsPage = z.infer<typeof dataPositionsV2Page>;

function bad(why: string): BadResponse {
  return new BadResponse(`polymarket ${POSITIONS}: ${why}`, { venue: 'polymarket', endpoint: POSITIONS });
}

function positionOf(row: { token_id: string; condition_id: string; current_size: number | string }): Position {
  return {
    instrument: { venue: 'polymarket', conditionId: row.condition_id, tokenId: row.token_id },
    // JSON numbers are read through a fixed 6-decimal form (on-chain precision), then floored.
    sizeCenti: scaledFrom(
      typeof row.current_size === 'number' ? row.current_size.toFixed(6) : row.current_size,
      2,
      'floor',
    ),
  };
}
