/**
 * A Venue decorator that keeps the last listing and every book it passed on, so a benchmark
 * can time the pure matching and planning on exactly the data a real scan saw, without asking
 * the venue again. It changes nothing it forwards.
 */
import type { Book, League, VenueGame } from '../lib/core/market';
import type { ItemProblemSink, Venue } from '../lib/engine/ports';

export class CapturingVenue implements Venue {
  readonly name: Venue['name'];
  listed: VenueGame[] = [];
  readonly books = new Map<string, Book>();

  constructor(private readonly inner: Venue) {
    this.name = inner.name;
  }
  async listGames(leagues: readonly League[], sink?: ItemProblemSink): Promise<VenueGame[]> {
    this.listed = await this.inner.listGames(leagues, sink);
    return this.listed;
  }
  getBooks: Venue['getBooks'] = async (ids, sink) => {
    const out = await this.inner.getBooks(ids, sink);
    for (const [k, b] of out) this.books.set(k, b);
    return out;
  };
  placeOrder: Venue['placeOrder'] = (o) => this.inner.placeOrder(o);
  cancelOrder: Venue['cancelOrder'] = (l) => this.inner.cancelOrder(l);
  getOrder: Venue['getOrder'] = (l) => this.inner.getOrder(l);
  getBalance: Venue['getBalance'] = () => this.inner.getBalance();
  getPositions: Venue['getPositions'] = () => this.inner.getPositions();
  getResolution: Venue['getResolution'] = (i) => this.inner.getResolution(i);
}
