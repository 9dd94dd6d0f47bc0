/**
 * The names delivery shares between the CDK app (which creates and grants them) and the release
 * CLI (which reads and changes them): one definition, so a rename cannot leave either behind.
 */
import type { FunctionName } from './index';

/** The alias API Gateway and EventBridge invoke, and CodeDeploy shifts between versions. */
export const LIVE_ALIAS = 'live';

/** The deployed Lambda function of a function in a stage, e.g. `prod-users-fn`. */
export const deployedFunctionNameOf = (stage: string, fn: FunctionName | string): string =>
  `${stage}-${fn}`;

/** The CodeDeploy application and deployment group that shift a function's `live` alias. */
export const deploymentGroupOf = (stage: string, fn: FunctionName | string) => {
  const application = deployedFunctionNameOf(stage, fn);
  return { application, group: `${application}-${LIVE_ALIAS}` } as const;
};

/** The pre-traffic hook function of an HTTP function, e.g. `prod-users-fn-pre-traffic`. */
export const preTrafficHookNameOf = (stage: string, fn: FunctionName | string): string =>
  `${deployedFunctionNameOf(stage, fn)}-pre-traffic`;

/** Where the release records, per function, the versions that were fully live (SSM). */
export const releaseParameterPrefixOf = (stage: string): string => `/peer-rewards/${stage}/release`;

export const liveHistoryParameterOf = (stage: string, fn: FunctionName | string): string =>
  `${releaseParameterPrefixOf(stage)}/${fn}/live-versions`;
