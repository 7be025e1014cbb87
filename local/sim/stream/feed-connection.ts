/**
 * One subscriber connection of a simulated feed: every frame goes through the feed's faults
 * (./feed-faults.ts) and its latency, in order, and is counted, so a deterministic run can tell
 * when everything the simulator meant to send has been written (`FeedHub.drained()`).
 */
import type { WebSocket } from 'ws';
import type { FeedFaults } from './feed-faults';

export interface ConnectionStats {
  readonly id: number;
  readonly open: boolean;
  /** Frames written to the socket (duplicates twice, malformed ones once, heartbeats included). */
  readonly sent: number;
  /** Frames waiting (latency, stall, a held reorder). */
  readonly pending: number;
  /** Frames the faults withheld (freeze, gap). */
  readonly withheld: number;
}

export class FeedConnection {
  private readonly queue: Array<{ text: string; at: number }> = [];
  private timer: NodeJS.Timeout | null = null;
  private held: string | null = null;
  private stalledUntil = 0;
  private lastAt = 0;
  sent = 0;
  withheld = 0;
  private closed = false;

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    private readonly faults: FeedFaults,
    private readonly onIdle: () => void,
  ) {
    ws.on('close', () => this.shut());
    ws.on('error', () => this.shut());
  }

  get open(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  get pending(): number {
    return this.queue.length + (this.held !== null ? 1 : 0);
  }

  stats(): ConnectionStats {
    return { id: this.id, open: this.open, sent: this.sent, pending: this.pending, withheld: this.withheld };
  }

  /** Sends one frame, subject to the faults. `heartbeat` (a PONG): only latency applies. */
  send(text: string, heartbeat = false): void {
    if (!this.open) return;
    const action = this.faults.decide(this.id, heartbeat);
    switch (action.kind) {
      case 'drop':
        this.ws.terminate();
        this.shut();
        return;
      case 'withhold':
        this.withheld++;
        return;
      case 'duplicate':
        this.enqueue(text);
        this.enqueue(text);
        return;
      case 'reorder':
        if (this.held !== null) this.enqueue(this.held);
        this.held = text;
        return;
      case 'malformed':
        this.enqueue(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
        return;
      case 'stall':
        this.stalledUntil = Date.now() + action.ms;
        this.enqueue(text);
        return;
      default:
        this.enqueue(text);
        if (this.held !== null) {
          this.enqueue(this.held);
          this.held = null;
        }
    }
  }

  close(): void {
    this.ws.terminate();
    this.shut();
  }

  private enqueue(text: string): void {
    const at = Math.max(Date.now() + this.faults.latencyMs(this.id), this.stalledUntil, this.lastAt);
    this.lastAt = at;
    this.queue.push({ text, at });
    this.pump();
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const head = this.queue[0] as { text: string; at: number };
      const wait = head.at - Date.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.queue.shift();
      if (!this.open) continue;
      this.ws.send(head.text);
      this.sent++;
    }
    if (this.pending === 0) this.onIdle();
  }

  private shut(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
    this.held = null;
    this.onIdle();
  }
}
