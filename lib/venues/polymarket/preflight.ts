/**
 * Polymarket's own preflight checks (docs/engine.md#preflight), behind the optional
 * `Venue.preflightChecks`: the wallet kind and an order signed for it (offline), the L1 key
 * derivation answer, the collateral balance and allowances, the series id and games tag of each
 * configured league (`/sports`), and the region answer of the geoblock endpoint. Nothing here places an order; key material never reaches a check's text.
 */
import { z } from 'zod';
import type { League } from '../../core/market';
import { type Clock, type ItemProblemSink, type PreflightCheck, VenueError } from '../../engine/ports';
import { check, explainError } from '../../engine/preflight-checks';
import { type FetchFn, HttpClient } from '../http';
import { CONTRACTS, GAMMA_GAMES_TAG_ID, LEAGUE_SPORT_CODE, SIGNATURE_TYPES } from './constants';
import { buildOrder, exchangeFor, signOrder } from './order-signing';
import type { PolymarketRest } from './rest';
import type { ClobSession } from './session';

/** `GET /time`: the CLOB's clock in unix seconds (docs/venues-polymarket.md#p-preflight-time). */
const TIME_PATH = '/time';

const WALLET_KIND: Readonly<Record<number, string>> = {
  [SIGNATURE_TYPES.EOA]: 'EOA (type 0: the key itself holds the funds)',
  [SIGNATURE_TYPES.POLY_PROXY]: 'proxy wallet (type 1: email / Magic accounts)',
  [SIGNATURE_TYPES.POLY_GNOSIS_SAFE]: 'Gnosis Safe (type 2: browser-wallet accounts)',
  [SIGNATURE_TYPES.POLY_1271]: 'deposit wallet (type 3: ERC-1271)',
};

const timeAnswer = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d{9,11}$/)
    .transform(Number),
]);
/** `GET /balance-allowance` with the allowances map (clob-client-v2 `BalanceAllowanceResponse`). */
const collateralAnswer = z.object({
  balance: z.string().regex(/^\d+$/),
  allowances: z.record(z.string(), z.string().regex(/^\d+$/)).optional(),
});
/** docs/venues-polymarket.md#p5-geoblock. */
const geoblockAnswer = z.object({
  blocked: z.boolean(),
  ip: z.string().optional(),
  country: z.string().optional(),
  region: z.string().optional(),
});

export async function polymarketServerTimeMs(rest: PolymarketRest): Promise<number> {
  const res = await rest.clob.request({ method: 'GET', path: TIME_PATH, schema: timeAnswer, idempotent: true });
  return res.data * 1000;
}

export interface PolymarketPreflightParts {
  readonly session: ClobSession | null;
  /** The configured leagues, and how to read their series ids (`/sports` afresh: discovery.ts). */
  readonly leagues: readonly League[];
  readonly leagueSeries: (leagues: readonly League[], sink: ItemProblemSink) => Promise<Map<League, string>>;
  readonly geoblockUrl: string | null;
  readonly clock: Clock;
  readonly fetch?: FetchFn;
}

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

async function walletCheck(session: ClobSession, clock: Clock): Promise<PreflightCheck> {
  const kind = WALLET_KIND[session.signatureType] ?? `signature type ${session.signatureType}`;
  const eoa = session.address;
  const funder = session.funderAddress;
  if (session.signatureType !== SIGNATURE_TYPES.EOA && funder.toLowerCase() === eoa.toLowerCase())
    return check(
      'polymarket.wallet',
      'polymarket',
      true,
      'fail',
      `${kind}, but the funder address is the signing key's own address ${short(eoa)}`,
      'Set polymarketFunderAddress to the proxy, Safe or deposit wallet shown on your Polymarket profile, or use signature type 0 if the key itself holds the funds.',
    );
  try {
    const order = buildOrder({
      clientOrderId: 'preflight-signing-check',
      tokenId: '1',
      side: 'BUY',
      priceMicros: 10_000,
      sizeCenti: 500,
      tickMicros: 10_000,
      signerAddress: eoa,
      funderAddress: funder,
      signatureType: session.signatureType,
      timestampMs: clock.now(),
    });
    await signOrder(session.wallet, order, exchangeFor({ negRisk: false, protocolVersion: 'v1' }));
  } catch (err) {
    return check(
      'polymarket.wallet',
      'polymarket',
      true,
      'fail',
      `${kind}: an order could not be signed (${err instanceof Error ? err.name : 'error'})`,
      'Check polymarketPrivateKey and polymarketSignatureType in the secret match the account.',
    );
  }
  const funds = session.signatureType === SIGNATURE_TYPES.EOA ? '' : `, funds held by ${short(funder)}`;
  return check(
    'polymarket.wallet',
    'polymarket',
    true,
    'pass',
    `${kind}; signing key ${short(eoa)}${funds}; an order was signed for it (offline, not sent)`,
  );
}

async function l1Check(session: ClobSession): Promise<PreflightCheck> {
  try {
    const derived = await session.deriveApiKey();
    const configured = await session.apiKey();
    if (derived.apiKey !== configured)
      return check(
        'polymarket.l1',
        'polymarket',
        false,
        'warn',
        'the L1 signature is accepted, but the configured L2 API key is not the one derived for this key (nonce 0)',
        'Fine if you created the key with another nonce; otherwise derive it again for this private key and update polymarketApiKey, polymarketApiSecret and polymarketApiPassphrase.',
      );
    return check(
      'polymarket.l1',
      'polymarket',
      true,
      'pass',
      'the L1 signature is accepted; the L2 API key belongs to this signing key',
    );
  } catch (err) {
    const e = explainError('polymarket', err, {}, 'the L1 key derivation');
    const fix =
      err instanceof VenueError && (err.status === 400 || err.status === 404)
        ? 'No API key exists for this signing key yet: create one once (L1 `POST /auth/api-key`, e.g. with the official client), then store it in the secret.'
        : e.fix;
    return check('polymarket.l1', 'polymarket', true, 'fail', e.detail, fix);
  }
}

async function collateralCheck(session: ClobSession): Promise<PreflightCheck> {
  try {
    const res = await session.request({
      method: 'GET',
      path: '/balance-allowance',
      query: { asset_type: 'COLLATERAL', signature_type: session.signatureType },
      schema: collateralAnswer,
      idempotent: true,
    });
    const { allowances } = res.data;
    const balance = `${(Number(res.data.balance) / 1e6).toFixed(2)} pUSD`;
    if (!allowances)
      return check(
        'polymarket.collateral',
        'polymarket',
        false,
        'warn',
        `${balance}; the venue did not report allowances`,
      );
    const allowed = (address: string) =>
      Object.entries(allowances).some(([k, v]) => k.toLowerCase() === address.toLowerCase() && BigInt(v) > 0n);
    const missing = [
      ['CTF Exchange', CONTRACTS.exchangeV2],
      ['Neg Risk Exchange', CONTRACTS.negRiskExchangeV2],
    ].filter(([, a]) => !allowed(a!));
    if (missing.length > 0)
      return check(
        'polymarket.collateral',
        'polymarket',
        true,
        'fail',
        `${balance}; no pUSD allowance for ${missing.map(([n]) => n).join(' and ')}`,
        'Approve pUSD for the exchange contracts once (Polymarket does this when you first trade on its site, or set the allowances with the official client).',
      );
    return check('polymarket.collateral', 'polymarket', true, 'pass', `${balance}; allowances set for the exchanges`);
  } catch (err) {
    const e = explainError('polymarket', err, {}, 'the collateral balance and allowance read');
    return check('polymarket.collateral', 'polymarket', true, 'fail', e.detail, e.fix);
  }
}

async function regionCheck(parts: PolymarketPreflightParts): Promise<PreflightCheck> {
  if (parts.geoblockUrl === null)
    return check(
      'polymarket.region',
      'polymarket',
      false,
      'skip',
      'no geoblock URL for a non-production CLOB host (set POLYMARKET_GEOBLOCK_URL to check one)',
    );
  const url = new URL(parts.geoblockUrl);
  const http = new HttpClient({
    venue: 'polymarket',
    baseUrl: url.origin,
    clock: parts.clock,
    timeoutMs: 5_000,
    ...(parts.fetch ? { fetch: parts.fetch } : {}),
  });
  try {
    const { data } = await http.request({
      method: 'GET',
      path: url.pathname,
      schema: geoblockAnswer,
      idempotent: true,
    });
    const where = [data.country, data.region].filter(Boolean).join('/') || 'unknown location';
    if (data.blocked)
      return check(
        'polymarket.region',
        'polymarket',
        true,
        'fail',
        `Polymarket blocks orders from this machine's location (${where})`,
        'Run the trader where Polymarket takes orders, and only if you may use Polymarket there (docs/deploy.md#who-may-use-which-venue): the venue names eu-west-1 as its closest unrestricted AWS region.',
      );
    return check(
      'polymarket.region',
      'polymarket',
      true,
      'pass',
      `not blocked from ${where} (the CLOB's own 403 on an order stays the final word)`,
    );
  } catch (err) {
    const e = explainError('polymarket', err, {}, 'the geoblock answer');
    return check('polymarket.region', 'polymarket', false, 'warn', e.detail, e.fix);
  }
}

/**
 * The series id `/sports` gives each configured league and the games tag discovery lists it with
 * (docs/venues-polymarket.md#p1-sports). A league without a usable row is never listed: required.
 */
async function seriesCheck(parts: PolymarketPreflightParts): Promise<PreflightCheck> {
  if (parts.leagues.length === 0)
    return check('polymarket.series', 'polymarket', true, 'skip', 'no leagues are configured');
  try {
    const problems: string[] = [];
    const series = await parts.leagueSeries(parts.leagues, (p) => problems.push(p.message));
    const found = [...series].map(([league, id]) => `${league}: Polymarket series ${id}, tag ${GAMMA_GAMES_TAG_ID}`);
    const missing = parts.leagues.filter((league) => !series.has(league));
    if (missing.length === 0) return check('polymarket.series', 'polymarket', true, 'pass', found.join('; '));
    const codes = missing.map((league) => `"${LEAGUE_SPORT_CODE[league]}" (${league})`).join(', ');
    return check(
      'polymarket.series',
      'polymarket',
      true,
      'fail',
      [`Polymarket /sports has no usable row for ${codes}: ${problems.join('; ')}`, ...found].join('; '),
      `The games of ${missing.join(', ')} cannot be listed on Polymarket. Remove ${missing.join(', ')} from POLYMIX_LEAGUES if the league is out of season there, or check Polymarket's sport code for it (LEAGUE_SPORT_CODE in lib/venues/polymarket/constants.ts) against GET /sports.`,
    );
  } catch (err) {
    const e = explainError('polymarket', err, {}, 'the sports listing (/sports)');
    return check('polymarket.series', 'polymarket', true, 'fail', e.detail, e.fix);
  }
}

export async function polymarketPreflightChecks(parts: PolymarketPreflightParts): Promise<PreflightCheck[]> {
  const series = await seriesCheck(parts);
  const region = await regionCheck(parts);
  if (!parts.session)
    return [
      check(
        'polymarket.wallet',
        'polymarket',
        true,
        'fail',
        'the client has no credentials',
        'Provide the Polymarket fields of the secret.',
      ),
      series,
      region,
    ];
  const session = parts.session;
  return [
    await walletCheck(session, parts.clock),
    await l1Check(session),
    await collateralCheck(session),
    series,
    region,
  ];
}
