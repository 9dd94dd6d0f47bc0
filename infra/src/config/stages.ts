/**
 * Per-stage settings of the CDK app. `dev` and `prod` are built by the same code from one base;
 * each stage lists only what differs, so a reviewer sees every difference in one place.
 */
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '@peer-rewards/platform-manifest';
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

/** p99 budget: well under each function's timeout so a slow release is caught before it times out. */
const p99FromManifest = (share: number): Record<FunctionName, number> =>
  Object.fromEntries(
    FUNCTIONS.map((fn: FunctionSpec) => [fn.name, Math.round(fn.timeoutSeconds * 1000 * share)]),
  ) as Record<FunctionName, number>;

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
  alarms: {
    serverErrorsPerMinute: 1,
    errorsPerMinute: 1,
    p99DurationMs: p99FromManifest(0.5),
    evaluationPeriods: 1,
  },
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
    alarms: { ...prod.alarms, p99DurationMs: p99FromManifest(0.3) },
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
