/**
 * The simulator's Polygon: just enough chain for redemption (docs/adr/0011-redemption.md).
 *
 * - A JSON-RPC endpoint (`POST /rpc`) answering what an EOA's redeem needs
 *   (docs/redemption.md#r10): chain id 137, nonces, base fee, balances in POL, `eth_call` of
 *   `payoutDenominator`, `isApprovedForAll` and pUSD `balanceOf`, `eth_estimateGas`, and
 *   `eth_sendRawTransaction`: the raw type-2 transaction is decoded with ethers
 *   `Transaction.from`, its signature recovered, chain id, nonce, target (a collateral adapter)
 *   and call data (the four-argument redeem) checked, gas bounded by the sender's POL.
 * - Polymarket's relayer (`/relayer/nonce`, `/relayer/relay-payload`, `/relayer/submit`,
 *   `/relayer/transaction`, `/relayer/transactions`, docs/redemption.md#r7) for proxy (`PROXY`),
 *   Safe (`SAFE`) and deposit (`WALLET`) wallets: the relayer API key, the wallet kind of the
 *   signing account, the wallet address (a proxy wallet: the CREATE2 address the factory derives
 *   for the owner), the target adapter, the call data, the nonce and the signature (the proxy
 *   relay hash, the Safe digest, the EIP-712 batch) are checked.
 *
 * No EVM runs: a redeem is emulated from the adapter's documented behaviour
 * (docs/redemption.md#r2-adapter-behaviour): the holder's whole balance of both outcomes is burnt
 * and the payout minted as pUSD; an unresolved condition or a missing approval reverts. Gas is a
 * fixed figure, not metered.
 */
import { randomUUID } from 'node:crypto';
import {
  getAddress,
  getBytes,
  getCreate2Address,
  hashMessage,
  Interface,
  keccak256,
  recoverAddress,
  solidityPackedKeccak256,
  Transaction,
  TypedDataEncoder,
  verifyTypedData,
} from 'ethers';
import { payoutMicros } from '../../../lib/core/money';
import type { PolymarketSimResolution } from '../control';
import type { SimAccount } from './accounts';
import type { Route } from './http-kit';
import { parseJson } from './http-kit';
import type { PolymarketSimState } from './state';

/** Polygon addresses (docs/redemption.md#r1-addresses), lower case. */
export const SIM_CHAIN = {
  chainId: 137,
  pusd: '0xc011a7e12a19f7b1f670d46f03b03f3342e82dfb',
  ctf: '0x4d97dcd97ec945f40cf65f87097ace5ea0476045',
  adapter: '0xada100db00ca00073811820692005400218fce1f',
  negRiskAdapter: '0xada2005600dec949baf300f4c6120000bdb6eaab',
  depositWalletFactory: '0x00000000000fb5c9adea0298d729a0cb3823cc07',
  /** Proxy wallets (docs/redemption.md#r6-proxy): the factory, the relay hub, the CREATE2 init code hash. */
  proxyFactory: '0xab45c5a4b0c941a2f231c04c3f49182e1a254052',
  relayHub: '0xd216153c06e857cd7f72665e0af1d7d82172f494',
  proxyInitCodeHash: '0xd21df8dc65880a8606f09fe0ce3df9b8869287ab0b058be05aa9e8af6330a00b',
  /** The relay node this simulator names in `/relay-payload` (the real one names one of its own). */
  relay: '0x5e1a700000000000000000000000000000000001',
} as const;

/** The proxy wallet the factory derives for `owner` (docs/redemption.md#r6-proxy), lower case; computed here independently. */
export function simProxyWalletOf(owner: string): string {
  return getCreate2Address(
    getAddress(SIM_CHAIN.proxyFactory),
    solidityPackedKeccak256(['address'], [getAddress(owner)]),
    SIM_CHAIN.proxyInitCodeHash,
  ).toLowerCase();
}

const PROXY_FACTORY = new Interface([
  'function proxy((uint8 typeCode, address to, uint256 value, bytes data)[] calls) payable returns (bytes[] returnValues)',
]);

/** The one plain call (type code 1, no value) of a factory `proxy(calls)` call, or a reason it is not one. */
function singleProxyCall(data: string): { target: string; data: string } | string {
  let calls: unknown[];
  try {
    calls = [...(PROXY_FACTORY.decodeFunctionData('proxy', data)[0] as unknown[])];
  } catch {
    return 'call data is not proxy((uint8,address,uint256,bytes)[])';
  }
  if (calls.length !== 1) return 'one proxy call expected';
  const [typeCode, to, value, inner] = calls[0] as [bigint, string, bigint, string];
  if (typeCode !== 1n) return 'the proxy call is not a plain call (type code 1)';
  if (value !== 0n) return 'the proxy call carries value';
  return { target: to.toLowerCase(), data: inner };
}

const REDEEM = new Interface([
  'function redeemPositions(address collateralToken, bytes32 parentCollectionId, bytes32 conditionId, uint256[] indexSets)',
]);
const READS = new Interface([
  'function payoutDenominator(bytes32) view returns (uint256)',
  'function isApprovedForAll(address,address) view returns (bool)',
  'function balanceOf(address) view returns (uint256)',
]);
const TRANSFER_TOPIC = keccak256(Buffer.from('Transfer(address,address,uint256)'));
const ZERO32 = `0x${'00'.repeat(32)}`;
/** Gas a redeem uses here: a fixed figure (no EVM), in the range of an adapter redeem. */
export const SIM_REDEEM_GAS = 150_000n;
/** Gas a reverted redeem burns here. */
const SIM_REVERT_GAS = 60_000n;
const GWEI = 1_000_000_000n;

const word = (n: bigint) => `0x${n.toString(16).padStart(64, '0')}`;
const hex = (n: bigint | number) => `0x${BigInt(n).toString(16)}`;
const pad32 = (address: string) => `0x${address.toLowerCase().slice(2).padStart(64, '0')}`;

interface SimLog {
  readonly address: string;
  readonly topics: string[];
  readonly data: string;
}

interface SimReceipt {
  readonly transactionHash: string;
  readonly status: '0x0' | '0x1';
  readonly gasUsed: string;
  readonly effectiveGasPrice: string;
  readonly logs: SimLog[];
  readonly blockNumber: string;
  readonly from: string;
  readonly to: string;
}

export interface SimRelayerTx {
  readonly transactionID: string;
  transactionHash: string;
  readonly from: string;
  readonly to: string;
  readonly proxyAddress: string;
  readonly data: string;
  readonly nonce: string;
  readonly type: string;
  state: string;
  errorMsg?: string;
  /** GETs left before the final state shows (the `relayerLagPolls` knob). */
  lagLeft: number;
  finalState: string;
  readonly createdAtMs: number;
  /** Never listed (the `relayerUnlisted` knob). */
  unlisted?: boolean;
}

/** Every redemption that ran, for tests and the soak. */
export interface SimRedemption {
  readonly holder: string;
  readonly conditionId: string;
  readonly paidMicros: number;
  readonly via: 'eoa' | 'relayer';
  readonly txHash: string;
}

class Revert extends Error {}

export class SimChain {
  /** POL per address, wei. */
  readonly polWei = new Map<string, bigint>();
  readonly nonces = new Map<string, number>();
  readonly receipts = new Map<string, SimReceipt>();
  /** Signed transactions accepted but not mined (`autoMine` false). */
  readonly mempool = new Map<string, Transaction>();
  readonly relayerTxs: SimRelayerTx[] = [];
  readonly relayerNonces = new Map<string, number>();
  /** Relayer API key → the address that owns it. */
  readonly relayerKeys = new Map<string, string>();
  readonly redemptions: SimRedemption[] = [];
  /** Resolved in the simulator but not yet reported on chain (`payoutDenominator` 0). */
  readonly unreported = new Set<string>();
  /** `holder#adapter` pairs without `setApprovalForAll`. */
  readonly unapproved = new Set<string>();
  baseFeeWei = 30n * GWEI;
  /** The least priority fee the node takes (Polygon's is UNVERIFIED: docs/redemption.md#r10). */
  minPriorityFeeWei = 25n * GWEI;
  autoMine = true;
  /** The next mined transaction (EOA or relayer) reverts with this reason, once (a test knob). */
  revertNext: string | null = null;
  /** Relayer transactions show STATE_NEW for this many GETs before their final state. */
  relayerLagPolls = 0;
  /** Transactions submitted while this is on are never listed by `/transaction` or `/transactions` (a stuck relayer). */
  relayerUnlisted = false;
  /** Every signature received (raw transactions' r and s, relayer signatures), for the secrets test. */
  readonly signaturesSeen: string[] = [];
  /** Counts of calls per JSON-RPC method and relayer route, for tests. */
  readonly calls = new Map<string, number>();
  private block = 1_000;

  constructor(private readonly state: PolymarketSimState) {}

  fundPol(address: string, wei: bigint): void {
    const a = address.toLowerCase();
    this.polWei.set(a, (this.polWei.get(a) ?? 0n) + wei);
  }

  registerRelayerKey(key: string, ownerAddress: string): void {
    this.relayerKeys.set(key, ownerAddress.toLowerCase());
  }

  private count(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }

  private accountHolding(holder: string): SimAccount | undefined {
    return this.state.accounts.all().find((a) => a.funder.toLowerCase() === holder.toLowerCase());
  }

  private resolutionOnChain(conditionId: string): PolymarketSimResolution | null {
    const market = this.state.markets.get(conditionId) ?? this.findMarket(conditionId);
    if (!market?.resolution || this.unreported.has(conditionId.toLowerCase())) return null;
    return market.resolution;
  }

  private findMarket(conditionId: string) {
    for (const m of this.state.markets.values())
      if (m.spec.conditionId.toLowerCase() === conditionId.toLowerCase()) return m;
    return undefined;
  }

  /** What the adapter's redeem would do, without doing it; throws Revert. */
  private check(holder: string, adapter: string, data: string): { conditionId: string } {
    let args: ReturnType<typeof REDEEM.decodeFunctionData>;
    try {
      args = REDEEM.decodeFunctionData('redeemPositions', data);
    } catch {
      throw new Revert('call data is not redeemPositions(address,bytes32,bytes32,uint256[])');
    }
    const conditionId = String(args[2]).toLowerCase();
    const sets = (args[3] as bigint[]).map(String).join(',');
    if (String(args[0]).toLowerCase() !== SIM_CHAIN.pusd || args[1] !== ZERO32 || sets !== '1,2')
      throw new Revert('redeem arguments are not (pUSD, 0x0, condition, [1,2])');
    const market = this.findMarket(conditionId);
    if (!market) throw new Revert('unknown condition');
    const want = market.spec.negRisk ? SIM_CHAIN.negRiskAdapter : SIM_CHAIN.adapter;
    if (adapter.toLowerCase() !== want) throw new Revert('wrong collateral adapter for this market (emulation)');
    if (this.unapproved.has(`${holder.toLowerCase()}#${adapter.toLowerCase()}`))
      throw new Revert('ERC1155: need operator approval for 3rd party transfers.');
    if (!this.resolutionOnChain(conditionId)) throw new Revert('result for condition not received yet');
    return { conditionId };
  }

  /** Runs a checked redeem: burns both outcomes, mints the payout; the logs a receipt carries. */
  private execute(holder: string, conditionId: string, txHash: string, via: 'eoa' | 'relayer'): SimLog[] {
    const market = this.findMarket(conditionId)!;
    const resolution = market.resolution!;
    const account = this.accountHolding(holder);
    let paid = 0;
    if (account) {
      for (const o of market.spec.outcomes) {
        const held = this.state.accounts.position(account, o.tokenId);
        if (held === 0) continue;
        paid +=
          'split' in resolution
            ? payoutMicros(held) / 2
            : resolution.winnerTokenId === o.tokenId
              ? payoutMicros(held)
              : 0;
        this.state.accounts.addPosition(account, o.tokenId, -held);
      }
      this.state.accounts.credit(account, paid);
    }
    this.redemptions.push({ holder: holder.toLowerCase(), conditionId, paidMicros: paid, via, txHash });
    return paid > 0
      ? [{ address: SIM_CHAIN.pusd, topics: [TRANSFER_TOPIC, ZERO32, pad32(holder)], data: word(BigInt(paid)) }]
      : [];
  }

  private takeRevert(): void {
    const reason = this.revertNext;
    this.revertNext = null;
    if (reason !== null) throw new Revert(reason);
  }

  private nonceOf(address: string): number {
    return this.nonces.get(address.toLowerCase()) ?? 0;
  }

  /** Mines every transaction in the mempool (with `autoMine` off). */
  mine(): void {
    for (const [hash, tx] of this.mempool) {
      this.mempool.delete(hash);
      this.mineOne(tx);
    }
  }

  private mineOne(tx: Transaction): void {
    const from = tx.from!.toLowerCase();
    const hash = tx.hash!.toLowerCase();
    const price = minBig(tx.maxFeePerGas!, this.baseFeeWei + tx.maxPriorityFeePerGas!);
    this.block += 1;
    let status: '0x0' | '0x1' = '0x1';
    let gasUsed = SIM_REDEEM_GAS;
    let logs: SimLog[] = [];
    try {
      if (tx.gasLimit < SIM_REDEEM_GAS) throw new Revert('out of gas');
      const { conditionId } = this.check(from, tx.to!, tx.data);
      this.takeRevert();
      logs = this.execute(from, conditionId, hash, 'eoa');
    } catch (err) {
      if (!(err instanceof Revert)) throw err;
      status = '0x0';
      gasUsed = minBig(tx.gasLimit, SIM_REVERT_GAS);
    }
    this.polWei.set(from, (this.polWei.get(from) ?? 0n) - gasUsed * price);
    this.nonces.set(from, tx.nonce + 1);
    this.receipts.set(hash, {
      transactionHash: hash,
      status,
      gasUsed: hex(gasUsed),
      effectiveGasPrice: hex(price),
      logs,
      blockNumber: hex(this.block),
      from,
      to: tx.to!.toLowerCase(),
    });
  }

  // ---- JSON-RPC ---------------------------------------------------------------------------

  private rpcError(id: unknown, code: number, message: string) {
    return { status: 200, body: { jsonrpc: '2.0', id, error: { code, message } } };
  }

  rpc(body: unknown): { status: number; body: unknown } {
    const req = body as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
    if (!req || req.jsonrpc !== '2.0' || typeof req.method !== 'string' || !Array.isArray(req.params))
      return this.rpcError(req?.id ?? null, -32600, 'invalid request');
    const { id, method } = req;
    const params = req.params as unknown[];
    const ok = (result: unknown) => ({ status: 200, body: { jsonrpc: '2.0', id, result } });
    this.count(method);
    switch (method) {
      case 'eth_chainId':
        return ok(hex(SIM_CHAIN.chainId));
      case 'eth_blockNumber':
        return ok(hex(this.block));
      case 'eth_gasPrice':
        return ok(hex(this.baseFeeWei + this.minPriorityFeeWei));
      case 'eth_maxPriorityFeePerGas':
        return ok(hex(this.minPriorityFeeWei));
      case 'eth_getBlockByNumber':
        return ok({ number: hex(this.block), baseFeePerGas: hex(this.baseFeeWei), timestamp: hex(0) });
      case 'eth_getBalance':
        return ok(hex(this.polWei.get(String(params[0]).toLowerCase()) ?? 0n));
      case 'eth_getTransactionCount': {
        const address = String(params[0]).toLowerCase();
        const pending =
          params[1] === 'pending'
            ? [...this.mempool.values()].filter((t) => t.from!.toLowerCase() === address).length
            : 0;
        return ok(hex(this.nonceOf(address) + pending));
      }
      case 'eth_call':
        return this.ethCall(id, params[0] as { to?: string; data?: string });
      case 'eth_estimateGas': {
        const call = params[0] as { from?: string; to?: string; data?: string };
        try {
          if (String(call.to).toLowerCase() === SIM_CHAIN.proxyFactory) {
            // The factory calls on through the caller's proxy wallet (docs/redemption.md#r6-proxy).
            const inner = singleProxyCall(String(call.data));
            if (typeof inner === 'string') throw new Revert(inner);
            this.check(simProxyWalletOf(String(call.from)), inner.target, inner.data);
          } else this.check(String(call.from), String(call.to), String(call.data));
        } catch (err) {
          if (err instanceof Revert) return this.rpcError(id, 3, `execution reverted: ${err.message}`);
          throw err;
        }
        return ok(hex(SIM_REDEEM_GAS));
      }
      case 'eth_sendRawTransaction':
        return this.sendRaw(id, String(params[0]));
      case 'eth_getTransactionReceipt': {
        const r = this.receipts.get(String(params[0]).toLowerCase());
        return ok(r ?? null);
      }
      case 'eth_getTransactionByHash': {
        const h = String(params[0]).toLowerCase();
        return ok(this.receipts.has(h) || this.mempool.has(h) ? { hash: h } : null);
      }
      default:
        return this.rpcError(id, -32601, `method ${method} is not emulated`);
    }
  }

  private ethCall(id: unknown, call: { to?: string; data?: string }) {
    const ok = (result: string) => ({ status: 200, body: { jsonrpc: '2.0', id, result } });
    const to = String(call?.to ?? '').toLowerCase();
    let parsed: ReturnType<typeof READS.parseTransaction>;
    try {
      parsed = READS.parseTransaction({ data: String(call?.data ?? '') });
    } catch {
      parsed = null;
    }
    if (to === SIM_CHAIN.ctf && parsed?.name === 'payoutDenominator')
      return ok(word(this.resolutionOnChain(String(parsed.args[0])) ? 1n : 0n));
    if (to === SIM_CHAIN.ctf && parsed?.name === 'isApprovedForAll') {
      const key = `${String(parsed.args[0]).toLowerCase()}#${String(parsed.args[1]).toLowerCase()}`;
      return ok(word(this.unapproved.has(key) ? 0n : 1n));
    }
    if (to === SIM_CHAIN.pusd && parsed?.name === 'balanceOf')
      return ok(word(BigInt(this.accountHolding(String(parsed.args[0]))?.balanceMicros ?? 0)));
    return this.rpcError(id, 3, 'execution reverted: call not emulated');
  }

  private sendRaw(id: unknown, raw: string) {
    let tx: Transaction;
    try {
      tx = Transaction.from(raw);
    } catch {
      return this.rpcError(id, -32000, 'rlp: could not decode the transaction');
    }
    if (!tx.signature || !tx.from) return this.rpcError(id, -32000, 'transaction is not signed');
    this.signaturesSeen.push(tx.signature.r, tx.signature.s);
    const hash = tx.hash!.toLowerCase();
    if (this.receipts.has(hash) || this.mempool.has(hash)) return this.rpcError(id, -32000, 'already known');
    if (tx.type !== 2) return this.rpcError(id, -32000, 'only type-2 transactions are emulated');
    if (tx.chainId !== BigInt(SIM_CHAIN.chainId)) return this.rpcError(id, -32000, 'invalid chain id');
    const to = (tx.to ?? '').toLowerCase();
    if (to !== SIM_CHAIN.adapter && to !== SIM_CHAIN.negRiskAdapter)
      return this.rpcError(id, -32000, 'emulation: only redeems through a collateral adapter are accepted');
    if (tx.value !== 0n) return this.rpcError(id, -32000, 'emulation: a redeem carries no value');
    try {
      REDEEM.decodeFunctionData('redeemPositions', tx.data);
    } catch {
      return this.rpcError(id, -32000, 'emulation: call data is not a redeem');
    }
    const from = tx.from.toLowerCase();
    const expected =
      this.nonceOf(from) + [...this.mempool.values()].filter((t) => t.from!.toLowerCase() === from).length;
    if (tx.nonce < expected) return this.rpcError(id, -32000, 'nonce too low');
    if (tx.nonce > expected) return this.rpcError(id, -32000, 'emulation: nonce too high (no queueing)');
    if ((tx.maxPriorityFeePerGas ?? 0n) < this.minPriorityFeeWei)
      return this.rpcError(id, -32000, 'transaction underpriced: gas tip cap below minimum');
    if ((tx.maxFeePerGas ?? 0n) < this.baseFeeWei)
      return this.rpcError(id, -32000, 'max fee per gas less than block base fee');
    if ((this.polWei.get(from) ?? 0n) < tx.gasLimit * tx.maxFeePerGas!)
      return this.rpcError(id, -32000, 'insufficient funds for gas * price + value');
    if (this.autoMine) this.mineOne(tx);
    else this.mempool.set(hash, tx);
    return { status: 200, body: { jsonrpc: '2.0', id, result: hash } };
  }

  // ---- relayer ----------------------------------------------------------------------------

  private relayerNonce(signer: string, type: string): number {
    return this.relayerNonces.get(`${signer.toLowerCase()}#${type}`) ?? 0;
  }

  private refuse(error: string) {
    return { status: 400, body: { error } };
  }

  submit(headers: Record<string, string | string[] | undefined>, raw: string) {
    this.count('relayer submit');
    const key = String(headers.relayer_api_key ?? '');
    const keyAddress = String(headers.relayer_api_key_address ?? '').toLowerCase();
    const owner = this.relayerKeys.get(key);
    if (!owner || owner !== keyAddress) return { status: 401, body: { error: 'invalid relayer api key' } };
    const body = parseJson(raw) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return this.refuse('invalid body');
    const type = String(body.type);
    const from = String(body.from ?? '');
    if (typeof body.signature === 'string') this.signaturesSeen.push(body.signature);
    const account = this.state.accounts.get(from);
    if (!account) return this.refuse('unknown signer');
    if (keyAddress !== account.address.toLowerCase() && keyAddress !== account.funder.toLowerCase())
      return { status: 401, body: { error: 'api key does not belong to this account' } };
    const wantKind = type === 'PROXY' ? 1 : type === 'SAFE' ? 2 : type === 'WALLET' ? 3 : null;
    if (wantKind === null) return this.refuse(`type ${type} is not emulated`);
    if (account.signatureType !== wantKind)
      return this.refuse(`wallet type mismatch: the account is not a ${type} wallet`);
    const nonce = String(body.nonce ?? '');
    if (nonce !== String(this.relayerNonce(from, type)))
      return this.refuse(`nonce ${nonce} does not match the wallet nonce ${this.relayerNonce(from, type)}`);
    let target: string;
    let data: string;
    let wallet: string;
    /** Proxy submissions: the signed gas limit (the call fails on chain below what it needs). */
    let gasLimit: bigint | null = null;
    try {
      if (type === 'PROXY') {
        // docs/redemption.md#r6-proxy, #r7-submit: the factory, the owner's derived wallet, the relay hash.
        if (String(body.to ?? '').toLowerCase() !== SIM_CHAIN.proxyFactory)
          return this.refuse('to must be the proxy wallet factory');
        wallet = String(body.proxyWallet ?? '');
        if (wallet.toLowerCase() !== simProxyWalletOf(from))
          return this.refuse('proxyWallet is not the proxy wallet of the signer');
        const factoryData = String(body.data ?? '');
        const inner = singleProxyCall(factoryData);
        if (typeof inner === 'string') return this.refuse(inner);
        target = inner.target;
        data = inner.data;
        const p = body.signatureParams as Record<string, string> | undefined;
        if (!p || p.gasPrice !== '0' || p.relayerFee !== '0' || !/^\d{1,20}$/.test(p.gasLimit ?? ''))
          return this.refuse('signatureParams must carry gasPrice 0, relayerFee 0 and a gas limit');
        if (String(p.relayHub).toLowerCase() !== SIM_CHAIN.relayHub) return this.refuse('unknown relay hub');
        if (String(p.relay).toLowerCase() !== SIM_CHAIN.relay) return this.refuse('unknown relay');
        gasLimit = BigInt(p.gasLimit!);
        const hash = solidityPackedKeccak256(
          ['string', 'address', 'address', 'bytes', 'uint256', 'uint256', 'uint256', 'uint256', 'address', 'address'],
          [
            'rlx:',
            getAddress(from),
            getAddress(SIM_CHAIN.proxyFactory),
            factoryData,
            0n,
            0n,
            gasLimit,
            BigInt(nonce),
            getAddress(SIM_CHAIN.relayHub),
            getAddress(SIM_CHAIN.relay),
          ],
        );
        const recovered = recoverAddress(hashMessage(getBytes(hash)), String(body.signature ?? ''));
        if (recovered.toLowerCase() !== from.toLowerCase()) return this.refuse('invalid signature');
      } else if (type === 'SAFE') {
        wallet = String(body.proxyWallet ?? '');
        target = String(body.to ?? '');
        data = String(body.data ?? '');
        const p = body.signatureParams as Record<string, string> | undefined;
        const zero = '0x0000000000000000000000000000000000000000';
        if (
          !p ||
          p.operation !== '0' ||
          p.gasPrice !== '0' ||
          p.safeTxnGas !== '0' ||
          p.baseGas !== '0' ||
          p.gasToken !== zero ||
          p.refundReceiver !== zero
        )
          return this.refuse('signatureParams must be a plain call with zero gas fields');
        const digest = safeDigest(wallet, target, data, nonce);
        const sig = String(body.signature ?? '');
        const v = Number.parseInt(sig.slice(-2), 16);
        if (v !== 31 && v !== 32) return this.refuse('invalid signature');
        const recovered = recoverAddress(
          hashMessage(Buffer.from(digest.slice(2), 'hex')),
          sig.slice(0, -2) + (v - 4).toString(16),
        );
        if (recovered.toLowerCase() !== from.toLowerCase()) return this.refuse('invalid signature');
      } else {
        const params = body.depositWalletParams as
          | { depositWallet?: string; deadline?: string; calls?: { target?: string; value?: string; data?: string }[] }
          | undefined;
        if (String(body.to ?? '').toLowerCase() !== SIM_CHAIN.depositWalletFactory)
          return this.refuse('to must be the deposit-wallet factory');
        const calls = params?.calls ?? [];
        if (calls.length !== 1 || calls[0]!.value !== '0') return this.refuse('one call without value expected');
        wallet = String(params?.depositWallet ?? '');
        target = String(calls[0]!.target ?? '');
        data = String(calls[0]!.data ?? '');
        const deadline = Number(params?.deadline ?? 0);
        if (!(deadline * 1000 > this.state.clock.now())) return this.refuse('batch deadline has passed');
        const recovered = verifyTypedData(
          { name: 'DepositWallet', version: '1', chainId: SIM_CHAIN.chainId, verifyingContract: getAddress(wallet) },
          {
            Batch: [
              { name: 'wallet', type: 'address' },
              { name: 'nonce', type: 'uint256' },
              { name: 'deadline', type: 'uint256' },
              { name: 'calls', type: 'Call[]' },
            ],
            Call: [
              { name: 'target', type: 'address' },
              { name: 'value', type: 'uint256' },
              { name: 'data', type: 'bytes' },
            ],
          },
          { wallet, nonce: BigInt(nonce), deadline: BigInt(deadline), calls: [{ target, value: 0n, data }] },
          String(body.signature ?? ''),
        );
        if (recovered.toLowerCase() !== from.toLowerCase()) return this.refuse('invalid signature');
      }
    } catch {
      return this.refuse('invalid signature or addresses');
    }
    if (wallet.toLowerCase() !== account.funder.toLowerCase()) return this.refuse('wallet is not the signer’s wallet');
    const t = target.toLowerCase();
    if (t !== SIM_CHAIN.adapter && t !== SIM_CHAIN.negRiskAdapter)
      return this.refuse(`call blocked: call[0] blocked: calls to ${target} are not permitted`);
    this.relayerNonces.set(`${from.toLowerCase()}#${type}`, Number(nonce) + 1);
    const hash = keccak256(Buffer.from(randomUUID()));
    const tx: SimRelayerTx = {
      transactionID: randomUUID(),
      transactionHash: '',
      from: from.toLowerCase(),
      to: type === 'PROXY' ? SIM_CHAIN.proxyFactory : target.toLowerCase(),
      proxyAddress: wallet.toLowerCase(),
      data: type === 'PROXY' ? String(body.data) : data,
      nonce,
      type,
      state: 'STATE_NEW',
      lagLeft: this.relayerLagPolls,
      finalState: 'STATE_CONFIRMED',
      createdAtMs: this.state.clock.now(),
    };
    try {
      if (gasLimit !== null && gasLimit < SIM_REDEEM_GAS) throw new Revert('out of gas');
      const { conditionId } = this.check(wallet, target, data);
      this.takeRevert();
      this.block += 1;
      const logs = this.execute(wallet, conditionId, hash, 'relayer');
      this.receipts.set(hash, {
        transactionHash: hash,
        status: '0x1',
        gasUsed: hex(SIM_REDEEM_GAS),
        effectiveGasPrice: hex(this.baseFeeWei),
        logs,
        blockNumber: hex(this.block),
        from: wallet.toLowerCase(),
        to: t,
      });
      tx.transactionHash = hash;
    } catch (err) {
      if (!(err instanceof Revert)) throw err;
      tx.finalState = 'STATE_FAILED';
      tx.errorMsg = `execution reverted: ${err.message}`;
    }
    if (tx.lagLeft === 0) tx.state = tx.finalState;
    if (this.relayerUnlisted) tx.unlisted = true;
    this.relayerTxs.push(tx);
    return { status: 200, body: { transactionID: tx.transactionID, state: 'STATE_NEW' } };
  }

  private view(tx: SimRelayerTx) {
    return {
      transactionID: tx.transactionID,
      transactionHash: tx.state === 'STATE_CONFIRMED' ? tx.transactionHash : '',
      from: tx.from,
      to: tx.to,
      proxyAddress: tx.proxyAddress,
      data: tx.data,
      nonce: tx.nonce,
      value: '0',
      state: tx.state,
      type: tx.type,
      ...(tx.errorMsg && tx.state === tx.finalState ? { errorMsg: tx.errorMsg } : {}),
    };
  }

  routes(): Route[] {
    return [
      { method: 'POST', pattern: '/rpc', handler: ({ rawBody }) => this.rpc(parseJson(rawBody)) },
      {
        method: 'GET',
        pattern: '/relayer/nonce',
        handler: ({ query }) => {
          this.count('relayer nonce');
          const address = query.get('address') ?? '';
          const type = query.get('type') ?? '';
          if (!/^0x[0-9a-fA-F]{40}$/.test(address) || !['SAFE', 'WALLET', 'PROXY'].includes(type))
            return { status: 400, body: { error: 'address and type required' } };
          return { status: 200, body: { nonce: String(this.relayerNonce(address, type)) } };
        },
      },
      {
        method: 'GET',
        pattern: '/relayer/relay-payload',
        handler: ({ query }) => {
          this.count('relayer relay-payload');
          const address = query.get('address') ?? '';
          const type = query.get('type') ?? '';
          // docs/redemption.md#r7-endpoints: PROXY and SAFE; the answer names the relay and the owner's nonce.
          if (!/^0x[0-9a-fA-F]{40}$/.test(address) || !['PROXY', 'SAFE'].includes(type))
            return { status: 400, body: { error: 'address and type required' } };
          return { status: 200, body: { address: SIM_CHAIN.relay, nonce: String(this.relayerNonce(address, type)) } };
        },
      },
      { method: 'POST', pattern: '/relayer/submit', handler: ({ req, rawBody }) => this.submit(req.headers, rawBody) },
      {
        method: 'GET',
        pattern: '/relayer/transaction',
        handler: ({ query }) => {
          this.count('relayer transaction');
          const tx = this.relayerTxs.find((t) => t.transactionID === query.get('id') && !t.unlisted);
          if (!tx) return { status: 200, body: [] };
          if (tx.lagLeft > 0) tx.lagLeft -= 1;
          else tx.state = tx.finalState;
          return { status: 200, body: [this.view(tx)] };
        },
      },
      {
        method: 'GET',
        pattern: '/relayer/transactions',
        handler: ({ req }) => {
          this.count('relayer transactions');
          const owner = this.relayerKeys.get(String(req.headers.relayer_api_key ?? ''));
          if (!owner || owner !== String(req.headers.relayer_api_key_address ?? '').toLowerCase())
            return { status: 401, body: { error: 'invalid relayer api key' } };
          const mine = this.relayerTxs.filter((t) => !t.unlisted && (t.from === owner || t.proxyAddress === owner));
          return { status: 200, body: mine.map((t) => this.view(t)) };
        },
      },
    ];
  }
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** The Safe transaction digest the signer must have signed (docs/redemption.md#r6-signing), computed here independently. */
function safeDigest(safe: string, to: string, data: string, nonce: string): string {
  const zero = '0x0000000000000000000000000000000000000000';
  return TypedDataEncoder.hash(
    { chainId: SIM_CHAIN.chainId, verifyingContract: getAddress(safe) },
    {
      SafeTx: [
        { name: 'to', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'data', type: 'bytes' },
        { name: 'operation', type: 'uint8' },
        { name: 'safeTxGas', type: 'uint256' },
        { name: 'baseGas', type: 'uint256' },
        { name: 'gasPrice', type: 'uint256' },
        { name: 'gasToken', type: 'address' },
        { name: 'refundReceiver', type: 'address' },
        { name: 'nonce', type: 'uint256' },
      ],
    },
    {
      to: getAddress(to),
      value: 0n,
      data,
      operation: 0,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: zero,
      refundReceiver: zero,
      nonce: BigInt(nonce),
    },
  );
}
