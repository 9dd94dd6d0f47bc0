/**
 * The CDK app: `-c stage=dev|prod` picks the stage; every stack is checked by cdk-nag's
 * AWS Solutions rules during synth, and any unacknowledged finding fails it. `-c deploy=true`
 * (passed by every deploy command) also refuses placeholder accounts and foreign credentials.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionName } from '@peer-rewards/platform-manifest';
import {
  assertDeployable,
  PLACEHOLDER_ACCOUNTS,
  STAGES,
  stageConfigFor,
  validateStages,
} from '../src/config/stages';
import { addStage } from '../src/stage';

const distDir = path.resolve(__dirname, '../../dist/apps');

/** The artifact's SHA-256 (written by the build beside the zip), unless `-c appVersion=` is given. */
const appVersionOf = (app: App, fn: FunctionName): string => {
  const fromContext: unknown = app.node.tryGetContext('appVersion');
  if (typeof fromContext === 'string' && fromContext !== '') return fromContext;
  try {
    const digest = /\b[0-9a-f]{64}\b/i.exec(
      readFileSync(path.join(distDir, `${fn}.zip.sha256`), 'utf8'),
    );
    return digest ? digest[0].slice(0, 12) : 'unversioned';
  } catch {
    return 'unversioned';
  }
};

const app = new App();
validateStages(STAGES);
const config = stageConfigFor(app.node.tryGetContext('stage'));
const requireAll = String(app.node.tryGetContext('requireAllArtifacts') ?? 'false') === 'true';
// Every deploy command passes -c deploy=true; a plain synth (offline, no credentials) does not.
if (String(app.node.tryGetContext('deploy') ?? 'false') === 'true') {
  assertDeployable(config, {
    placeholderAccounts: Object.values(PLACEHOLDER_ACCOUNTS),
    ...(process.env.CDK_DEFAULT_ACCOUNT ? { callerAccount: process.env.CDK_DEFAULT_ACCOUNT } : {}),
  });
}

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
addStage(app, config, {
  functionDir: (fn) => path.join(distDir, fn),
  appVersion: (fn) => appVersionOf(app, fn),
  preTrafficHookDir: path.join(distDir, 'pre-traffic-fn'),
  dashboardDir: path.join(distDir, 'dashboard'),
  requireAll,
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
});
app.synth();
