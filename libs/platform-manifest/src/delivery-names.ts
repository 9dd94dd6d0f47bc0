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

/** Enough to roll back a few releases; older versions are pruned anyway. */
export const LIVE_HISTORY_LENGTH = 20;

/** The parameter's value: `{"versions": [...]}`, newest last, at most `LIVE_HISTORY_LENGTH`. */
export const formatLiveHistory = (versions: readonly string[]): string =>
  JSON.stringify({ versions: versions.slice(-LIVE_HISTORY_LENGTH) });

/** The versions a parameter value lists; nothing for a missing or malformed value. */
export const parseLiveHistory = (value: string | undefined): string[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '{}');
  } catch {
    return [];
  }
  const versions = (parsed as { versions?: unknown } | null)?.versions;
  return Array.isArray(versions) ? versions.filter((v): v is string => typeof v === 'string') : [];
};

/** `history` with `version` as the newest entry (moved there if it was already in it). */
export const withLive = (history: readonly string[], version: string): string[] => [
  ...history.filter((v) => v !== version),
  version,
];

/**
 * A field of the AppSpec CloudFormation writes for a Lambda alias deployment (JSON or YAML):
 * `Name`, `Alias`, `CurrentVersion`, `TargetVersion`; null when it is not there.
 */
export const appSpecField = (content: string | undefined, key: string): string | null =>
  (content && new RegExp(`["']?${key}["']?\\s*:\\s*["']?([^"'\\s,}]+)`).exec(content)?.[1]) || null;
