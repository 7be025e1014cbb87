/**
 * The Redeemer port (lib/engine/ports/redeem.ts) for each wallet kind (docs/redemption.md#r6):
 *
 * - `eoa`: the EOA sends its own type-2 transaction on Polygon and pays gas in POL. Signed here
 *   with ethers `Wallet.signTransaction` (no provider: every field is set explicitly), sent
 *   through ./json-rpc.ts. Looked up by hash (receipt) and by nonce.
 * - `proxy`: a call of the proxy factory's `proxy(calls)` relayed for the owner EOA, submitted as
 *   `type: "PROXY"`; the relay address, the nonce and the estimated gas limit are fixed and
 *   recorded before sending, so a re-send signs the same bytes (docs/redemption.md#r6-proxy).
 * - `safe`: a Safe transaction signed by the EOA, submitted to the relayer as `type: "SAFE"`.
 * - `deposit`: a deposit-wallet `WALLET` batch (EIP-712 `Batch`), submitted to the relayer.
 *   Relayer wallets are looked up by the relayer's transaction id, or by nonce in the key
 *   owner's recent transactions when the id was never recorded.
 *
 * Every kind reads the chain through the RPC: `payoutDenominator` before sending, the pUSD
 * balance, and the receipt whose pUSD mint says what the redemption paid (docs/redemption.md#r5).
 */
import { getAddress, keccak256, Transaction, Wallet } from 'ethers';
import type { Micros } from '../../core/money';
import {
  type AttemptState,
  type Clock,
  type PreflightCheck,
  type PreparedRedeem,
  RateLimited,
  RedeemBlocked,
  type Redeemer,
  type RedeemTarget,
  Rejected,
  systemClock,
  type WalletKind,
} from '../../engine/ports';
import type { FetchFn } from '../http';
import { type JsonRpc, RpcError, type RpcReceipt } from './json-rpc';
import {
  adapterFor,
  balanceOfCall,
  collateralPaidTo,
  DEPOSIT_BATCH_TYPES,
  depositBatchDomain,
  depositBatchValue,
  isApprovedCall,
  POLYGON_CHAIN_ID,
  packSafeSignature,
  payoutDenominatorCall,
  proxyCallData,
  proxyRelayHash,
  proxyWalletOf,
  REDEEM_CONTRACTS,
  redeemCallData,
  safeTxDigest,
} from './redeem-calls';
import type { RelayerClient, RelayerKind, RelayerTx } from './relayer';

const GWEI = 1_000_000_000n;

export interface GasPolicy {
  /** Never pay more than this per gas (wei): above it the redeem waits (retryable). */
  readonly maxFeePerGasWei: bigint;
  /** The priority fee set explicitly (docs/redemption.md#r10: ethers' 1 gwei fallback is not trusted on Polygon). */
  readonly priorityFeePerGasWei: bigint;
  /** The EOA must hold at least this much POL (wei) beyond the transaction's worst-case cost. */
  readonly minBalanceWei: bigint;
}

export const DEFAULT_GAS_POLICY: GasPolicy = {
  maxFeePerGasWei: 500n * GWEI,
  priorityFeePerGasWei: 30n * GWEI,
  minBalanceWei: 0n,
};

export interface RedeemerDeps {
  readonly rpc: JsonRpc;
  /** Gamma `negRisk` of a condition's market (the venue's `marketsByCondition`). */
  readonly negRiskOf: (conditionId: string) => Promise<boolean>;
  readonly clock?: Clock;
  readonly fetch?: FetchFn;
}

/** What every kind shares: the reads. */
abstract class ChainRedeemer implements Redeemer {
  abstract readonly walletKind: WalletKind;
  abstract readonly holder: string;
  protected readonly clock: Clock;

  constructor(protected readonly deps: RedeemerDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  negRiskOf(conditionId: string): Promise<boolean> {
    return this.deps.negRiskOf(conditionId);
  }

  async resolvedOnChain(conditionId: string): Promise<boolean> {
    return BigInt(await this.deps.rpc.ethCall(REDEEM_CONTRACTS.ctf, payoutDenominatorCall(conditionId))) > 0n;
  }

  async collateralMicros(): Promise<Micros> {
    const raw = BigInt(await this.deps.rpc.ethCall(REDEEM_CONTRACTS.collateral, balanceOfCall(this.holder)));
    if (raw > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('collateral balance beyond a safe integer');
    return Number(raw);
  }

  /** The holder must have approved the adapter on the CTF (docs/redemption.md#r2-approval). */
  protected async requireApproval(target: RedeemTarget): Promise<void> {
    const adapter = adapterFor(target.negRisk);
    const approved = BigInt(await this.deps.rpc.ethCall(REDEEM_CONTRACTS.ctf, isApprovedCall(this.holder, adapter)));
    if (approved !== 1n) {
      throw new RedeemBlocked(
        `the holder has not approved the collateral adapter ${adapter} on the CTF (setApprovalForAll)`,
        'config',
        false,
      );
    }
  }

  /** Preflight: the RPC serves Polygon, and the holder approved the ordinary adapter. */
  protected async chainChecks(): Promise<PreflightCheck[]> {
    const out: PreflightCheck[] = [];
    try {
      const chainId = await this.deps.rpc.chainId();
      out.push(
        chainId === POLYGON_CHAIN_ID
          ? pf('redeem.rpc', 'pass', 'the Polygon RPC answers (chain 137)', '')
          : pf(
              'redeem.rpc',
              'fail',
              `the RPC serves chain ${chainId}`,
              'Point POLYGON_RPC_URL at a Polygon mainnet node.',
            ),
      );
    } catch (err) {
      out.push(pf('redeem.rpc', 'fail', `the Polygon RPC does not answer (${nameOf(err)})`, 'Check POLYGON_RPC_URL.'));
      return out;
    }
    try {
      const adapter = adapterFor(false);
      const ok = BigInt(await this.deps.rpc.ethCall(REDEEM_CONTRACTS.ctf, isApprovedCall(this.holder, adapter))) === 1n;
      out.push(
        ok
          ? pf('redeem.approval', 'pass', `${this.holder} approved the collateral adapter on the CTF`, '')
          : pf(
              'redeem.approval',
              'fail',
              `${this.holder} has not approved the collateral adapter ${adapter} on the CTF`,
              'Enable trading once on polymarket.com (it grants setApprovalForAll to both collateral adapters): docs/redemption.md#r2-approval.',
            ),
      );
    } catch (err) {
      out.push(pf('redeem.approval', 'fail', `could not read the approval (${nameOf(err)})`, 'Check POLYGON_RPC_URL.'));
    }
    return out;
  }

  /** A mined receipt as an attempt's state. */
  protected fromReceipt(receipt: RpcReceipt, paysGas: boolean): AttemptState {
    const gasCostWei = paysGas ? (BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice)).toString() : '0';
    if (receipt.status === '0x0')
      return { state: 'failed', cause: 'the transaction reverted', txHash: receipt.transactionHash, gasCostWei };
    const paid = collateralPaidTo(this.holder, receipt.logs);
    return { state: 'confirmed', txHash: receipt.transactionHash, paidMicros: Number(paid), gasCostWei };
  }

  abstract prepare(target: RedeemTarget): Promise<PreparedRedeem>;
  abstract send(target: RedeemTarget, prepared: PreparedRedeem): Promise<{ readonly relayerId: string | null }>;
  abstract lookup(target: RedeemTarget, prepared: PreparedRedeem, relayerId: string | null): Promise<AttemptState>;
}

/** Node refusals that mean "this transaction will not run" (docs/redemption.md#r10). */
function blockedByNode(err: RpcError): RedeemBlocked {
  const text = err.rpcMessage.toLowerCase();
  if (text.includes('insufficient funds')) return new RedeemBlocked('too little POL for gas', 'gas-balance', true);
  if (text.includes('not received yet'))
    return new RedeemBlocked('condition not resolved on chain yet', 'not-resolved', true);
  return new RedeemBlocked(`the node refused the redeem: ${err.rpcMessage.slice(0, 200)}`, 'refused', true);
}

export class EoaRedeemer extends ChainRedeemer {
  readonly walletKind = 'eoa' as const;
  readonly holder: string;
  readonly #wallet: Wallet;

  constructor(
    privateKey: string,
    deps: RedeemerDeps,
    private readonly gas: GasPolicy = DEFAULT_GAS_POLICY,
  ) {
    super(deps);
    this.#wallet = new Wallet(privateKey);
    this.holder = this.#wallet.address.toLowerCase();
  }

  toJSON(): Record<string, unknown> {
    return { walletKind: this.walletKind, holder: this.holder };
  }

  /** POL on the EOA, wei (preflight and the low-gas notice). */
  polBalanceWei(): Promise<bigint> {
    return this.deps.rpc.balanceWei(this.holder);
  }

  async preflightChecks(): Promise<PreflightCheck[]> {
    const out = await this.chainChecks();
    if (out[0]?.result !== 'pass') return out;
    // One redeem at the gas bound, plus what must stay: an upper bound of the next redeem's need.
    const need = PREFLIGHT_REDEEM_GAS * this.gas.maxFeePerGasWei + this.gas.minBalanceWei;
    try {
      const have = await this.polBalanceWei();
      out.push(
        have >= need
          ? pf('redeem.gas', 'pass', `the EOA holds ${formatPol(have)} POL for gas`, '')
          : pf(
              'redeem.gas',
              'fail',
              `the EOA holds ${formatPol(have)} POL; redemptions need ${formatPol(need)} POL or more`,
              `Send POL on Polygon to ${this.holder} (docs/deploy.md#redemption).`,
            ),
      );
    } catch (err) {
      out.push(pf('redeem.gas', 'fail', `could not read the POL balance (${nameOf(err)})`, 'Check POLYGON_RPC_URL.'));
    }
    return out;
  }

  private txFields(target: RedeemTarget, p: Extract<PreparedRedeem, { kind: 'tx' }>) {
    return {
      type: 2,
      chainId: POLYGON_CHAIN_ID,
      nonce: p.nonce,
      to: getAddress(adapterFor(target.negRisk)),
      data: redeemCallData(target.conditionId),
      value: 0n,
      gasLimit: BigInt(p.gasLimit),
      maxFeePerGas: BigInt(p.maxFeePerGas),
      maxPriorityFeePerGas: BigInt(p.maxPriorityFeePerGas),
    };
  }

  private async signed(target: RedeemTarget, p: Extract<PreparedRedeem, { kind: 'tx' }>): Promise<string> {
    const raw = await this.#wallet.signTransaction(this.txFields(target, p));
    // RFC 6979 signatures are deterministic: the same fields give the same transaction, checked here.
    if (keccak256(raw) !== p.txHash) throw new Error('re-signed redeem transaction differs from the recorded one');
    return raw;
  }

  async prepare(target: RedeemTarget): Promise<PreparedRedeem> {
    const rpc = this.deps.rpc;
    const chainId = await rpc.chainId();
    if (chainId !== POLYGON_CHAIN_ID)
      throw new RedeemBlocked(`the RPC serves chain ${chainId}, not Polygon (137)`, 'config', false);
    await this.requireApproval(target);
    const to = adapterFor(target.negRisk);
    const data = redeemCallData(target.conditionId);
    let gasLimit: bigint;
    try {
      gasLimit = ((await rpc.estimateGas(this.holder, to, data)) * 120n) / 100n;
    } catch (err) {
      if (err instanceof RpcError) throw blockedByNode(err);
      throw err;
    }
    const baseFee = await rpc.baseFeeWei();
    const priority = this.gas.priorityFeePerGasWei;
    const maxFee = 2n * baseFee + priority;
    if (maxFee > this.gas.maxFeePerGasWei) {
      throw new RedeemBlocked(
        `gas price ${maxFee / GWEI} gwei is above the bound ${this.gas.maxFeePerGasWei / GWEI} gwei`,
        'gas-price',
        true,
      );
    }
    const need = gasLimit * maxFee + this.gas.minBalanceWei;
    const have = await rpc.balanceWei(this.holder);
    if (have < need) {
      throw new RedeemBlocked(
        `the EOA holds ${formatPol(have)} POL; a redeem may cost up to ${formatPol(need)} POL`,
        'gas-balance',
        true,
      );
    }
    const nonce = await rpc.nonce(this.holder, 'pending');
    const fields = {
      nonce,
      gasLimit: gasLimit.toString(),
      maxFeePerGas: maxFee.toString(),
      maxPriorityFeePerGas: priority.toString(),
    };
    const raw = await this.#wallet.signTransaction(this.txFields(target, { kind: 'tx', txHash: '', ...fields }));
    return { kind: 'tx', txHash: Transaction.from(raw).hash!.toLowerCase(), ...fields };
  }

  async send(target: RedeemTarget, prepared: PreparedRedeem): Promise<{ readonly relayerId: string | null }> {
    if (prepared.kind !== 'tx') throw new Error('an EOA sends transactions');
    const raw = await this.signed(target, prepared);
    try {
      await this.deps.rpc.sendRaw(raw);
    } catch (err) {
      if (!(err instanceof RpcError)) throw err;
      const text = err.rpcMessage.toLowerCase();
      // The node already has it (a repeat of the same transaction): sent.
      if (text.includes('already known') || text.includes('known transaction')) return { relayerId: null };
      // Nonce used: the lookup decides (our receipt, or another transaction's).
      if (text.includes('nonce too low')) return { relayerId: null };
      throw blockedByNode(err);
    }
    return { relayerId: null };
  }

  async lookup(_target: RedeemTarget, prepared: PreparedRedeem): Promise<AttemptState> {
    if (prepared.kind !== 'tx') throw new Error('an EOA looks transactions up');
    const rpc = this.deps.rpc;
    const receipt = await rpc.receipt(prepared.txHash);
    if (receipt) return this.fromReceipt(receipt, true);
    if ((await rpc.nonce(this.holder, 'latest')) > prepared.nonce) {
      // Our nonce is used and our transaction has no receipt: another transaction took it.
      return { state: 'failed', cause: 'the nonce was used by another transaction', txHash: null, gasCostWei: '0' };
    }
    if (await rpc.knows(prepared.txHash))
      return { state: 'pending', relayerId: null, detail: 'in the mempool, not mined yet' };
    return { state: 'not-sent' };
  }
}

/** Gas one redeem is assumed to need at most, for the preflight's POL bound (the estimate decides at send time). */
const PREFLIGHT_REDEEM_GAS = 300_000n;

function pf(id: string, result: PreflightCheck['result'], detail: string, fix: string): PreflightCheck {
  return { id, venue: 'polymarket', required: true, result, detail, fix };
}

function nameOf(err: unknown): string {
  return err instanceof Error ? err.name : 'error';
}

function formatPol(wei: bigint): string {
  const whole = wei / 10n ** 18n;
  const frac = (wei % 10n ** 18n).toString().padStart(18, '0').slice(0, 6);
  return `${whole}.${frac}`;
}

/** Relayer refusals the official SDK treats as passing (docs/redemption.md#r7-errors). */
function relayerRefusal(err: unknown): RedeemBlocked | null {
  if (err instanceof RateLimited) return new RedeemBlocked('the relayer is rate limiting', 'unavailable', true);
  if (!(err instanceof Rejected)) return null;
  const text = (err.excerpt ?? err.message).slice(0, 300);
  return new RedeemBlocked(`the relayer refused the redeem: ${text}`, 'refused', true);
}

export interface RelayerWallet {
  /** `proxy` (signature type 1), `safe` (type 2) or `deposit` (type 3). */
  readonly kind: 'proxy' | 'safe' | 'deposit';
  /** The proxy, Safe or deposit wallet holding the tokens (the funder). */
  readonly wallet: string;
}

const RELAYER_KIND_OF = { proxy: 'PROXY', safe: 'SAFE', deposit: 'WALLET' } as const;

export class RelayerRedeemer extends ChainRedeemer {
  readonly walletKind: 'proxy' | 'safe' | 'deposit';
  readonly holder: string;
  readonly #signer: Wallet;

  constructor(
    privateKey: string,
    wallet: RelayerWallet,
    private readonly relayer: RelayerClient,
    deps: RedeemerDeps,
  ) {
    super(deps);
    this.#signer = new Wallet(privateKey);
    this.walletKind = wallet.kind;
    this.holder = getAddress(wallet.wallet).toLowerCase();
  }

  toJSON(): Record<string, unknown> {
    return { walletKind: this.walletKind, holder: this.holder, signer: this.#signer.address };
  }

  async preflightChecks(): Promise<PreflightCheck[]> {
    const out: PreflightCheck[] = [];
    if (this.walletKind === 'proxy') {
      // The factory relays for the owner's CREATE2 wallet only (docs/redemption.md#r6-proxy): any other funder would pay 0.
      const derived = proxyWalletOf(this.#signer.address);
      out.push(
        derived === this.holder
          ? pf('redeem.proxy-wallet', 'pass', `${this.holder} is the proxy wallet of ${this.#signer.address}`, '')
          : pf(
              'redeem.proxy-wallet',
              'fail',
              `the funder ${this.holder} is not the proxy wallet ${derived} the factory derives for ${this.#signer.address}`,
              'Check polymarketFunderAddress and polymarketPrivateKey in the secret; a proxy wallet the factory does not derive cannot be redeemed here: redeem by hand on polymarket.com (docs/deploy.md#redemption).',
            ),
      );
    }
    out.push(...(await this.chainChecks()));
    try {
      await this.currentNonce();
      out.push(pf('redeem.relayer', 'pass', 'the relayer answers', ''));
    } catch (err) {
      out.push(
        pf('redeem.relayer', 'fail', `the relayer does not answer (${nameOf(err)})`, 'Check POLYMARKET_RELAYER_URL.'),
      );
    }
    return out;
  }

  private get relayerKind(): RelayerKind {
    return RELAYER_KIND_OF[this.walletKind];
  }

  /** The relayer's nonce for the signer: a proxy owner's comes with its relay address (docs/redemption.md#r6-proxy). */
  private async currentNonce(): Promise<string> {
    if (this.walletKind === 'proxy') return (await this.relayer.relayPayload(this.#signer.address, 'PROXY')).nonce;
    return this.relayer.nonce(this.#signer.address, this.relayerKind);
  }

  async prepare(target: RedeemTarget): Promise<PreparedRedeem> {
    await this.requireApproval(target);
    if (this.walletKind === 'proxy') return this.prepareProxy(target);
    let nonce: string;
    try {
      nonce = await this.relayer.nonce(this.#signer.address, this.relayerKind);
    } catch (err) {
      throw relayerRefusal(err) ?? err;
    }
    // Deposit-wallet batches carry a deadline; the official SDK uses now + 600 s (docs/redemption.md#r6-signing).
    const deadline = this.walletKind === 'deposit' ? Math.floor(this.clock.now() / 1000) + 600 : null;
    return { kind: 'relayer', nonce, deadline };
  }

  /**
   * A proxy attempt signs the relay address, the nonce and a gas limit (docs/redemption.md#r6-proxy):
   * all three fixed here and recorded, so that a re-send is the same signed request. The gas limit
   * is the node's estimate of the factory call from the owner, as the official client takes it; a
   * revert there stops the attempt before anything is sent.
   */
  private async prepareProxy(target: RedeemTarget): Promise<PreparedRedeem> {
    let payload: { relay: string; nonce: string };
    try {
      payload = await this.relayer.relayPayload(this.#signer.address, 'PROXY');
    } catch (err) {
      throw relayerRefusal(err) ?? err;
    }
    const data = proxyCallData(adapterFor(target.negRisk), redeemCallData(target.conditionId));
    let gasLimit: bigint;
    try {
      gasLimit = await this.deps.rpc.estimateGas(this.#signer.address, REDEEM_CONTRACTS.proxyFactory, data);
    } catch (err) {
      if (err instanceof RpcError) throw blockedByNode(err);
      throw err;
    }
    return {
      kind: 'relayer',
      nonce: payload.nonce,
      deadline: null,
      relay: payload.relay,
      gasLimit: gasLimit.toString(),
    };
  }

  /** The `POST /submit` body (docs/redemption.md#r7-submit), signed afresh (deterministic: same attempt, same body). */
  async body(target: RedeemTarget, prepared: Extract<PreparedRedeem, { kind: 'relayer' }>) {
    const adapter = getAddress(adapterFor(target.negRisk));
    const data = redeemCallData(target.conditionId);
    const from = this.#signer.address;
    const metadata = `Redeem positions (condition ${target.conditionId})`;
    if (this.walletKind === 'proxy') {
      if (!prepared.relay || !prepared.gasLimit) throw new Error('a proxy attempt without its relay and gas limit');
      const proxyData = proxyCallData(adapter, data);
      const hash = proxyRelayHash({
        from,
        data: proxyData,
        gasLimit: prepared.gasLimit,
        nonce: prepared.nonce,
        relay: prepared.relay,
      });
      return {
        type: 'PROXY',
        from,
        to: getAddress(REDEEM_CONTRACTS.proxyFactory),
        proxyWallet: getAddress(this.holder),
        data: proxyData,
        nonce: prepared.nonce,
        signature: await this.#signer.signMessage(Buffer.from(hash.slice(2), 'hex')),
        signatureParams: {
          gasPrice: '0',
          gasLimit: prepared.gasLimit,
          relayerFee: '0',
          relayHub: getAddress(REDEEM_CONTRACTS.relayHub),
          relay: getAddress(prepared.relay),
        },
        metadata,
      };
    }
    if (this.walletKind === 'safe') {
      const digest = safeTxDigest(this.holder, adapter, data, prepared.nonce);
      const signature = packSafeSignature(await this.#signer.signMessage(Buffer.from(digest.slice(2), 'hex')));
      return {
        type: 'SAFE',
        from,
        to: adapter,
        proxyWallet: getAddress(this.holder),
        data,
        nonce: prepared.nonce,
        signature,
        signatureParams: {
          gasPrice: '0',
          operation: '0',
          safeTxnGas: '0',
          baseGas: '0',
          gasToken: '0x0000000000000000000000000000000000000000',
          refundReceiver: '0x0000000000000000000000000000000000000000',
        },
        metadata,
      };
    }
    const deadline = prepared.deadline ?? 0;
    const signature = await this.#signer.signTypedData(
      depositBatchDomain(this.holder),
      DEPOSIT_BATCH_TYPES,
      depositBatchValue(this.holder, prepared.nonce, deadline, adapter, data),
    );
    return {
      type: 'WALLET',
      from,
      to: getAddress(REDEEM_CONTRACTS.depositWalletFactory),
      nonce: prepared.nonce,
      signature,
      depositWalletParams: {
        depositWallet: getAddress(this.holder),
        deadline: String(deadline),
        calls: [{ target: adapter, value: '0', data }],
      },
      metadata,
    };
  }

  async send(target: RedeemTarget, prepared: PreparedRedeem): Promise<{ readonly relayerId: string | null }> {
    if (prepared.kind !== 'relayer') throw new Error('a relayer wallet submits to the relayer');
    if (prepared.deadline !== null && prepared.deadline * 1000 <= this.clock.now())
      throw new RedeemBlocked('the batch deadline has passed', 'refused', true);
    try {
      return { relayerId: await this.relayer.submit(await this.body(target, prepared)) };
    } catch (err) {
      throw relayerRefusal(err) ?? err;
    }
  }

  private ours(target: RedeemTarget, prepared: Extract<PreparedRedeem, { kind: 'relayer' }>, tx: RelayerTx): boolean {
    if (tx.nonce !== prepared.nonce) return false;
    const wallet = (tx.proxyAddress ?? '').toLowerCase();
    if (wallet && wallet !== this.holder) return false;
    return tx.data === undefined || tx.data.toLowerCase().includes(target.conditionId.slice(2).toLowerCase());
  }

  async lookup(target: RedeemTarget, prepared: PreparedRedeem, relayerId: string | null): Promise<AttemptState> {
    if (prepared.kind !== 'relayer') throw new Error('a relayer wallet looks its transactions up at the relayer');
    let tx: RelayerTx | null = null;
    if (relayerId) tx = await this.relayer.transaction(relayerId);
    else tx = (await this.relayer.recent()).find((t) => this.ours(target, prepared, t)) ?? null;
    if (!tx) {
      if (relayerId) return { state: 'pending', relayerId, detail: 'the relayer does not list it yet' };
      // Never recorded an id and the relayer lists nothing of ours at that nonce: if the nonce has not moved, it never arrived.
      const now = await this.currentNonce();
      if (now === prepared.nonce) return { state: 'not-sent' };
      return {
        state: 'unknown',
        detail: `the relayer nonce moved from ${prepared.nonce} to ${now} but lists no transaction of ours`,
      };
    }
    switch (tx.state) {
      case 'STATE_CONFIRMED': {
        const hash = tx.transactionHash ?? '';
        if (!hash) return { state: 'pending', relayerId: tx.transactionID, detail: 'confirmed without a hash yet' };
        const receipt = await this.deps.rpc.receipt(hash);
        if (!receipt) return { state: 'pending', relayerId: tx.transactionID, detail: 'no receipt yet' };
        // The relayer pays the gas (docs/redemption.md#r6).
        return this.fromReceipt(receipt, false);
      }
      case 'STATE_FAILED':
      case 'STATE_INVALID':
        return {
          state: 'failed',
          cause: `relayer ${tx.state}${tx.errorMsg ? `: ${tx.errorMsg.slice(0, 200)}` : ''}`,
          txHash: tx.transactionHash || null,
          gasCostWei: '0',
        };
      default:
        return { state: 'pending', relayerId: tx.transactionID, detail: tx.state };
    }
  }
}
