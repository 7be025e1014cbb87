/**
 * What preflight names when a venue check fails (docs/engine.md#preflight): the settings that
 * choose each venue's URL and the secret fields that hold its credentials. Shared by the CLI,
 * the preflight function (lib/runtime/preflight.ts) and `POST /trading/preflight`.
 */
export const PREFLIGHT_VENUE_HINTS = {
  kalshi: { urlSetting: 'KALSHI_API_URL', credentials: 'kalshiKeyId and kalshiPrivateKeyPem in the secret' },
  polymarket: {
    urlSetting: 'POLYMARKET_CLOB_URL / POLYMARKET_GAMMA_URL',
    credentials:
      'polymarketPrivateKey, polymarketApiKey, polymarketApiSecret, polymarketApiPassphrase, polymarketFunderAddress and polymarketSignatureType in the secret',
  },
} as const;
