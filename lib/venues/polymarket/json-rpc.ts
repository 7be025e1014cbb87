/**
 * A small Polygon JSON-RPC client for redemption (docs/redemption.md#r10): only the methods the
 * redeemer needs, each answer checked with zod. It goes through the project's one HTTP layer
 * (lib/venues/http.ts: timeout, rate limit, retries of idempotent calls only). A JSON-RPC error
 * is thrown as `RpcError` with the node's code and message (never the request: a raw transaction
 * is not logged).
 */
import { z } from 'zod';
import { BadResponse, type Clock, VenueError } from '../../engine/ports';
import { type FetchFn, HttpClient } from '../http';

const quantity = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/);
const data = z.string().regex(/^0x([0-9a-fA-F]{2})*$/);
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

const logSchema = z.object({ address: z.string(), topics: z.array(data), data });
export const receiptSchema = z.object({
  transactionHash: hash,
  status: z.enum(['0x0', '0x1']),
  gasUsed: quantity,
  effectiveGasPrice: quantity,
  logs: z.array(logSchema),
});
export type RpcReceipt = z.infer<typeof receiptSchema>;

const blockSchema = z.object({ baseFeePerGas: quantity });

/** The node answered with a JSON-RPC error (a revert, a refused transaction). */
export class RpcError extends VenueError {
  constructor(
    message: string,
    readonly code: number,
    readonly rpcMessage: string,
    endpoint: string,
  ) {
    super(message, { venue: 'polymarket', endpoint });
  }
}

let nextId = 1;

export interface JsonRpcOptions {
  readonly url: string;
  readonly timeoutMs?: number;
  readonly fetch?: FetchFn;
  readonly clock?: Clock;
}

export class JsonRpc {
  private readonly http: HttpClient;

  constructor(options: JsonRpcOptions) {
    const url = new URL(options.url);
    this.http = new HttpClient({
      venue: 'polymarket',
      baseUrl: url.origin,
      readLimit: { ratePerSec: 10, burst: 20 },
      writeLimit: { ratePerSec: 10, burst: 20 },
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.path = url.pathname === '' ? '/' : url.pathname;
  }

  private readonly path: string;

  /** One call. `idempotent` false only for `eth_sendRawTransaction`. */
  async call<S extends z.ZodType>(
    method: string,
    params: unknown[],
    schema: S,
    idempotent = true,
  ): Promise<z.infer<S>> {
    const endpoint = `rpc ${method}`;
    const envelope = z.union([
      z.object({ jsonrpc: z.literal('2.0'), result: z.unknown() }),
      z.object({
        jsonrpc: z.literal('2.0'),
        error: z.object({ code: z.number().int(), message: z.string().max(2_000) }),
      }),
    ]);
    const res = await this.http.request({
      method: 'POST',
      path: this.path,
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      schema: envelope,
      idempotent,
      class: idempotent ? 'read' : 'write',
      endpoint,
    });
    if ('error' in res.data) {
      const e = res.data.error;
      throw new RpcError(`${endpoint}: ${e.message.slice(0, 200)} (code ${e.code})`, e.code, e.message, endpoint);
    }
    const parsed = schema.safeParse(res.data.result);
    if (!parsed.success) {
      throw new BadResponse(`${endpoint} sent an unexpected result`, { venue: 'polymarket', endpoint });
    }
    return parsed.data as z.infer<S>;
  }

  async chainId(): Promise<number> {
    return Number(await this.call('eth_chainId', [], quantity));
  }

  async nonce(address: string, block: 'latest' | 'pending'): Promise<number> {
    return Number(await this.call('eth_getTransactionCount', [address, block], quantity));
  }

  async balanceWei(address: string): Promise<bigint> {
    return BigInt(await this.call('eth_getBalance', [address, 'latest'], quantity));
  }

  async ethCall(to: string, callData: string): Promise<string> {
    return this.call('eth_call', [{ to, data: callData }, 'latest'], data);
  }

  async estimateGas(from: string, to: string, callData: string): Promise<bigint> {
    return BigInt(await this.call('eth_estimateGas', [{ from, to, data: callData }], quantity));
  }

  async baseFeeWei(): Promise<bigint> {
    const block = await this.call('eth_getBlockByNumber', ['latest', false], blockSchema);
    return BigInt(block.baseFeePerGas);
  }

  async sendRaw(raw: string): Promise<string> {
    return this.call('eth_sendRawTransaction', [raw], hash, false);
  }

  async receipt(txHash: string): Promise<RpcReceipt | null> {
    return this.call('eth_getTransactionReceipt', [txHash], receiptSchema.nullable());
  }

  /** True when the node knows the transaction (pending or mined). */
  async knows(txHash: string): Promise<boolean> {
    return (await this.call('eth_getTransactionByHash', [txHash], z.object({ hash }).loose().nullable())) !== null;
  }
}
