import { ENV } from '@peer-rewards/platform-manifest';
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
  type RepositoryOptions,
} from '@peer-rewards/rewards-dynamodb';
import {
  createLogger,
  integerEnv,
  listEnv,
  optionalEnv,
  requireEnv,
  type Logger,
  type LogLevel,
} from '@peer-rewards/http-kit';
import { monotonicFactory } from 'ulid';

export interface FunctionConfig {
  readonly tableName: string;
  readonly stage: string;
  readonly version: string;
  readonly corsOrigins: string[];
  readonly usernameClaim: string;
  readonly logLevel: LogLevel;
  readonly rules: RewardRules;
  readonly rewardsPerRun: number;
  readonly dynamodbEndpoint?: string;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Reads and checks every setting once, when the function loads; a bad one fails the load. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): FunctionConfig => {
  const logLevel = optionalEnv(ENV.logLevel, 'info', env) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new Error(`${ENV.logLevel} must be one of ${LOG_LEVELS.join(', ')}`);
  const endpoint = env[ENV.dynamodbEndpoint];
  return {
    tableName: requireEnv(ENV.tableName, env),
    stage: optionalEnv(ENV.stage, 'dev', env),
    version: optionalEnv(ENV.version, '0.0.0', env),
    corsOrigins: listEnv(ENV.corsOrigins, [], env),
    usernameClaim: optionalEnv(ENV.usernameClaim, 'username', env),
    logLevel,
    rules: createRules({ monthlyAllowance: integerEnv(ENV.monthlyAllowance, 100, env) }),
    rewardsPerRun: integerEnv(ENV.rewardsPerRun, 3, env),
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
 * Everything a function needs, built once per container at module scope: config, logger,
 * one DynamoDB client and the repositories on it.
 */
export const createRuntime = (
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): FunctionRuntime => {
  const config = loadConfig(env);
  const client = createDocumentClient({ endpoint: config.dynamodbEndpoint });
  const options = { client, tableName: config.tableName };
  return {
    config,
    log: createLogger({ fn: name, stage: config.stage, version: config.version }, config.logLevel),
    table: options,
    users: new DynamoDbUserRepository(options),
    rewards: new DynamoDbRewardRepository(options),
    clock: systemClock,
    ids: ulidGenerator(),
    rules: config.rules,
  };
};
