/**
 * CDK entry (cdk.json `app`). `npx cdk synth` works offline with no credentials: the stack is
 * environment-agnostic unless CDK_DEFAULT_ACCOUNT/REGION are known (they are at deploy time).
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from './nag';
import { PolyMixStack } from './stack';

const app = new App();
new PolyMixStack(app, 'PolyMix', {
  env:
    process.env.CDK_DEFAULT_ACCOUNT && process.env.CDK_DEFAULT_REGION
      ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }
      : undefined,
});
addNagChecks(app);
app.synth();
