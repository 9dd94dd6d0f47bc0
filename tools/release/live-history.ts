/**
 * The versions of a function that were fully live, newest last, kept in one SSM parameter per
 * function and stage. A deploy job appends a version only after its deployment succeeded and the
 * smoke test passed (`release record-live`), so a version that failed its canary is never in it;
 * a rollback drops the version it leaves.
 */
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import {
  formatLiveHistory,
  liveHistoryParameterOf,
  parseLiveHistory,
} from '@peer-rewards/platform-manifest';
import { isAwsError } from './aws-errors';

export { withLive } from '@peer-rewards/platform-manifest';

export const readLiveHistory = async (
  ssm: SSMClient,
  stage: string,
  fn: string,
): Promise<string[]> => {
  try {
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: liveHistoryParameterOf(stage, fn) }),
    );
    return parseLiveHistory(Parameter?.Value);
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
      Value: formatLiveHistory(versions),
      Type: 'String',
      Overwrite: true,
    }),
  );
};
