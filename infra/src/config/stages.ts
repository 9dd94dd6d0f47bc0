/**
 * Per-stage settings of the CDK app. `dev` and `prod` are built by the same code; everything
 * that differs between them lives here, so a reviewer sees every difference in one file.
 */
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '@peer-rewards/platform-manifest';

export type StageName = 'dev' | 'prod';

export const STAGE_NAMES: readonly StageName[] = ['dev', 'prod'];

/** An OIDC issuer that already exists (Okta, Entra ID, Auth0, another Cognito pool). */
export interface ExternalJwtConfig {
  readonly issuer: string;
  /** Accepted `aud` (or Cognito `client_id`) values. */
  readonly audience: readonly string[];
  /** The dashboard's public client (authorization code + PKCE). */
  readonly clientId: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  /** Opened as is on sign-out, so it carries whatever parameters the provider needs. */
  readonly logoutUrl?: string;
  /** The token whose claims include `usernameClaim` and whose `aud` is in `audience`. */
  readonly tokenUse: 'id' | 'access';
}

export interface AuthConfig {
  /** When absent, the API stack creates a Cognito user pool and a public app client. */
  readonly jwt?: ExternalJwtConfig;
  /** Hosted UI domain prefix of the created user pool (unique per region across AWS). */
  readonly cognitoDomainPrefix: string;
  /** OAuth scopes the dashboard asks for. */
  readonly scopes: readonly string[];
  /** The JWT claim that names the caller (`USERNAME_CLAIM`). */
  readonly usernameClaim: string;
}

export interface DashboardConfig {
  /**
   * The dashboard's own domain. It is known before anything is deployed, so the API's CORS
   * origins and the OAuth callback URLs can name it without a dependency on the dashboard stack.
   * Its ACM certificate (us-east-1, as CloudFront requires) is read from the SSM parameter
   * `/peer-rewards/<stage>/dashboard/certificate-arn`, created once per account.
   */
  readonly domainName: string;
}

export interface FunctionSizing {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

export interface AlarmThresholds {
  /** Errors of the `live` alias per minute that fail a deployment. */
  readonly errorsPerMinute: number;
  /** p99 duration of the `live` alias (ms) that fails a deployment, per function. */
  readonly p99DurationMs: Readonly<Record<FunctionName, number>>;
  /** Consecutive one-minute periods over a threshold before the alarm fires. */
  readonly evaluationPeriods: number;
}

export interface GithubConfig {
  /** `owner/name` of the repository whose workflows may assume the deploy role. */
  readonly repository: string;
  /**
   * `create`: this stage's deploy-role stack owns the account's GitHub OIDC provider.
   * `import`: another stage in the same account created it (an account holds one per URL).
   */
  readonly oidcProvider: 'create' | 'import';
}

export interface StageConfig {
  readonly stage: StageName;
  /** Pinned account/region; when absent the stacks are environment-agnostic (synth offline). */
  readonly account?: string;
  readonly region?: string;
  /** Origins allowed by the API's CORS configuration; never `*`. */
  readonly corsOrigins: readonly string[];
  readonly auth: AuthConfig;
  readonly dashboard: DashboardConfig;
  readonly functions: Readonly<Record<FunctionName, FunctionSizing>>;
  /** Default route throttling of the HTTP API stage. */
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  /** The scheduled demo generator stays off unless a stage turns it on. */
  readonly generatorEnabled: boolean;
  readonly generatorRewardsPerRun: number;
  readonly monthlyAllowance: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Retention of the function and access log groups. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  readonly alarms: AlarmThresholds;
  readonly github: GithubConfig;
  /** Prod keeps its data when the stack is deleted; dev is disposable. */
  readonly retainData: boolean;
  /** CodeDeploy traffic shifting for the `live` alias. */
  readonly deployment: 'canary-10-percent-5-minutes' | 'all-at-once';
}

const sizingFromManifest = (): Record<FunctionName, FunctionSizing> =>
  Object.fromEntries(
    FUNCTIONS.map((fn: FunctionSpec) => [
      fn.name,
      { memoryMb: fn.memoryMb, timeoutSeconds: fn.timeoutSeconds },
    ]),
  ) as Record<FunctionName, FunctionSizing>;

/** p99 budget: well under each function's timeout so a slow release is caught before it times out. */
const p99FromManifest = (share: number): Record<FunctionName, number> =>
  Object.fromEntries(
    FUNCTIONS.map((fn: FunctionSpec) => [fn.name, Math.round(fn.timeoutSeconds * 1000 * share)]),
  ) as Record<FunctionName, number>;

const GITHUB_REPOSITORY = 'peer-rewards/peer-rewards';
const DEV_DASHBOARD_DOMAIN = 'dev.rewards.example.com';
const PROD_DASHBOARD_DOMAIN = 'rewards.example.com';

export const STAGES: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    corsOrigins: ['http://localhost:3000', `https://${DEV_DASHBOARD_DOMAIN}`],
    auth: {
      cognitoDomainPrefix: 'peer-rewards-dev',
      scopes: ['openid', 'profile', 'email'],
      usernameClaim: 'username',
    },
    dashboard: { domainName: DEV_DASHBOARD_DOMAIN },
    functions: sizingFromManifest(),
    throttling: { rateLimit: 50, burstLimit: 100 },
    generatorEnabled: false,
    generatorRewardsPerRun: 3,
    monthlyAllowance: 100,
    logLevel: 'debug',
    logRetentionDays: 14,
    alarms: { errorsPerMinute: 1, p99DurationMs: p99FromManifest(0.5), evaluationPeriods: 1 },
    github: { repository: GITHUB_REPOSITORY, oidcProvider: 'create' },
    retainData: false,
    deployment: 'all-at-once',
  },
  prod: {
    stage: 'prod',
    corsOrigins: [`https://${PROD_DASHBOARD_DOMAIN}`],
    auth: {
      cognitoDomainPrefix: 'peer-rewards-prod',
      scopes: ['openid', 'profile', 'email'],
      usernameClaim: 'username',
    },
    dashboard: { domainName: PROD_DASHBOARD_DOMAIN },
    functions: sizingFromManifest(),
    throttling: { rateLimit: 200, burstLimit: 400 },
    generatorEnabled: false,
    generatorRewardsPerRun: 3,
    monthlyAllowance: 100,
    logLevel: 'info',
    logRetentionDays: 90,
    alarms: { errorsPerMinute: 1, p99DurationMs: p99FromManifest(0.3), evaluationPeriods: 1 },
    github: { repository: GITHUB_REPOSITORY, oidcProvider: 'import' },
    retainData: true,
    deployment: 'canary-10-percent-5-minutes',
  },
};

/** The config of `-c stage=<name>`, with a clear error for a stage that does not exist. */
export const stageConfigFor = (stage: string | undefined): StageConfig => {
  if (stage === undefined || stage === '') {
    throw new Error(`Missing stage: pass -c stage=<${STAGE_NAMES.join('|')}>.`);
  }
  if (!(STAGE_NAMES as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage "${stage}": expected one of ${STAGE_NAMES.join(', ')}.`);
  }
  return STAGES[stage as StageName];
};

/** Checks the invariants a wrong edit of this file could break; fails synth with the reason. */
export const validateStageConfig = (config: StageConfig): void => {
  const problems: string[] = [];
  if (config.corsOrigins.length === 0) problems.push('corsOrigins is empty');
  for (const origin of config.corsOrigins) {
    if (origin.includes('*')) problems.push(`corsOrigins must not contain wildcards ("${origin}")`);
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(`corsOrigins entry "${origin}" is not a scheme://host[:port] origin`);
    }
  }
  if (!config.corsOrigins.includes(`https://${config.dashboard.domainName}`)) {
    problems.push(`corsOrigins must include the dashboard https://${config.dashboard.domainName}`);
  }
  if (!/^[a-z0-9._-]+\/[a-z0-9._-]+$/i.test(config.github.repository)) {
    problems.push(`github.repository "${config.github.repository}" is not owner/name`);
  }
  if (config.throttling.rateLimit <= 0 || config.throttling.burstLimit <= 0) {
    problems.push('throttling limits must be positive');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid config for stage "${config.stage}": ${problems.join('; ')}.`);
  }
};
