/**
 * Everything the venue checks before an order reaches the book (docs/venues-polymarket.md#p4, #p5): ownership
 * (owner = API key, signer = key's address, maker = the account's funder), the EIP-712
 * signature, freshness of the signed timestamp, duplicates, market state, tick and minimum
 * size, and balance. Amounts come from the signed makerAmount/takerAmount (6 decimals):
 * BUY: maker = pUSD, taker = shares; SELL the reverse.
 */
import {
  type Centishares,
  divRound,
  isOnTick,
  type Micros,
  type PriceMicros,
  type Rounding,
} from '../../../lib/core/money';
import type { ApiCreds, SimAccount } from './accounts';
import { ERR } from './constants';
import { checkOrderSignature, orderHash, type PostOrderBody } from './order-signature';
import type { SimMarket } from './records';
import type { PolymarketSimState } from './state';
import { takerFeeMicros } from './taker-fee';
import { priceText, sharesText, usdText } from './wire-numbers';

export interface OrderPolicy {
  /** Oldest signed order timestamp accepted, in ms before the sim clock. */
  readonly orderMaxAgeMs: number;
  /** Furthest into the future a signed order timestamp may be. */
  readonly orderMaxFutureMs: number;
  readonly feeRounding: Rounding;
}

export interface CheckedOrder {
  readonly id: string;
  readonly market: SimMarket;
  readonly outcome: string;
  readonly side: 'BUY' | 'SELL';
  readonly sizeCenti: Centishares;
  readonly limitPriceMicros: PriceMicros;
  /** pUSD the order commits (BUY: makerAmount) in micros. */
  readonly collateralMicros: Micros;
  /**
   * FOK/FAK BUY: the pUSD it spends (makerAmount), walking the asks at or under
   * `limitPriceMicros` = maker ÷ taker (docs/venues-polymarket.md#p4-market-buy). Null otherwise:
   * a limit order buys/sells `sizeCenti` shares, a market SELL sells its shares.
   */
  readonly spendMicros: Micros | null;
}

export type CheckResult =
  | { ok: true; order: CheckedOrder }
  | {
      ok: false;
      error: string;
      /** The EIP-712 signature had been verified before the refusal (the order log: local/sim/order-audit.ts). */
      signatureVerified: boolean;
      /** The order hash, once the signature verified. */
      id: string | null;
    };

const SHARE_UNITS = 1_000_000n; // token amounts carry 6 decimals
const CENTI_UNITS = 10_000n; // base units per centishare

function reject(error: string): CheckResult {
  return { ok: false, error, signatureVerified: false, id: null };
}

export function checkOrder(
  state: PolymarketSimState,
  auth: { account: SimAccount; creds: ApiCreds },
  body: PostOrderBody,
  policy: OrderPolicy,
): CheckResult {
  const { order } = body;
  const { account, creds } = auth;
  const market = state.marketOfToken(order.tokenId);
  if (!market) return reject(ERR.invalidTokenId);
  if (body.owner !== creds.key) return reject(ERR.ownerNotKey);
  // A deposit wallet (type 3) signs as itself: signer = maker = the wallet, proven by the EOA that
  // owns it (docs/venues-polymarket.md#p4-deposit-wallet-signing). Any other order: signer = the key's EOA.
  const depositWallet = order.signatureType === 3 && account.signatureType === 3;
  const expectedSigner = depositWallet ? account.funder : account.address;
  if (order.signer.toLowerCase() !== expectedSigner.toLowerCase()) return reject(ERR.signerNotKey);
  if (order.maker.toLowerCase() !== account.funder.toLowerCase()) return reject(ERR.ownerNotKey);
  const signature = checkOrderSignature(order, market.spec.negRisk);
  if (!signature.ok) return reject(signature.error);
  // Type 3: the recovered owner must be the EOA registered as owning this wallet.
  if (signature.signedBy.toLowerCase() !== account.address.toLowerCase()) return reject(ERR.invalidSignature);
  // From here on the signature is proven: a refusal is recorded as signed.
  const signedId = orderHash(order, market.spec.negRisk);
  const refuse = (error: string): CheckResult => ({ ok: false, error, signatureVerified: true, id: signedId });

  const now = state.clock.now();
  const signedAt = Number(order.timestamp);
  if (!(signedAt >= now - policy.orderMaxAgeMs && signedAt <= now + policy.orderMaxFutureMs)) {
    return refuse(ERR.invalidTimestamp);
  }
  const id = signedId;
  if (state.seenOrders.has(id) || state.seenOrders.has(order.signature.toLowerCase()))
    return refuse(ERR.duplicated(id));
  if (!market.acceptingOrders) return refuse(ERR.marketClosed);
  if (body.postOnly && (body.orderType === 'FOK' || body.orderType === 'FAK')) return refuse(ERR.invalidPayload);
  if (body.orderType === 'GTD' && !(Number(order.expiration) * 1000 > now)) return refuse(ERR.invalidExpiration);

  const maker = BigInt(order.makerAmount);
  const taker = BigInt(order.takerAmount);
  if (maker === 0n || taker === 0n) return refuse(ERR.invalidPayload);
  const buy = order.side === 'BUY';
  // FOK/FAK ("market") orders: maker amount ≤ 2 decimals, taker amount ≤ 4 (of 6)
  // (docs/venues-polymarket.md#p4-precision).
  if ((body.orderType === 'FOK' || body.orderType === 'FAK') && (maker % 10_000n !== 0n || taker % 100n !== 0n)) {
    return refuse(ERR.marketPrecision(buy ? 'buy' : 'sell'));
  }
  const shares = buy ? taker : maker;
  const collateral = buy ? maker : taker;
  if (shares > BigInt(Number.MAX_SAFE_INTEGER) || collateral > BigInt(Number.MAX_SAFE_INTEGER)) {
    return refuse(ERR.invalidPayload);
  }
  // Finer than 0.01 share cannot trade (market-order amounts may carry it): floor it.
  const sizeCenti = Number(shares / CENTI_UNITS);
  const spec = market.spec;
  const exactPrice = (collateral * SHARE_UNITS) % shares === 0n;
  // BUY: never pay more than signed for; SELL: never receive less.
  const limitPriceMicros = divRound(collateral * SHARE_UNITS, shares, buy ? 'floor' : 'ceil');
  if (exactPrice && !isOnTick(limitPriceMicros, spec.tickMicros)) {
    return refuse(ERR.tick(priceText(limitPriceMicros), priceText(spec.tickMicros)));
  }
  if (limitPriceMicros <= 0 || limitPriceMicros >= 1_000_000) {
    return refuse(ERR.tick(priceText(limitPriceMicros), priceText(spec.tickMicros)));
  }
  const resting = body.orderType === 'GTC' || body.orderType === 'GTD';
  // docs/venues-polymarket.md#p5-minimums: FOK/FAK orders must be worth $1 (a BUY its maker
  // amount; a SELL, conservatively, the pUSD its taker amount asks for); the market's share
  // minimum binds resting orders only.
  if (!resting && collateral < 1_000_000n) {
    const amount = usdText(Number(collateral));
    return refuse(buy ? ERR.marketableBuyMin(amount) : ERR.marketableSellMin(amount));
  }
  if (sizeCenti === 0 || (resting && sizeCenti < spec.minSizeCenti)) {
    return refuse(ERR.minSize(sharesText(sizeCenti), sharesText(spec.minSizeCenti)));
  }

  const collateralMicros = Number(collateral);
  if (buy) {
    // Worst case: the whole size at the price with the highest p(1−p) the order can fill at.
    const worstFee = takerFeeMicros({
      priceMicros: Math.min(limitPriceMicros, 500_000),
      sizeCenti,
      ratePpm: spec.feeRatePpm,
      exponent: spec.feeExponent,
      rounding: policy.feeRounding,
    });
    if (account.balanceMicros < collateralMicros + worstFee) return refuse(ERR.notEnoughBalance);
    // Without a pUSD allowance the exchange cannot pull the collateral: the same refusal.
    if (!state.accounts.hasAllowance(account)) return refuse(ERR.notEnoughBalance);
  } else if (state.accounts.position(account, order.tokenId) < sizeCenti) {
    return refuse(ERR.notEnoughBalance);
  }
  const outcome = spec.outcomes.find((o) => o.tokenId === order.tokenId)?.name ?? '';
  return {
    ok: true,
    order: {
      id,
      market,
      outcome,
      side: order.side,
      sizeCenti,
      limitPriceMicros,
      collateralMicros,
      spendMicros: buy && !resting ? collateralMicros : null,
    },
  };
}
