/**
 * Polymarket account reads: pUSD balance (CLOB, L2-signed) and positions (Data API). Both need
 * credentials; the client checks for them before calling here.
 */
import type { Balance, Position } from '../../engine/ports';
import { PATHS } from './constants';
import { mapOrBad, ParseFailure, scaledFrom } from './parse';
import type { PolymarketRest } from './rest';
import { balanceAllowance, dataPositions } from './schemas';
import type { ClobSession } from './session';

const BALANCE = `GET ${PATHS.balanceAllowance}`;
const POSITIONS = `GET ${PATHS.positions}`;

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

  /** Data API `/positions?user=<funder>` (shape unverified: docs/venues-polymarket.md). */
  async getPositions(): Promise<Position[]> {
    const res = await this.rest.data.request({
      method: 'GET',
      path: PATHS.positions,
      query: { user: this.session.funderAddress },
      schema: dataPositions,
      idempotent: true,
    });
    return mapOrBad(POSITIONS, () =>
      res.data
        .map((p) => ({
          instrument: { venue: 'polymarket' as const, conditionId: p.conditionId, tokenId: p.asset },
          // JSON numbers are read through a fixed 6-decimal form (on-chain precision), then floored.
          sizeCenti: scaledFrom(typeof p.size === 'number' ? p.size.toFixed(6) : p.size, 2, 'floor'),
        }))
        .filter((p) => p.sizeCenti > 0),
    );
  }
}
