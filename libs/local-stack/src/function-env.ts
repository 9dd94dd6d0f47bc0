/** The environment a locally hosted function sees: Lambda's own variables plus its configuration. */
import path from 'node:path';
import { LOCAL_REGION } from '@peer-rewards/lambda-events';
import { ENV, type FunctionSpec } from '@peer-rewards/platform-manifest';

/** Lambda's version string for the runtime, named after the Node the bundles really run on here. */
const EXECUTION_ENV = `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`;

export interface LambdaEnvironmentInput {
  /** `local-<fn>`, as the function is named in the local account. */
  readonly functionName: string;
  /** `$LATEST` or the published version the environment runs. */
  readonly version?: string;
  /** The bundle file; its folder is the task root. */
  readonly file: string;
  readonly memoryMb: number;
  readonly logStreamName: string;
  /** The function's configured environment (TABLE_NAME, STAGE, …); it wins over Lambda's. */
  readonly env: Readonly<Record<string, string>>;
}

/** The environment Lambda gives the function, plus its configuration. */
export const lambdaEnvironment = (input: LambdaEnvironmentInput): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  LANG: 'en_US.UTF-8',
  TZ: ':UTC',
  LAMBDA_TASK_ROOT: path.dirname(input.file),
  AWS_EXECUTION_ENV: EXECUTION_ENV,
  AWS_REGION: LOCAL_REGION,
  AWS_DEFAULT_REGION: LOCAL_REGION,
  AWS_LAMBDA_FUNCTION_NAME: input.functionName,
  AWS_LAMBDA_FUNCTION_VERSION: input.version ?? '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(input.memoryMb),
  AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${input.functionName}`,
  AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
  // DynamoDB Local checks only that credentials are present.
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...input.env,
});

/** The environment every locally hosted function gets, as the CDK stacks set it in AWS. */
export const localFunctionEnv = (settings: {
  readonly tableName: string;
  readonly dynamodbEndpoint: string;
  readonly corsOrigins: readonly string[];
  readonly version: string;
  /** The HMAC key of the cursors (`loadOrCreateCursorKey`). */
  readonly cursorSigningKey: string;
}): Record<string, string> => ({
  [ENV.tableName]: settings.tableName,
  [ENV.stage]: 'local',
  [ENV.corsOrigins]: settings.corsOrigins.join(','),
  [ENV.usernameClaim]: 'username',
  [ENV.monthlyAllowance]: '100',
  [ENV.rewardsPerRun]: '3',
  [ENV.logLevel]: 'info',
  [ENV.version]: settings.version,
  [ENV.dynamodbEndpoint]: settings.dynamodbEndpoint,
  [ENV.cursorSigningKey]: settings.cursorSigningKey,
});

/**
 * What a function's manifest entry adds locally: the value of each of its secrets when this
 * process has it (`SLACK_SIGNING_SECRET=… npm start` passes Slack's signing secret on), as the
 * function reads it from Secrets Manager in AWS. A secret that is not set stays unset.
 */
export const localSecretsOf = (
  spec: FunctionSpec,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> =>
  Object.fromEntries(
    (spec.kind === 'http' ? (spec.secrets ?? []) : []).flatMap((secret) => {
      const value = env[secret.valueEnv];
      return value ? [[secret.valueEnv, value]] : [];
    }),
  );
