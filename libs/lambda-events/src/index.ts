/** @peer-rewards/lambda-events: the events and the context Lambda hands a function. */
export {
  apiGatewayRequestId,
  apiGatewayTime,
  httpEvent,
  isTextContentType,
  queryStringParameters,
  stringifyClaims,
  type HttpApiEvent,
  type HttpEventInput,
  type JwtClaimsInEvent,
} from './http-event';
export { requestEvent, type RequestEventInput } from './request-event';
export { scheduleEvent, type ScheduleEvent, type ScheduleEventInput } from './schedule-event';
export {
  lambdaContext,
  lambdaContextFactory,
  logStreamNameFor,
  type InvocationInput,
  type LambdaContextOptions,
} from './lambda-context';
export { SAMPLE_EVENT_FILES, sampleHttpEvent, sampleScheduledEvent } from './samples';
export { LOCAL_ACCOUNT_ID, LOCAL_API_ID, LOCAL_REGION } from './local-account';
export { pooledRandomBytes } from './random-bytes';
export {
  BUDGET_BYTES,
  deterministicZip,
  formatSha256File,
  parseSha256File,
  rawSize,
  readArtifactFiles,
  sha256,
  type ArtifactFile,
  type Sha256,
} from './artifact';
