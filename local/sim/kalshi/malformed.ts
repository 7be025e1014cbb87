/**
 * Bodies for the `malformed` fault: HTTP 200 with JSON that does not match the venue's schema
 * (numbers where Kalshi sends strings, missing arrays), so clients must answer `BadResponse`.
 */
export function malformedBody(endpoint: string): unknown {
  switch (endpoint) {
    case 'GET /markets/{ticker}/orderbook':
      return { orderbook_fp: { yes_dollars: [['0.42']], no_dollars: 'unavailable' } };
    case 'GET /markets/orderbooks':
      return { orderbooks: [{ ticker: 42, orderbook_fp: null }] };
    case 'GET /markets':
      return { markets: [{ ticker: null, yes_ask_dollars: 0.42 }], cursor: 7 };
    case 'POST /portfolio/events/orders':
      return { order_id: 12345, fill_count: 3.5 };
    case 'GET /portfolio/balance':
      return { balance: '12.34' };
    default:
      return { data: '<html>upstream error</html>' };
  }
}
