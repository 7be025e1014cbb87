/**
 * The redeem's call data and signatures (lib/venues/polymarket/redeem-calls.ts, redeemer.ts),
 * against the facts of docs/redemption.md#r2-abi, #r2-calldata, #r5 and #r6-signing.
 */
import { hashMessage, id, recoverAddress, Transaction, toBeHex, Wallet, zeroPadValue } from 'ethers';
import type { JsonRpc } from '../../../../lib/venues/polymarket/json-rpc';
import {
  adapterFor,
  collateralPaidTo,
  conditionOfRedeemCall,
  packSafeSignature,
  REDEEM_CONTRACTS,
  redeemCallData,
  safeTxDigest,
  TRANSFER_TOPIC,
  unpackSafeSignature,
} from '../../../../lib/venues/polymarket/redeem-calls';
import { EoaRedeemer } from '../../../../lib/venues/polymarket/redeemer';

const CONDITION = `0x${'11'.repeat(32)}`;
/** Public Anvil development key #0 (never funded anywhere real). */
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('redeem call data (docs/redemption.md#r2-calldata)', () => {
  it('is redeemPositions(pUSD, 0x0, condition, [1, 2]): selector 0x01b7037c, 228 bytes', () => {
    const data = redeemCallData(CONDITION);
    expect(data.slice(0, 10)).toBe('0x01b7037c');
    expect(id('redeemPositions(address,bytes32,bytes32,uint256[])').slice(0, 10)).toBe('0x01b7037c');
    expect((data.length - 2) / 2).toBe(228);
    const words = data.slice(10).match(/.{64}/g)!;
    expect(words[0]).toBe(REDEEM_CONTRACTS.collateral.slice(2).toLowerCase().padStart(64, '0'));
    expect(words[1]).toBe('0'.repeat(64));
    expect(words[2]).toBe('11'.repeat(32));
    expect(words.slice(3).map((w) => BigInt(`0x${w}`))).toEqual([0x80n, 2n, 1n, 2n]);
    expect(conditionOfRedeemCall(data)).toBe(CONDITION);
  });

  it('picks the adapter by negRisk and refuses a malformed condition id', () => {
    expect(adapterFor(false)).toBe('0xAdA100Db00Ca00073811820692005400218FcE1f');
    expect(adapterFor(true)).toBe('0xadA2005600Dec949baf300f4C6120000bDB6eAab');
    expect(() => redeemCallData('0x1234')).toThrow(RangeError);
    expect(conditionOfRedeemCall('0xdeadbeef')).toBeNull();
  });
});

describe('what a redemption paid is the pUSD minted to the holder (docs/redemption.md#r5)', () => {
  const holder = '0x00000000000000000000000000000000000000aa';
  const mint = (to: string, value: bigint, token: string = REDEEM_CONTRACTS.collateral) => ({
    address: token,
    topics: [TRANSFER_TOPIC, zeroPadValue('0x00', 32), zeroPadValue(to, 32)],
    data: toBeHex(value, 32),
  });
  it('counts only pUSD transfers to the holder', () => {
    expect(collateralPaidTo(holder, [mint(holder, 25_000_000n)])).toBe(25_000_000n);
    expect(collateralPaidTo(holder, [mint('0x00000000000000000000000000000000000000bb', 5n)])).toBe(0n);
    expect(collateralPaidTo(holder, [mint(holder, 5n, REDEEM_CONTRACTS.ctf)])).toBe(0n);
    expect(collateralPaidTo(holder, [])).toBe(0n);
  });
});

describe('Safe signatures (docs/redemption.md#r6-signing)', () => {
  it('the personal-message signature of the SafeTx digest, v raised by 4, recovers the signer', async () => {
    const wallet = new Wallet(KEY);
    const digest = safeTxDigest('0x5afe00000000000000000000000000000000c0de', adapterFor(false), '0x', '7');
    const packed = packSafeSignature(await wallet.signMessage(Buffer.from(digest.slice(2), 'hex')));
    expect(['1f', '20']).toContain(packed.slice(-2));
    const signer = recoverAddress(hashMessage(Buffer.from(digest.slice(2), 'hex')), unpackSafeSignature(packed));
    expect(signer).toBe(wallet.address);
  });
});

describe('EOA redeem transactions', () => {
  /** An RPC that answers what prepare reads; nothing is sent. */
  function fakeRpc(): JsonRpc {
    return {
      chainId: async () => 137,
      ethCall: async () => `0x${'0'.repeat(63)}1`,
      estimateGas: async () => 150_000n,
      baseFeeWei: async () => 40n * 10n ** 9n,
      balanceWei: async () => 10n ** 18n,
      nonce: async () => 5,
    } as unknown as JsonRpc;
  }

  it('prepare fixes a type-2 Polygon transaction to the adapter; re-signing gives the same hash', async () => {
    const redeemer = new EoaRedeemer(KEY, { rpc: fakeRpc(), negRiskOf: async () => false });
    const target = { conditionId: CONDITION, negRisk: false };
    const prepared = await redeemer.prepare(target);
    expect(prepared).toMatchObject({
      kind: 'tx',
      nonce: 5,
      gasLimit: '180000',
      maxFeePerGas: String(2n * 40n * 10n ** 9n + 30n * 10n ** 9n),
      maxPriorityFeePerGas: String(30n * 10n ** 9n),
    });
    let raw = '';
    const sender = new EoaRedeemer(KEY, {
      rpc: { ...fakeRpc(), sendRaw: async (r: string) => ((raw = r), '0x') } as unknown as JsonRpc,
      negRiskOf: async () => false,
    });
    await sender.send(target, prepared);
    const tx = Transaction.from(raw);
    expect(tx.hash).toBe(prepared.kind === 'tx' ? prepared.txHash : '');
    expect(tx).toMatchObject({ type: 2, chainId: 137n, nonce: 5, to: adapterFor(false), value: 0n });
    expect(tx.from).toBe(new Wallet(KEY).address);
    expect(conditionOfRedeemCall(tx.data)).toBe(CONDITION);
  });

  it('refuses to send above the gas bound, and with too little POL says how much is needed', async () => {
    const target = { conditionId: CONDITION, negRisk: false };
    const pricey = new EoaRedeemer(
      KEY,
      { rpc: fakeRpc(), negRiskOf: async () => false },
      { maxFeePerGasWei: 50n * 10n ** 9n, priorityFeePerGasWei: 30n * 10n ** 9n, minBalanceWei: 0n },
    );
    await expect(pricey.prepare(target)).rejects.toMatchObject({ reason: 'gas-price', retryable: true });
    const poor = new EoaRedeemer(KEY, {
      rpc: { ...fakeRpc(), balanceWei: async () => 0n } as unknown as JsonRpc,
      negRiskOf: async () => false,
    });
    await expect(poor.prepare(target)).rejects.toMatchObject({
      reason: 'gas-balance',
      message: expect.stringMatching(/holds 0\.000000 POL; a redeem may cost up to 0\.\d+ POL/),
    });
    // Neither the key nor its hex appears when the redeemer is serialised.
    expect(JSON.stringify(poor)).not.toContain(KEY.slice(2));
  });
});
