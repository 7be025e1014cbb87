/** Error messages → the venue error hierarchy (docs/venues-polymarket.md#p5). */

import { AuthError, InsufficientFunds, RegionRestricted, Rejected, Unavailable } from '../../../../lib/engine/ports';
import { classifyError, errorFor, regionAware } from '../../../../lib/venues/polymarket/errors';

describe('Polymarket error messages', () => {
  const details = { venue: 'polymarket' as const, endpoint: 'POST /order' };

  it('classify FOK and FAK no-fills as outcomes, not errors', () => {
    expect(classifyError("order couldn't be fully filled. FOK orders are fully filled or killed.")).toBe('noFill');
    expect(
      classifyError(
        'no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.',
      ),
    ).toBe('noFill');
  });

  it('map balance, auth, pause and other refusals to the hierarchy', () => {
    expect(errorFor('not enough balance / allowance', details)).toBeInstanceOf(InsufficientFunds);
    expect(errorFor('Unauthorized/Invalid api key', details)).toBeInstanceOf(AuthError);
    expect(errorFor('the order signer address has to be the address of the API KEY', details)).toBeInstanceOf(
      AuthError,
    );
    expect(errorFor('maker address not allowed, please use the deposit wallet flow', details)).toBeInstanceOf(
      AuthError,
    );
    expect(errorFor('Trading is currently disabled. Check polymarket.com for updates', details)).toBeInstanceOf(
      Unavailable,
    );
    expect(
      errorFor('Trading is currently cancel-only. New orders are not accepted, but cancels are allowed.', details),
    ).toBeInstanceOf(Unavailable);
    for (const msg of [
      'order_version_mismatch',
      'invalid post-only order: order crosses book',
      'order is invalid. Price breaks minimum tick size rules',
      'order is invalid. Size lower than the minimum',
      "order is invalid. Duplicated. Same order has already been placed, can't be placed again",
      'invalid signature',
      'something nobody documented',
    ]) {
      const err = errorFor(msg, details);
      expect(err).toBeInstanceOf(Rejected);
      expect(err).not.toBeInstanceOf(InsufficientFunds);
    }
  });

  it('treat a delayed match as pending', () => {
    expect(classifyError('order match delayed due to market conditions')).toBe('pending');
  });
});

describe('region block (docs/venues-polymarket.md#p5-region-block)', () => {
  const text =
    'Trading restricted in your region, please refer to available regions - https://docs.polymarket.com/developers/CLOB/geoblock';
  const http403 = (excerpt: string) =>
    new AuthError('polymarket POST /order refused our credentials (403)', {
      venue: 'polymarket',
      endpoint: 'POST /order',
      status: 403,
      excerpt,
    });

  it('maps the message to RegionRestricted, a non-retryable AuthError', () => {
    const err = errorFor(text, { venue: 'polymarket', endpoint: 'POST /order', status: 403 });
    expect(err).toBeInstanceOf(RegionRestricted);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/region/);
  });

  it('turns the HTTP layer 403 with that body into RegionRestricted, and leaves every other error alone', () => {
    const mapped = regionAware(http403(JSON.stringify({ error: text })));
    expect(mapped).toBeInstanceOf(RegionRestricted);
    expect((mapped as RegionRestricted).message).toContain(text);
    expect(regionAware(http403('{"error":"Unauthorized/Invalid api key"}'))).not.toBeInstanceOf(RegionRestricted);
    const cloudflare = http403('<html>Sorry, you have been blocked</html>');
    expect(regionAware(cloudflare)).toBe(cloudflare);
    const rejected = new Rejected(text, { venue: 'polymarket' });
    expect(regionAware(rejected)).toBe(rejected);
  });
});
