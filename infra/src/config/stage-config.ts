/**
 * The shape of a stage's settings. The values are in `stages.ts`, their checks in
 * `validate-stage.ts`.
 */
import type { CanaryAlarmThresholds, FunctionName } from '@peer-rewards/platform-manifest';

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

/** The canary alarms' thresholds, defined in the platform manifest (the local deployment controller reads them too). */
export type AlarmThresholds = CanaryAlarmThresholds;

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
  /**
   * The AWS account every stack of the stage is pinned to. The shipped values are placeholders
   * (`PLACEHOLDER_ACCOUNTS`): they synthesize, but a deploy (`-c deploy=true`) refuses them.
   */
  readonly account: string;
  readonly region: string;
  /**
   * The CDK bootstrap qualifier of the stage (`cdk bootstrap --qualifier`): its own bootstrap
   * roles, bucket and execution policy, so even in one account a stage deploys only through its own.
   */
  readonly bootstrapQualifier: string;
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
