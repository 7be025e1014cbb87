/**
 * Redemption wiring (lib/runtime/redemption.ts, docs/deploy.md#redemption): which configuration
 * and secret build a redeemer, and what a wrong one says (naming fields, never a value).
 */
import { loadConfig } from '../../../lib/config';
import type { Secrets } from '../../../lib/config/secrets';
import { buildRedemption, redemptionChecks, redemptionProblem } from '../../../lib/runtime/redemption';
import type { DynamoStore } from '../../../lib/store';
import { PaperRedeemer } from '../../../lib/venues/paper-redeemer';
import { createPolymarketVenue } from '../../../lib/venues/polymarket';
import { validSecrets } from '../config/fixtures';

const RELAYER_KEY = 'relayer-key-for-the-wiring-test-0123456789';
const secrets = (over: Partial<Secrets> = {}): Secrets => ({ ...validSecrets().valid, ...over });
const config = (env: Record<string, string>) => loadConfig(env);
const venue = createPolymarketVenue({});
const store = {} as unknown as DynamoStore;

describe('redemption wiring', () => {
  it('off: nothing is built, in either mode', () => {
    expect(buildRedemption(config({}), 'live', secrets(), venue, store)).toEqual({
      redemption: undefined,
      problem: null,
    });
    expect(buildRedemption(config({}), 'paper', null, venue, store).redemption).toBeUndefined();
  });

  it('paper: the paper redeemer, no chain needed', () => {
    const built = buildRedemption(config({ POLYMIX_REDEEM_WALLET: 'eoa' }), 'paper', null, venue, store);
    expect(built.redemption?.redeemer).toBeInstanceOf(PaperRedeemer);
  });

  it('live: the wallet kind must agree with the signature type, and have what it needs', () => {
    const eoa = config({ POLYMIX_REDEEM_WALLET: 'eoa', POLYGON_RPC_URL: 'https://polygon.example.org' });
    expect(redemptionProblem(eoa, secrets({ polymarketSignatureType: 0 }))).toBeNull();
    expect(redemptionProblem(eoa, secrets({ polymarketSignatureType: 2 }))).toBe(
      "POLYMIX_REDEEM_WALLET is eoa but the secret's polymarketSignatureType is 2",
    );
    expect(
      redemptionProblem(config({ POLYMIX_REDEEM_WALLET: 'eoa' }), secrets({ polymarketSignatureType: 0 })),
    ).toMatch(/no Polygon RPC/);
    expect(
      redemptionProblem(config({ POLYMIX_REDEEM_WALLET: 'eoa' }), {
        ...secrets({ polymarketSignatureType: 0 }),
        polygonRpcUrl: 'https://polygon.example.org/v2/key',
      }),
    ).toBeNull();
    const safe = config({ POLYMIX_REDEEM_WALLET: 'safe', POLYGON_RPC_URL: 'https://polygon.example.org' });
    expect(redemptionProblem(safe, secrets())).toMatch(
      /polymarketRelayerApiKey and polymarketRelayerApiKeyAddress are missing/,
    );
    const withKey = secrets({
      polymarketRelayerApiKey: RELAYER_KEY,
      polymarketRelayerApiKeyAddress: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    });
    expect(redemptionProblem(safe, withKey)).toBeNull();
    const built = buildRedemption(safe, 'live', withKey, venue, store);
    expect(built.problem).toBeNull();
    expect(built.redemption?.redeemer).toMatchObject({ walletKind: 'safe' });
    expect(JSON.stringify(built.redemption?.redeemer)).not.toContain(RELAYER_KEY);
    // Proxy wallets (docs/deploy.md#redemption): signature type 1, the relayer key, the stuck time as policy.
    const proxy = config({
      POLYMIX_REDEEM_WALLET: 'proxy',
      POLYGON_RPC_URL: 'https://polygon.example.org',
      POLYMIX_REDEEM_STUCK_MINUTES: '20',
    });
    expect(redemptionProblem(proxy, withKey)).toBe(
      "POLYMIX_REDEEM_WALLET is proxy but the secret's polymarketSignatureType is 2",
    );
    const proxyKey = { ...withKey, polymarketSignatureType: 1 as const };
    expect(redemptionProblem(proxy, { ...proxyKey, polymarketRelayerApiKey: undefined })).toMatch(
      /a proxy wallet redeems through the relayer/,
    );
    const proxyBuilt = buildRedemption(proxy, 'live', proxyKey, venue, store);
    expect(proxyBuilt.problem).toBeNull();
    expect(proxyBuilt.redemption?.redeemer).toMatchObject({ walletKind: 'proxy' });
    expect(proxyBuilt.redemption?.policy).toEqual({ relayerStuckAfterMs: 20 * 60_000 });
    const broken = buildRedemption(safe, 'live', secrets(), venue, store);
    expect(broken.redemption).toBeUndefined();
    expect(broken.problem).toMatch(/relayer/);
  });

  it('preflight: off is a warning; a bad configuration a required failure naming the problem', async () => {
    expect(await redemptionChecks(config({}), secrets(), venue)).toEqual([
      expect.objectContaining({ id: 'redeem.config', result: 'warn', required: false }),
    ]);
    const bad = await redemptionChecks(config({ POLYMIX_REDEEM_WALLET: 'deposit' }), secrets(), venue);
    expect(bad).toEqual([
      expect.objectContaining({
        id: 'redeem.config',
        result: 'fail',
        required: true,
        detail: "POLYMIX_REDEEM_WALLET is deposit but the secret's polymarketSignatureType is 2",
      }),
    ]);
  });
});
