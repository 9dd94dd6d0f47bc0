/**
 * The versions of a function that were fully live, newest last, kept in one SSM parameter per
 * function and stage. A deploy job appends a version only after its deployment succeeded and the
 * smoke test passed (`release record-live`), so a version that failed its canary is never in it;
 * a rollback drops the version it leaves.
 */
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { liveHistoryParameterOf } from '@peer-rewards/platform-manifest';
import { isAwsError } from './aws-errors';

/** Enough to roll back a few releases; older ones are pruned anyway. */
export const HISTORY_LENGTH = 20;

export const readLiveHistory = async (
  ssm: SSMClient,
  stage: string,
  fn: string,
): Promise<string[]> => {
  try {
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: liveHistoryParameterOf(stage, fn) }),
    );
    const parsed: unknown = JSON.parse(Parameter?.Value ?? '{}');
    const versions = (parsed as { versions?: unknown }).versions;
    return Array.isArray(versions)
      ? versions.filter((v): v is string => typeof v === 'string')
      : [];
  } catch (error) {
    if (isAwsError(error, 'ParameterNotFound')) return [];
    throw error;
  }
};

export const writeLiveHistory = async (
  ssm: SSMClient,
  stage: string,
  fn: string,
  versions: readonly string[],
): Promise<void> => {
  await ssm.send(
    new PutParameterCommand({
      Name: liveHistoryParameterOf(stage, fn),
      Description: `Versions of ${stage}-${fn} that were fully live, newest last (release CLI)`,
      Value: JSON.stringify({ versions: versions.slice(-HISTORY_LENGTH) }),
      Type: 'String',
      Overwrite: true,
    }),
  );
};

/** `history` with `version` as the newest entry (moved there if it was already in it). */
export const withLive = (history: readonly string[], version: string): string[] => [
  ...history.filter((v) => v !== version),
  version,
];
