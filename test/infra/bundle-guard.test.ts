/**
 * The official venue SDKs are test oracles only: a Lambda bundle that contains one fails the
 * synth (infra/bundle-guard.ts), instead of shipping or failing later in AWS.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FORBIDDEN_PACKAGES, forbiddenInputs } from '../../infra/bundle-guard';
import { FIXTURE_HANDLER, synthPolyMix } from '../support/infra/synth';

describe('forbiddenInputs', () => {
  it('names each oracle SDK found among esbuild inputs, once', () => {
    expect(
      forbiddenInputs([
        'node_modules/kalshi-typescript/dist/index.js',
        'node_modules/kalshi-typescript/dist/api.js',
        '../node_modules/@polymarket/clob-client-v2/dist/client.cjs',
        'node_modules/polymarket-us/dist/index.js',
        'lib/core/money.ts',
      ]),
    ).toEqual(['@polymarket/clob-client-v2', 'kalshi-typescript', 'polymarket-us']);
  });

  it('does not confuse similarly named packages or our own files', () => {
    expect(
      forbiddenInputs([
        'node_modules/kalshi-typescript-extra/index.js',
        'lib/venues/kalshi/client.ts',
        'lib/venues/polymarket-us/client.ts',
        'node_modules/polymarket-us-extra/index.js',
        'node_modules/@polymarket/other/x.js',
      ]),
    ).toEqual([]);
  });

  it('covers the three official SDKs', () => {
    expect(FORBIDDEN_PACKAGES).toEqual(['@polymarket/clob-client-v2', 'kalshi-typescript', 'polymarket-us']);
  });
});

describe('synth', () => {
  it('fails when a handler bundles kalshi-typescript, naming the package and the function', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'polymix-cdk-'));
    try {
      expect(() =>
        synthPolyMix({
          outdir,
          nag: false,
          entries: {
            scan: 'test/infra/fixtures/imports-oracle.ts',
            settle: FIXTURE_HANDLER,
            api: FIXTURE_HANDLER,
            preflight: FIXTURE_HANDLER,
          },
        }),
      ).toThrow(/PolyMix\/Functions\/Scan: the Lambda bundle contains kalshi-typescript/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
