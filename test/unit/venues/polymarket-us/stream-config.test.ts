/**
 * The stream settings of the Polymarket US client (docs/venues-polymarket-us.md#u-stream): the
 * markets WebSocket by default, `ws://` only to this machine, never more than the venue's 100
 * markets per subscription.
 */
import { createPolymarketUsVenue, PMUS_WS_URL } from '../../../../lib/venues/polymarket-us';

describe('Polymarket US stream configuration', () => {
  it('defaults to the venue’s markets WebSocket', () => {
    expect(PMUS_WS_URL).toBe('wss://api.polymarket.us/v1/ws/markets');
    expect(createPolymarketUsVenue().toJSON()).toMatchObject({ wsUrl: PMUS_WS_URL });
  });

  it('takes wss:// anywhere and ws:// only to localhost', () => {
    expect(createPolymarketUsVenue({ wsUrl: 'ws://127.0.0.1:5002/v1/ws/markets/' }).toJSON()).toMatchObject({
      wsUrl: 'ws://127.0.0.1:5002/v1/ws/markets',
    });
    for (const wsUrl of [
      'ws://api.polymarket.us/v1/ws/markets',
      'https://api.polymarket.us/v1/ws/markets',
      'wss://api.polymarket.us/v1/ws/markets?key=1',
      'wss://user:pw@api.polymarket.us/v1/ws/markets',
      'not a url',
    ]) {
      expect(() => createPolymarketUsVenue({ wsUrl })).toThrow(/wsUrl/);
    }
  });

  it('refuses more than 100 markets per subscription', () => {
    expect(() => createPolymarketUsVenue({ stream: { maxMarketsPerSubscription: 101 } })).toThrow(
      /maxMarketsPerSubscription/,
    );
    expect(() => createPolymarketUsVenue({ stream: { maxMarketsPerSubscription: 100 } })).not.toThrow();
  });
});
