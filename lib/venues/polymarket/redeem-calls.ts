/**
 * The on-chain side of redeeming a resolved Polymarket condition (docs/redemption.md), as call
 * data built with ethers v6 `Interface`: the addresses, the one redeem call, the reads that
 * decide whether to send it, and the receipt log that says what it paid. Every fact cites its
 * entry in docs/redemption.md (sources and the date they were read are there).
 */
import {
  concat,
  getAddress,
  getCreate2Address,
  Interface,
  keccak256,
  TypedDataEncoder,
  toBeHex,
  toUtf8Bytes,
  zeroPadValue,
} from 'ethers';

/** Polygon mainnet addresses (docs/redemption.md#r1-addresses). */
export const REDEEM_CONTRACTS = {
  /** pUSD, the trading collateral since 2026-04-28 (docs/redemption.md#r1-pusd). */
  collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
  /** Conditional Tokens (ERC-1155): holds the outcome tokens and the payout vectors. */
  ctf: '0x4D97DCd97eC945f40cF65F87097ACe5EA0476045',
  /** Redeems ordinary (Gamma `negRisk: false`) markets (docs/redemption.md#r2-abi). */
  ctfCollateralAdapter: '0xAdA100Db00Ca00073811820692005400218FcE1f',
  /** Redeems neg-risk markets (docs/redemption.md#r3-neg-risk). */
  negRiskCtfCollateralAdapter: '0xadA2005600Dec949baf300f4C6120000bDB6eAab',
  /** Safe MultiSend (two calls or more in one Safe transaction; one redeem never needs it). */
  safeMultisend: '0xA238CBeb142c10Ef7Ad8442C6D1f9E89e07e7761',
  /** Deposit-wallet factory: the `to` of a WALLET batch (docs/redemption.md#r7-submit). */
  depositWalletFactory: '0x00000000000Fb5C9ADea0298D729A0CB3823Cc07',
  /** Proxy wallets' factory: the `to` of a PROXY submission and the CREATE2 deployer (docs/redemption.md#r6-proxy). */
  proxyFactory: '0xaB45c5A4B0c941a2F231C04C3f49182e1A254052',
  /** The relay hub a PROXY signature names (docs/redemption.md#r6-proxy). */
  relayHub: '0xD216153c06E857cD7f72665E0aF1d7D82172F494',
} as const;

export const POLYGON_CHAIN_ID = 137;

/** The adapter a condition is redeemed through: chosen by the market's Gamma `negRisk` (docs/redemption.md#r2-abi). */
export function adapterFor(negRisk: boolean): string {
  return negRisk ? REDEEM_CONTRACTS.negRiskCtfCollateralAdapter : REDEEM_CONTRACTS.ctfCollateralAdapter;
}

/** Both adapters, lower case: the only redeem targets the simulator and the checks accept. */
export const ADAPTERS: ReadonlySet<string> = new Set([
  REDEEM_CONTRACTS.ctfCollateralAdapter.toLowerCase(),
  REDEEM_CONTRACTS.negRiskCtfCollateralAdapter.toLowerCase(),
]);

/** The four-argument redeem (selector 0x01b7037c) and the reads, each as docs/redemption.md#r2-abi, #r4-onchain name them. */
export const ADAPTER_ABI = new Interface([
  'function redeemPositions(address collateralToken, bytes32 parentCollectionId, bytes32 conditionId, uint256[] indexSets)',
]);
export const CTF_ABI = new Interface([
  'function payoutDenominator(bytes32 conditionId) view returns (uint256)',
  'function isApprovedForAll(address owner, address operator) view returns (bool)',
  'function setApprovalForAll(address operator, bool approved)',
]);
export const ERC20_ABI = new Interface([
  'function balanceOf(address owner) view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
]);

const ZERO_BYTES32 = `0x${'00'.repeat(32)}`;
const CONDITION_ID = /^0x[0-9a-fA-F]{64}$/;

export function assertConditionId(conditionId: string): string {
  if (!CONDITION_ID.test(conditionId)) throw new RangeError('a condition id is 0x and 64 hex digits');
  return conditionId.toLowerCase();
}

/**
 * Call data of the redeem, with the arguments the official SDK sends: pUSD, a zero parent
 * collection, the condition and index sets [1, 2] (docs/redemption.md#r2-abi). The adapter
 * redeems the caller's whole balance of both outcomes (docs/redemption.md#r2-adapter-behaviour).
 */
export function redeemCallData(conditionId: string): string {
  return ADAPTER_ABI.encodeFunctionData('redeemPositions', [
    REDEEM_CONTRACTS.collateral,
    ZERO_BYTES32,
    assertConditionId(conditionId),
    [1n, 2n],
  ]);
}

/** The condition a redeem call names, or null when `data` is not a redeem call. */
export function conditionOfRedeemCall(data: string): string | null {
  try {
    const parsed = ADAPTER_ABI.parseTransaction({ data });
    if (parsed?.name !== 'redeemPositions') return null;
    const [collateral, parent, condition, sets] = parsed.args as unknown as [string, string, string, bigint[]];
    if (getAddress(collateral) !== REDEEM_CONTRACTS.collateral || parent !== ZERO_BYTES32) return null;
    if (sets.length !== 2 || sets[0] !== 1n || sets[1] !== 2n) return null;
    return condition.toLowerCase();
  } catch {
    return null;
  }
}

export const payoutDenominatorCall = (conditionId: string) =>
  CTF_ABI.encodeFunctionData('payoutDenominator', [assertConditionId(conditionId)]);
export const isApprovedCall = (owner: string, operator: string) =>
  CTF_ABI.encodeFunctionData('isApprovedForAll', [owner, operator]);
export const balanceOfCall = (owner: string) => ERC20_ABI.encodeFunctionData('balanceOf', [owner]);

/** The `Transfer` event's topic (keccak of its signature). */
export const TRANSFER_TOPIC = ERC20_ABI.getEvent('Transfer')!.topicHash;

export interface ReceiptLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
}

/**
 * pUSD minted to `holder` in a receipt: what the redemption paid (docs/redemption.md#r5: a
 * successful transaction does not prove a payout; the mint does). Base units = micro-dollars.
 */
export function collateralPaidTo(holder: string, logs: readonly ReceiptLog[]): bigint {
  const to = zeroPadValue(getAddress(holder), 32).toLowerCase();
  let paid = 0n;
  for (const log of logs) {
    if (log.address.toLowerCase() !== REDEEM_CONTRACTS.collateral.toLowerCase()) continue;
    if (log.topics[0]?.toLowerCase() !== TRANSFER_TOPIC || log.topics[2]?.toLowerCase() !== to) continue;
    paid += BigInt(log.data);
  }
  return paid;
}

// ---- Safe transactions (docs/redemption.md#r6-signing) ---------------------------------------------

export const SAFE_TX_TYPES = {
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
};

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** The EIP-712 digest of a one-call Safe transaction (operation 0, every gas field 0). */
export function safeTxDigest(safe: string, to: string, data: string, nonce: string): string {
  return TypedDataEncoder.hash({ chainId: POLYGON_CHAIN_ID, verifyingContract: getAddress(safe) }, SAFE_TX_TYPES, {
    to: getAddress(to),
    value: 0n,
    data,
    operation: 0,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: ZERO_ADDRESS,
    refundReceiver: ZERO_ADDRESS,
    nonce: BigInt(nonce),
  });
}

/** A personal-message signature packed as r ‖ s ‖ v with v raised to 31/32, as Safe expects for it. */
export function packSafeSignature(signature: string): string {
  const body = signature.slice(0, -2);
  const v = Number.parseInt(signature.slice(-2), 16);
  const raised = v === 0 || v === 1 ? v + 31 : v === 27 || v === 28 ? v + 4 : null;
  if (raised === null) throw new RangeError('unexpected signature v');
  return body + raised.toString(16);
}

/** Undoes `packSafeSignature` (v back to 27/28), for a checker that recovers the signer. */
export function unpackSafeSignature(packed: string): string {
  const v = Number.parseInt(packed.slice(-2), 16);
  if (v !== 31 && v !== 32) throw new RangeError('a Safe personal-message signature has v 31 or 32');
  return packed.slice(0, -2) + (v - 4).toString(16);
}

// ---- Deposit-wallet batches (docs/redemption.md#r6-signing) -----------------------------------------

export const DEPOSIT_BATCH_TYPES = {
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
};

export function depositBatchDomain(wallet: string) {
  return { name: 'DepositWallet', version: '1', chainId: POLYGON_CHAIN_ID, verifyingContract: getAddress(wallet) };
}

export function depositBatchValue(wallet: string, nonce: string, deadline: number, target: string, data: string) {
  return {
    wallet: getAddress(wallet),
    nonce: BigInt(nonce),
    deadline: BigInt(deadline),
    calls: [{ target: getAddress(target), value: 0n, data }],
  };
}

// ---- Proxy wallets, signature type 1 (docs/redemption.md#r6-proxy) ----------------------------------

/** The CREATE2 init code hash of a proxy wallet, as the official relayer client derives it (docs/redemption.md#r6-proxy). */
export const PROXY_INIT_CODE_HASH = '0xd21df8dc65880a8606f09fe0ce3df9b8869287ab0b058be05aa9e8af6330a00b';

/**
 * The proxy wallet of `owner`: CREATE2 by the proxy factory, salt keccak256 of the owner's 20
 * address bytes (docs/redemption.md#r6-proxy). Lower case. Whether every account's wallet is the
 * derived one is disputed by user reports: preflight compares it with the configured funder.
 */
export function proxyWalletOf(owner: string): string {
  return getCreate2Address(
    REDEEM_CONTRACTS.proxyFactory,
    keccak256(getAddress(owner)),
    PROXY_INIT_CODE_HASH,
  ).toLowerCase();
}

/** `proxy((uint8 typeCode, address to, uint256 value, bytes data)[] calls)`, selector 0x34ee9791. */
export const PROXY_FACTORY_ABI = new Interface([
  'function proxy((uint8 typeCode, address to, uint256 value, bytes data)[] calls) payable returns (bytes[] returnValues)',
]);

/** Type code of a plain call in a proxy call list (1; 0 is not a call: docs/redemption.md#r6-proxy). */
export const PROXY_CALL = 1;

/** The factory call that makes the owner's proxy wallet call `to` with `data` (one call, no value). */
export function proxyCallData(to: string, data: string): string {
  return PROXY_FACTORY_ABI.encodeFunctionData('proxy', [[[PROXY_CALL, getAddress(to), 0n, data]]]);
}

export interface ProxyRelayFields {
  /** The owner EOA (the signer). */
  readonly from: string;
  /** The factory call data (`proxyCallData`). */
  readonly data: string;
  /** Decimal, signed: the relay may spend at most this much gas. */
  readonly gasLimit: string;
  /** The relayer's nonce for the owner (decimal). */
  readonly nonce: string;
  /** The relay address the relayer named with that nonce. */
  readonly relay: string;
}

const word = (decimal: string | bigint) => zeroPadValue(toBeHex(BigInt(decimal)), 32);

/**
 * The hash a PROXY submission's owner signs as a personal message (its 32 raw bytes):
 * keccak256("rlx:" ‖ from ‖ factory ‖ data ‖ relayerFee 0 ‖ gasPrice 0 ‖ gasLimit ‖ nonce ‖ relay hub ‖ relay),
 * numbers as 32-byte words, addresses as their 20 bytes (docs/redemption.md#r6-proxy).
 */
export function proxyRelayHash(f: ProxyRelayFields): string {
  return keccak256(
    concat([
      toUtf8Bytes('rlx:'),
      getAddress(f.from),
      REDEEM_CONTRACTS.proxyFactory,
      f.data,
      word(0n),
      word(0n),
      word(f.gasLimit),
      word(f.nonce),
      REDEEM_CONTRACTS.relayHub,
      getAddress(f.relay),
    ]),
  );
}
