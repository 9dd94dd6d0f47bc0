/**
 * The errors of the local Lambda control plane, with the HTTP status and error code Lambda
 * answers for the same mistake, so `@aws-sdk/client-lambda` raises the same exception class
 * (it reads the code from the `x-amzn-ErrorType` header).
 */
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '@peer-rewards/lambda-events';

export type LambdaErrorCode =
  | 'ResourceNotFoundException'
  | 'ResourceConflictException'
  | 'PreconditionFailedException'
  | 'InvalidParameterValueException'
  | 'InvalidRequestContentException'
  | 'RequestTooLargeException'
  | 'UnknownOperationException';

const STATUS: Readonly<Record<LambdaErrorCode, number>> = {
  ResourceNotFoundException: 404,
  ResourceConflictException: 409,
  PreconditionFailedException: 412,
  InvalidParameterValueException: 400,
  InvalidRequestContentException: 400,
  RequestTooLargeException: 413,
  UnknownOperationException: 404,
};

export class LambdaApiError extends Error {
  override readonly name = 'LambdaApiError';
  readonly status: number;

  constructor(
    readonly code: LambdaErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  /**
   * Lambda's error body. `ResourceNotFoundException` spells its field `Message`, the others
   * `message` (as the service model of each exception says).
   */
  body(): Record<string, string> {
    return this.code === 'ResourceNotFoundException'
      ? { Type: 'User', Message: this.message }
      : { Type: 'User', message: this.message };
  }
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`, in the local account. */
export const functionArn = (functionName: string, qualifier?: string): string =>
  `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}${qualifier ? `:${qualifier}` : ''}`;

export const notFound = (what: string, functionName: string, qualifier?: string): LambdaApiError =>
  new LambdaApiError(
    'ResourceNotFoundException',
    `${what} not found: ${functionArn(functionName, qualifier)}`,
  );

export const invalid = (message: string): LambdaApiError =>
  new LambdaApiError('InvalidParameterValueException', message);

export const staleRevision = (): LambdaApiError =>
  new LambdaApiError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
  );
