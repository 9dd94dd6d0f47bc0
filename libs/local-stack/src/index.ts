/** @peer-rewards/local-stack: the local cloud — API Gateway, Lambda and DynamoDB Local on one machine. */
export {
  DEFAULT_GENERATE_EVERY_MS,
  MAX_REQUEST_BYTES,
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
} from './local-stack';
export { requestEvent, type RequestEventInput } from './request-event';
export { EVENT_FIXTURES_DIR, loadEventFixture } from './event-fixtures';
export { createLocalIssuer, type LocalIssuer, type TokenOptions } from './local-issuer';
export { DEMO_USERS } from './demo-users';
export { localFunctionEnv } from './function-env';
export {
  findRunningStack,
  isProcessAlive,
  readStackFile,
  waitForRunningStack,
  writeStackFile,
  type StackFile,
} from './stack-file';
export { LocalLambda, type Deployment, type LocalLambdaOptions } from './lambda-api/local-lambda';
export { INVOCATIONS_PATH, startControlPlane, type ControlPlane } from './lambda-api/control-plane';
export type { InvocationRecord } from './lambda-api/invocation-log';
export {
  assertPortFree,
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from './dynamodb-local/dynamodb-local';
export { FunctionHost, type FunctionHostOptions, type Invocation } from './function-host';
// The pieces of the local API's request path, for benchmarks that run it in one process.
export { createApiGateway, type RespondFn } from './api-gateway';
export { createRouter } from './routes';
export { responseFromInvocation, type HttpResponse } from './http-response';
export { applyCors } from './cors';
export {
  dynamoDbLocalPids,
  spawnStack,
  type StackProcess,
  type StackProcessOptions,
} from './stack-process';
