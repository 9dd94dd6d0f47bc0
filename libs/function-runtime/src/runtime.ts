import { ENV, findFunction } from '@peer-rewards/platform-manifest';
import {
  createRules,
  type Clock,
  type IdGenerator,
  type RewardRules,
} from '@peer-rewards/rewards-domain';
import {
  createDocumentClient,
  DynamoDbRewardRepository,
  DynamoDbUserRepository,
  type CursorKey,
  type RepositoryOptions,
} from '@peer-rewards/rewards-dynamodb';
import {
  createLogger,
  integerEnv,
  invocationSignal,
  listEnv,
  optionalEnv,
  requireEnv,
  type Logger,
  type LogLevel,
} from '@peer-rewards/http-kit';
import { monotonicFactory } from 'ulid';
import { secretKey } from './cursor-key';

export interface FunctionConfig {
  readonly tableName: string;
  readonly stage: string;
  readonly version: string;
  readonly corsOrigins: string[];
  readonly usernameClaim: string;
  readonly logLevel: LogLevel;
  readonly rules: RewardRules;
  readonly rewardsPerRun: number;
  /** The key that signs cursors (local stack, tests). */
  readonly cursorSigningKey?: string;
  /** The Secrets Manager secret holding it (AWS), read through the secrets extension. */
  readonly cursorSigningKeySecret?: string;
  /** The port of the secrets extension (AWS), for every secret a function reads. */
  readonly secretsExtensionPort: number;
  readonly dynamodbEndpoint?: string;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** The port setting of the AWS Parameters and Secrets Lambda Extension (it reads it too). */
const SECRETS_EXTENSION_PORT = 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT';

/** Reads and checks every setting once, when the function loads; a bad one fails the load. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): FunctionConfig => {
  const logLevel = optionalEnv(ENV.logLevel, 'info', env) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new Error(`${ENV.logLevel} must be one of ${LOG_LEVELS.join(', ')}`);
  const endpoint = env[ENV.dynamodbEndpoint];
  const cursorKey = env[ENV.cursorSigningKey];
  const cursorSecret = env[ENV.cursorSigningKeySecret];
  return {
    tableName: requireEnv(ENV.tableName, env),
    stage: optionalEnv(ENV.stage, 'dev', env),
    version: optionalEnv(ENV.version, '0.0.0', env),
    corsOrigins: listEnv(ENV.corsOrigins, [], env),
    usernameClaim: optionalEnv(ENV.usernameClaim, 'username', env),
    logLevel,
    rules: createRules({ monthlyAllowance: integerEnv(ENV.monthlyAllowance, 100, env) }),
    rewardsPerRun: integerEnv(ENV.rewardsPerRun, 3, env),
    ...(cursorKey ? { cursorSigningKey: cursorKey } : {}),
    ...(cursorSecret ? { cursorSigningKeySecret: cursorSecret } : {}),
    secretsExtensionPort: integerEnv(SECRETS_EXTENSION_PORT, 2773, env),
    ...(endpoint ? { dynamodbEndpoint: endpoint } : {}),
  };
};

const systemClock: Clock = { now: () => new Date() };

/** ULIDs, monotonic within one container so rewards of the same millisecond keep their order. */
export const ulidGenerator = (): IdGenerator => {
  const next = monotonicFactory();
  return { next: () => next() };
};

export interface FunctionRuntime {
  readonly config: FunctionConfig;
  readonly log: Logger;
  /** The one DynamoDB client and the table, for a function's own repositories. */
  readonly table: RepositoryOptions;
  readonly users: DynamoDbUserRepository;
  readonly rewards: DynamoDbRewardRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly rules: RewardRules;
}

/**
 * Where the cursors' key comes from: the environment, or a secret read once per container.
 * Every container of a function that answers with cursors (`signsCursors` in the manifest) must
 * sign alike, so one without a key does not load; any other function's cursors never leave its
 * process (the generator pages through users), so a key of the process is enough.
 */
export const cursorKeyOf = (name: string, config: FunctionConfig): CursorKey | undefined => {
  if (config.cursorSigningKey) return config.cursorSigningKey;
  if (config.cursorSigningKeySecret) {
    return secretKey({
      secretId: config.cursorSigningKeySecret,
      port: config.secretsExtensionPort,
    });
  }
  const spec = findFunction(name);
  if (spec?.kind === 'http' && spec.signsCursors) {
    throw new Error(
      `Missing ${ENV.cursorSigningKey} or ${ENV.cursorSigningKeySecret}: ${name} signs cursors.`,
    );
  }
  return undefined;
};

/**
 * Everything a function needs, built once per container at module scope: config, logger,
 * one DynamoDB client and the repositories on it.
 */
export const createRuntime = (
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): FunctionRuntime => {
  const config = loadConfig(env);
  const client = createDocumentClient({
    endpoint: config.dynamodbEndpoint,
    signal: invocationSignal,
  });
  const table = { client, tableName: config.tableName };
  const options = { ...table, cursorSigningKey: cursorKeyOf(name, config) };
  return {
    config,
    log: createLogger({ fn: name, stage: config.stage, version: config.version }, config.logLevel),
    table,
    users: new DynamoDbUserRepository(options),
    rewards: new DynamoDbRewardRepository(options),
    clock: systemClock,
    ids: ulidGenerator(),
    rules: config.rules,
  };
};
