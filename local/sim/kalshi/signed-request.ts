/**
 * Client-side signing for talking to the simulator from tests and tools (docs/venues-kalshi.md#k3), kept
 * beside the verifier so the simulator never depends on lib/venues/kalshi.
 */
import { constants, sign } from 'node:crypto';

export function kalshiAuthHeaders(
  keyId: string,
  privateKeyPem: string,
  method: string,
  path: string,
  timestampMs: number,
): Record<string, string> {
  const ts = String(timestampMs);
  const signature = sign('sha256', Buffer.from(`${ts}${method.toUpperCase()}${path}`), {
    key: privateKeyPem,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  });
  return {
    'KALSHI-ACCESS-KEY': keyId,
    'KALSHI-ACCESS-TIMESTAMP': ts,
    'KALSHI-ACCESS-SIGNATURE': signature.toString('base64'),
  };
}
