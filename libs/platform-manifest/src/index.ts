/**
 * What the platform is made of: the functions, the routes each one serves and the settings they
 * read. The local stack and the CDK app both read this, so a route exists in both or in neither.
 */

export type FunctionName = 'users-fn' | 'rewards-fn' | 'generator-fn';

/** One API Gateway route; the function itself answers 405 for a method it does not serve. */
export interface RouteSpec {
  /** API Gateway path with `{name}` parameters, or `$default` for everything unmatched. */
  readonly path: string;
  /** Methods the function serves on this path (documentation and the `Allow` header). */
  readonly methods: readonly string[];
  /** Public routes skip the JWT authorizer. */
  readonly public: boolean;
}

export interface HttpFunctionSpec {
  readonly name: FunctionName;
  readonly kind: 'http';
  readonly routes: readonly RouteSpec[];
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

export interface ScheduledFunctionSpec {
  readonly name: FunctionName;
  readonly kind: 'schedule';
  /** EventBridge schedule expression. */
  readonly schedule: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

export type FunctionSpec = HttpFunctionSpec | ScheduledFunctionSpec;

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'users-fn',
    kind: 'http',
    memoryMb: 256,
    timeoutSeconds: 10,
    routes: [
      { path: '/users', methods: ['GET'], public: false },
      { path: '/users/me', methods: ['GET', 'PUT'], public: false },
      { path: '/users/{username}', methods: ['GET'], public: false },
    ],
  },
  {
    name: 'rewards-fn',
    kind: 'http',
    memoryMb: 256,
    timeoutSeconds: 10,
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
    name: 'generator-fn',
    kind: 'schedule',
    schedule: 'rate(1 minute)',
    memoryMb: 256,
    timeoutSeconds: 30,
  },
];

export const FUNCTION_NAMES: readonly FunctionName[] = FUNCTIONS.map((fn) => fn.name);

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
  /** Local only: points the DynamoDB client at DynamoDB Local or another endpoint. */
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
} as const;

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
