/**
 * The connections of one simulated feed: a `ws` server without its own port (it takes upgrades
 * from the simulator's HTTP server), heartbeats, fault rules, counters, and `drained()` for
 * deterministic runs: it resolves once every frame the simulator has handed to a connection has
 * been written to its socket (none held by latency, a stall or a reorder).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type ConnectionStats, FeedConnection } from './feed-connection';
import { FeedFaults } from './feed-faults';

export interface FeedStats {
  readonly connections: readonly ConnectionStats[];
  /** Over all connections, closed ones included. */
  readonly sent: number;
  readonly pending: number;
  readonly withheld: number;
}

export class FeedHub {
  readonly faults = new FeedFaults();
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly all: FeedConnection[] = [];
  private nextId = 1;
  private waiters: Array<() => void> = [];
  private pinger: NodeJS.Timeout | null = null;

  /** `pingEveryMs` > 0: a protocol Ping to every connection that often (Kalshi's heartbeat). */
  constructor(pingEveryMs = 0) {
    if (pingEveryMs > 0) {
      this.pinger = setInterval(() => {
        for (const c of this.open()) c.ws.ping();
      }, pingEveryMs);
      this.pinger.unref();
    }
  }

  /** Completes an upgrade the caller has accepted; returns the new connection. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, ready: (c: FeedConnection) => void): void {
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const c = new FeedConnection(this.nextId++, ws, this.faults, () => this.idle());
      this.all.push(c);
      ready(c);
    });
  }

  open(): FeedConnection[] {
    return this.all.filter((c) => c.open);
  }

  connection(id: number): FeedConnection | undefined {
    return this.all.find((c) => c.id === id);
  }

  stats(): FeedStats {
    const connections = this.all.map((c) => c.stats());
    return {
      connections,
      sent: connections.reduce((n, c) => n + c.sent, 0),
      pending: connections.reduce((n, c) => n + c.pending, 0),
      withheld: connections.reduce((n, c) => n + c.withheld, 0),
    };
  }

  /** Resolves when no frame is waiting on any connection (latency, stall, reorder). */
  drained(): Promise<void> {
    if (this.all.every((c) => c.pending === 0)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Closes every connection (the server keeps accepting new ones). */
  dropAll(): void {
    for (const c of this.open()) c.close();
  }

  close(): void {
    if (this.pinger) clearInterval(this.pinger);
    for (const c of this.all) c.close();
    this.wss.close();
  }

  private idle(): void {
    if (!this.all.every((c) => c.pending === 0)) return;
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }
}

/** Refuses an upgrade with a plain HTTP answer. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}
