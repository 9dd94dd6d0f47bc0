/**
 * What the platform is made of: the functions, the routes each one serves and the settings they
 * read. The local stack and the CDK app both read this, so a route exists in both or in neither.
 */

export type FunctionName = 'users-fn' | 'rewards-fn' | 'generator-fn' | 'slack-fn';

/** One API Gateway route; the function itself answers 405 for a method it does not serve. */
export interface RouteSpec {
  /** API Gateway path with `{name}` parameters, or `$default` for everything unmatched. */
  readonly path: string;
  /** Methods the function serves on this path (documentation and the `Allow` header). */
  readonly methods: readonly string[];
  /** Public routes skip the JWT authorizer. */
  readonly public: boolean;
}

/**
 * A secret a function reads at run time. In AWS the function's own stack creates it in Secrets
 * Manager as `peer-rewards/<stage>/<name>`, lets only that function read it and passes its ARN in
 * `arnEnv`; locally the value itself comes from `valueEnv`, which the local stack passes on when
 * it is set.
 */
export interface SecretSpec {
  readonly name: string;
  readonly description: string;
  readonly arnEnv: string;
  readonly valueEnv: string;
}

/**
 * The DynamoDB actions a function may call on the stage's table and its indexes. DeleteItem and
 * Scan are not among them: no function may ever have them. A transaction needs no action of its
 * own; IAM authorizes each of its parts (Put, Update, ConditionCheck) by theirs.
 */
export type TableAction =
  'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'ConditionCheckItem';

export interface HttpFunctionSpec {
  readonly name: FunctionName;
  readonly kind: 'http';
  /** Exactly the actions the function's code calls: its execution role gets these and no more. */
  readonly tableActions: readonly TableAction[];
  readonly routes: readonly RouteSpec[];
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly secrets?: readonly SecretSpec[];
  /** The function writes links to the dashboard, so it gets `DASHBOARD_URL`. */
  readonly linksToDashboard?: boolean;
  /**
   * The function answers pages with cursors, signed with the stage's cursor key: it gets that key
   * (`CURSOR_SIGNING_KEY_SECRET_ARN` in AWS) and does not load without it.
   */
  readonly signsCursors?: boolean;
}

export interface ScheduledFunctionSpec {
  readonly name: FunctionName;
  readonly kind: 'schedule';
  readonly tableActions: readonly TableAction[];
  /** EventBridge schedule expression. */
  readonly schedule: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

export type FunctionSpec = HttpFunctionSpec | ScheduledFunctionSpec;

/** Environment variables the functions read (all set by the CDK stacks and the local stack). */
export const ENV = {
  tableName: 'TABLE_NAME',
  stage: 'STAGE',
  corsOrigins: 'CORS_ORIGINS',
  usernameClaim: 'USERNAME_CLAIM',
  monthlyAllowance: 'MONTHLY_ALLOWANCE',
  rewardsPerRun: 'GENERATOR_REWARDS_PER_RUN',
  logLevel: 'LOG_LEVEL',
  version: 'APP_VERSION',
  /** Where links to the dashboard point (`https://rewards.example.com`). */
  dashboardUrl: 'DASHBOARD_URL',
  /** Local only: Slack's signing secret itself; in AWS the function reads it from Secrets Manager. */
  slackSigningSecret: 'SLACK_SIGNING_SECRET',
  /** The ARN of the Secrets Manager secret holding Slack's signing secret. */
  slackSigningSecretArn: 'SLACK_SIGNING_SECRET_ARN',
  /** Local and tests: the HMAC key that signs cursors (at least 32 bytes). */
  cursorSigningKey: 'CURSOR_SIGNING_KEY',
  /** In AWS: the Secrets Manager secret holding that key, read once per container. */
  cursorSigningKeySecret: 'CURSOR_SIGNING_KEY_SECRET_ARN',
  /** Local only: points the DynamoDB client at DynamoDB Local or another endpoint. */
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
} as const;

/** Giving rewards: the reads, and one transaction that writes a reward and its spend. */
const GIVES_REWARDS: readonly TableAction[] = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'ConditionCheckItem',
];

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'users-fn',
    kind: 'http',
    // A profile is written with one UpdateItem (create or update): no PutItem.
    tableActions: ['GetItem', 'BatchGetItem', 'Query', 'UpdateItem'],
    memoryMb: 256,
    timeoutSeconds: 10,
    signsCursors: true,
    routes: [
      { path: '/users', methods: ['GET'], public: false },
      { path: '/users/me', methods: ['GET', 'PUT'], public: false },
      { path: '/users/{username}', methods: ['GET'], public: false },
    ],
  },
  {
    name: 'rewards-fn',
    kind: 'http',
    tableActions: GIVES_REWARDS,
    memoryMb: 256,
    timeoutSeconds: 10,
    signsCursors: true,
    routes: [
      { path: '/rewards', methods: ['GET', 'POST'], public: false },
      { path: '/rewards/{id}', methods: ['GET'], public: false },
      { path: '/leaderboard', methods: ['GET'], public: false },
      { path: '/health', methods: ['GET'], public: true },
      { path: '/openapi.json', methods: ['GET'], public: true },
      { path: '$default', methods: [], public: true },
    ],
  },
  {
    name: 'slack-fn',
    kind: 'http',
    // Reads links, codes, the spend and replays; writes codes, links and rewards; never queries.
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
    memoryMb: 256,
    timeoutSeconds: 10,
    routes: [
      // Slack signs its requests (X-Slack-Signature): no JWT, the function verifies the signature.
      { path: '/slack/commands', methods: ['POST'], public: true },
      { path: '/slack/link', methods: ['POST'], public: false },
    ],
    secrets: [
      {
        name: 'slack-signing-secret',
        description: "The Slack app's signing secret (Basic Information → App Credentials)",
        arnEnv: ENV.slackSigningSecretArn,
        valueEnv: ENV.slackSigningSecret,
      },
    ],
    linksToDashboard: true,
  },
  {
    name: 'generator-fn',
    kind: 'schedule',
    tableActions: GIVES_REWARDS,
    schedule: 'rate(1 minute)',
    memoryMb: 256,
    timeoutSeconds: 30,
  },
];

export const FUNCTION_NAMES: readonly FunctionName[] = FUNCTIONS.map((fn) => fn.name);

/** The table of a stage. */
export const tableNameFor = (stage: string): string => `${stage}-peer-rewards`;

/** The API Gateway route key a path is published under (every method goes to the function). */
export const routeKeyOf = (route: RouteSpec): string =>
  route.path === '$default' ? '$default' : `ANY ${route.path}`;

export const findFunction = (name: string): FunctionSpec | undefined =>
  FUNCTIONS.find((fn) => fn.name === name);

export { METRICS, METRIC_DIMENSION_SETS } from './metrics';
export {
  CANARY_ALARM_PERIOD_SECONDS,
  canaryAlarmsFor,
  type CanaryAlarmThresholds,
  type CanaryStage,
} from './canary-alarms';
export {
  PRE_TRAFFIC_HOOK_ENV,
  PROBE_USERNAME,
  judgeProbe,
  probeEvent,
  probeRequestsFor,
  runProbes,
  type ProbeAnswer,
  type ProbeEventOptions,
  type ProbeRequest,
  type ProbeResult,
  type RunProbesOptions,
} from './probes';
export {
  appSpecField,
  deployedFunctionNameOf,
  deploymentGroupOf,
  formatLiveHistory,
  LIVE_ALIAS,
  LIVE_HISTORY_LENGTH,
  liveHistoryParameterOf,
  parseLiveHistory,
  preTrafficHookNameOf,
  releaseParameterPrefixOf,
  withLive,
} from './delivery-names';
