/**
 * SSM parameter names the stacks share instead of CloudFormation exports: a stack that reads one
 * can be deployed on its own, and the producer can change without a "cannot update export" lock.
 */
import { deployedFunctionNameOf, type FunctionName } from '@peer-rewards/platform-manifest';

const prefix = (stage: string): string => `/peer-rewards/${stage}`;

export const ssmParameterNames = (stage: string) =>
  ({
    tableName: `${prefix(stage)}/table/name`,
    tableArn: `${prefix(stage)}/table/arn`,
    cursorKeySecretArn: `${prefix(stage)}/cursors/signing-key-secret-arn`,
    apiId: `${prefix(stage)}/api/id`,
    apiEndpoint: `${prefix(stage)}/api/endpoint`,
    authorizerId: `${prefix(stage)}/api/authorizer-id`,
    authIssuer: `${prefix(stage)}/auth/issuer`,
    authClientId: `${prefix(stage)}/auth/client-id`,
    authAuthorizeUrl: `${prefix(stage)}/auth/authorize-url`,
    authTokenUrl: `${prefix(stage)}/auth/token-url`,
    authLogoutUrl: `${prefix(stage)}/auth/logout-url`,
    dashboardCertificateArn: `${prefix(stage)}/dashboard/certificate-arn`,
    dashboardUrl: `${prefix(stage)}/dashboard/url`,
  }) as const;

/** Stack names: every stack of a stage starts with the stage, so IAM can scope to `<stage>-*`. */
export const stackNames = (stage: string) =>
  ({
    data: `${stage}-data`,
    api: `${stage}-api`,
    dashboard: `${stage}-dashboard`,
    deployRole: `${stage}-deploy-role`,
    fn: (fn: FunctionName) => `${stage}-${fn}`,
  }) as const;

/** The deployed Lambda function name of a function in a stage. */
export const functionNameFor = (stage: string, fn: FunctionName): string =>
  deployedFunctionNameOf(stage, fn);
