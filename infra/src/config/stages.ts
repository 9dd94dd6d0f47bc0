/**
 * Per-stage settings of the CDK app. `dev` and `prod` are built by the same code from one base;
 * each stage lists only what differs, so a reviewer sees every difference in one place.
 */
import { canaryAlarmsFor, FUNCTIONS, type FunctionSpec } from '@peer-rewards/platform-manifest';
import type { StageConfig, StageName } from './stage-config';

export * from './stage-config';
export { assertDeployable, validateStageConfig, validateStages } from './validate-stage';

/**
 * Stand-ins for the real account ids, one per stage so that even the placeholders keep the
 * stages apart. Replace them with your accounts before the first deploy: `-c deploy=true`
 * (what every deploy command passes) fails while a stage still names one of these.
 */
export const PLACEHOLDER_ACCOUNTS: Readonly<Record<StageName, string>> = {
  dev: '111111111111',
  prod: '222222222222',
};

const sizingFromManifest = (): StageConfig['functions'] =>
  Object.fromEntries(
    FUNCTIONS.map((fn: FunctionSpec) => [
      fn.name,
      { memoryMb: fn.memoryMb, timeoutSeconds: fn.timeoutSeconds },
    ]),
  ) as StageConfig['functions'];

const GITHUB_REPOSITORY = 'peer-rewards/peer-rewards';
const REGION = 'eu-central-1';

/** What every stage shares; a stage's own block below overrides it. */
const base = (stage: StageName, dashboardDomain: string): StageConfig => ({
  stage,
  account: PLACEHOLDER_ACCOUNTS[stage],
  region: REGION,
  bootstrapQualifier: `rw${stage}`,
  corsOrigins: [`https://${dashboardDomain}`],
  auth: {
    cognitoDomainPrefix: `peer-rewards-${stage}`,
    scopes: ['openid', 'profile', 'email'],
    usernameClaim: 'username',
  },
  dashboard: { domainName: dashboardDomain },
  functions: sizingFromManifest(),
  throttling: { rateLimit: 50, burstLimit: 100 },
  generatorEnabled: false,
  generatorRewardsPerRun: 3,
  monthlyAllowance: 100,
  logLevel: 'info',
  logRetentionDays: 14,
  // The thresholds live in the platform manifest: the local deployment controller watches them too.
  alarms: canaryAlarmsFor(stage),
  // Each stage lives in its own account, so each creates that account's GitHub OIDC provider.
  github: { repository: GITHUB_REPOSITORY, oidcProvider: 'create' },
  retainData: false,
  deployment: 'all-at-once',
});

const dev = base('dev', 'dev.rewards.example.com');
const prod = base('prod', 'rewards.example.com');

export const STAGES: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    ...dev,
    corsOrigins: ['http://localhost:3000', ...dev.corsOrigins],
    logLevel: 'debug',
  },
  prod: {
    ...prod,
    throttling: { rateLimit: 200, burstLimit: 400 },
    logRetentionDays: 90,
    retainData: true,
    deployment: 'canary-10-percent-5-minutes',
  },
};

/** The config of `-c stage=<name>`, with a clear error for a stage that does not exist. */
export const stageConfigFor = (stage: string | undefined): StageConfig => {
  const names = Object.keys(STAGES);
  if (stage === undefined || stage === '') {
    throw new Error(`Missing stage: pass -c stage=<${names.join('|')}>.`);
  }
  if (!names.includes(stage)) {
    throw new Error(`Unknown stage "${stage}": expected one of ${names.join(', ')}.`);
  }
  return STAGES[stage as StageName];
};
