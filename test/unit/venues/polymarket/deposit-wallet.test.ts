/**
 * Deposit wallets, signature type 3 / POLY_1271 (docs/venues-polymarket.md#p4-deposit-wallet-signing):
 * our signed orders equal the official SDK's byte for byte (the SDK is the oracle), and the
 * simulator's verifier recovers the wallet's owner from the ERC-7739 wrapped signature and refuses
 * anything else with the venue's errors.
 */
import { Wallet as WalletV5 } from '@ethersproject/wallet';
import { OrderBuilder, type OrderType, orderToJsonV2, Side } from '@polymarket/clob-client-v2';
import { Wallet } from 'ethers';
import {
  buildOrder,
  exchangeFor,
  type OrderParams,
  orderBody,
  type SignedOrder,
  signOrder,
} from '../../../../lib/venues/polymarket/order-signing';
import { ERR } from '../../../../local/sim/polymarket/constants';
import { checkOrderSignature, signedOrderSchema } from '../../../../local/sim/polymarket/order-signature';

/** Public Anvil keys (never real funds). */
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const OTHER_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const owner = new Wallet(KEY);
const ownerV5 = new WalletV5(KEY);
/** A deposit wallet address (any contract address will do: nothing here is on chain). */
const DEPOSIT_WALLET = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563';

function params(over: Partial<OrderParams> = {}): OrderParams {
  return {
    clientOrderId: 'bet-7:leg-p:0',
    tokenId: TOKEN,
    side: 'BUY',
    priceMicros: 570_000,
    sizeCenti: 1_000,
    tickMicros: 10_000,
    signerAddress: owner.address,
    funderAddress: DEPOSIT_WALLET,
    signatureType: 3,
    timestampMs: 1_764_000_000_123,
    ...over,
  };
}

async function sdkOrder(p: OrderParams, negRisk: boolean, version: 2 | 3, salt: bigint) {
  // Stub the SDK clock and salt (docs/venues-polymarket.md#p7): salt = round(random × now), timestamp = now.
  jest.spyOn(Date, 'now').mockReturnValue(p.timestampMs);
  jest.spyOn(Math, 'random').mockReturnValue(Number(salt) / p.timestampMs);
  try {
    const builder = new OrderBuilder(ownerV5, 137, 3, DEPOSIT_WALLET);
    return await builder.buildOrder(
      {
        tokenID: p.tokenId,
        price: p.priceMicros / 1e6,
        size: p.sizeCenti / 100,
        side: p.side === 'BUY' ? Side.BUY : Side.SELL,
      },
      { tickSize: '0.01', negRisk },
      version,
    );
  } finally {
    jest.restoreAllMocks();
  }
}

/** Our signed order as the simulator reads it from a POST body. */
function wire(order: SignedOrder) {
  return signedOrderSchema.parse((JSON.parse(orderBody(order, 'key', 'FOK')) as { order: unknown }).order);
}

describe('type-3 orders equal the SDK (oracle)', () => {
  const cases = [
    { side: 'BUY' as const, negRisk: false, version: 2 as const },
    { side: 'SELL' as const, negRisk: false, version: 2 as const },
    { side: 'BUY' as const, negRisk: true, version: 2 as const },
    { side: 'BUY' as const, negRisk: false, version: 3 as const },
    { side: 'SELL' as const, negRisk: true, version: 3 as const },
  ];

  it.each(cases)('%o: every field, the wrapped signature and the POST body', async (c) => {
    const p = params({ side: c.side, clientOrderId: `dw-${c.side}-${c.negRisk}-${c.version}` });
    const ours = buildOrder(p);
    const exchange = exchangeFor({ negRisk: c.negRisk, protocolVersion: c.version === 3 ? 'v2' : 'v1' });
    const signed = await signOrder(owner, ours, exchange);
    const sdk = await sdkOrder(p, c.negRisk, c.version, BigInt(ours.salt));
    expect({ ...signed }).toEqual({ ...sdk });
    // maker = signer = the deposit wallet; the owner EOA appears nowhere in the order.
    expect(signed.maker).toBe(DEPOSIT_WALLET);
    expect(signed.signer).toBe(DEPOSIT_WALLET);
    expect(signed.signatureType).toBe(3);
    expect(orderBody(signed, 'api-key', 'FOK')).toBe(
      JSON.stringify(orderToJsonV2(sdk as Parameters<typeof orderToJsonV2>[0], 'api-key', 'FOK' as OrderType)),
    );
  });
});

describe('the simulator verifies type-3 signatures', () => {
  const exchangeV2 = exchangeFor({ negRisk: false, protocolVersion: 'v1' });

  it('recovers the owner EOA from the wrapped signature, on both V2 exchanges', async () => {
    for (const negRisk of [false, true]) {
      const signed = await signOrder(owner, buildOrder(params()), exchangeFor({ negRisk, protocolVersion: 'v1' }));
      expect(checkOrderSignature(wire(signed), negRisk)).toEqual({ ok: true, signedBy: owner.address });
    }
  });

  it('reports another signer as the one it proves (the order check then refuses it)', async () => {
    const signed = await signOrder(new Wallet(OTHER_KEY), buildOrder(params()), exchangeV2);
    const check = checkOrderSignature(wire(signed), false);
    expect(check).toEqual({ ok: true, signedBy: new Wallet(OTHER_KEY).address });
  });

  it('refuses a tampered order, a tampered suffix, the wrong exchange and a plain EIP-712 signature', async () => {
    const signed = wire(await signOrder(owner, buildOrder(params()), exchangeV2));
    const invalid = { ok: false, error: ERR.invalidSignature };
    expect(checkOrderSignature({ ...signed, makerAmount: String(BigInt(signed.makerAmount) + 1n) }, false)).toEqual(
      invalid,
    );
    // A different wallet in the order: the wrapper named the original one.
    expect(checkOrderSignature({ ...signed, signer: owner.address, maker: owner.address }, false)).toEqual(invalid);
    // Cut the type-length suffix.
    expect(checkOrderSignature({ ...signed, signature: signed.signature.slice(0, -4) }, false)).toEqual(invalid);
    // Flip one byte of the contents hash.
    const at = 2 + 2 * (65 + 32);
    const flipped = `${signed.signature.slice(0, at)}${signed.signature[at] === '0' ? '1' : '0'}${signed.signature.slice(at + 1)}`;
    expect(checkOrderSignature({ ...signed, signature: flipped }, false)).toEqual(invalid);
    // Signed for the neg-risk exchange, sent to a plain market.
    expect(checkOrderSignature(signed, true)).toEqual(invalid);
    // Only the 65-byte inner signature: not a deposit-wallet signature.
    expect(checkOrderSignature({ ...signed, signature: signed.signature.slice(0, 2 + 130) }, false)).toEqual(invalid);
  });

  it('answers order_version_mismatch for a wrapper signed under ExchangeV3 (domain "3")', async () => {
    const v3 = await signOrder(owner, buildOrder(params()), exchangeFor({ negRisk: false, protocolVersion: 'v2' }));
    expect(checkOrderSignature(wire(v3), false)).toEqual({ ok: false, error: ERR.versionMismatch });
  });
});
