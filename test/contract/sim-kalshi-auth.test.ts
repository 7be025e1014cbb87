/**
 * Contract: the simulator refuses the official SDK's requests signed with an unregistered key.
 * In its own file because kalshi-typescript's BaseAPI adds its signing interceptor to the
 * GLOBAL axios instance (docs/venues-kalshi.md#k7): in one process, every API object ever built signs
 * every request, and the first-built one's headers win. (Seen here: a wrong-key client built
 * after a right-key one still got 200.) Our own client must not share global axios state.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Configuration, PortfolioApi } from 'kalshi-typescript';
import { type KalshiSim, startKalshiSim } from '../../local/sim/kalshi';

let sim: KalshiSim;
const pem = (k: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
  k.export({ type: 'pkcs8', format: 'pem' }).toString();

beforeAll(async () => {
  sim = await startKalshiSim();
  const registered = generateKeyPairSync('rsa', { modulusLength: 2048 });
  sim.control.registerAccount({
    keyId: 'contract-key',
    publicKeyPem: registered.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: 0,
  });
});
afterAll(() => sim.close());

describe('kalshi-typescript SDK with the wrong key', () => {
  it('is refused with 401 authentication_error', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const wrong = new Configuration({ basePath: sim.url, apiKey: 'contract-key', privateKeyPem: pem(other) });
    await expect(new PortfolioApi(wrong).getBalance()).rejects.toMatchObject({
      response: { status: 401, data: { error: { code: 'authentication_error' } } },
    });
  });
});
