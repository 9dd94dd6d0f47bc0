/**
 * The CodeDeploy side of a release in AWS: a deployment of the function's `live` alias still in
 * flight keeps shifting traffic to the new version whatever the alias says, so it must be stopped
 * with rollback (CodeDeploy then moves `live` back and CloudFormation rolls the stack back).
 */
import {
  GetDeploymentCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
  type CodeDeployClient,
  type DeploymentInfo,
  type DeploymentStatus,
} from '@aws-sdk/client-codedeploy';
import { appSpecField, deploymentGroupOf } from '@peer-rewards/platform-manifest';
import type { DeploymentControl, DeploymentSummary } from './command-context';

/** Every status of a deployment that has not finished. */
export const ACTIVE_STATUSES: DeploymentStatus[] = [
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
];

const listDeployments = async (
  codedeploy: CodeDeployClient,
  stage: string,
  fn: string,
  statuses?: DeploymentStatus[],
): Promise<string[]> => {
  const { application, group } = deploymentGroupOf(stage, fn);
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await codedeploy.send(
      new ListDeploymentsCommand({
        applicationName: application,
        deploymentGroupName: group,
        ...(statuses ? { includeOnlyStatuses: statuses } : {}),
        nextToken,
      }),
    );
    ids.push(...(page.deployments ?? []));
    nextToken = page.nextToken;
    // Without a status filter the newest deployment is on the first page: that is enough.
  } while (nextToken && statuses);
  return ids;
};

/** Ids of the deployments of the function's group that have not finished. */
export const activeDeployments = (
  codedeploy: CodeDeployClient,
  stage: string,
  fn: string,
): Promise<string[]> => listDeployments(codedeploy, stage, fn, ACTIVE_STATUSES);

/** Stops a deployment and has CodeDeploy roll the alias back to the version it started from. */
export const stopWithRollback = async (
  codedeploy: CodeDeployClient,
  deploymentId: string,
): Promise<string | undefined> => {
  const { status, statusMessage } = await codedeploy.send(
    new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }),
  );
  return [status, statusMessage].filter(Boolean).join(': ') || undefined;
};

/** CodeDeploy's view of a deployment in the four states a release reports. */
export const summarizeDeployment = (info: DeploymentInfo): DeploymentSummary => {
  const content = info.revision?.appSpecContent?.content;
  const reason = info.errorInformation?.message ?? info.rollbackInfo?.rollbackMessage ?? null;
  const status = info.status ?? 'InProgress';
  return {
    status:
      status === 'Succeeded'
        ? 'Succeeded'
        : status === 'Stopped'
          ? 'Stopped'
          : status === 'Failed'
            ? 'RolledBack'
            : 'InProgress',
    from: appSpecField(content, 'CurrentVersion'),
    to: appSpecField(content, 'TargetVersion'),
    reason: status === 'Succeeded' ? null : reason,
  };
};

/** The deployment control of a stage in AWS. */
export const codeDeployControl = (codedeploy: CodeDeployClient): DeploymentControl => ({
  active: (stage, fn) => activeDeployments(codedeploy, stage, fn),
  stopWithRollback: (deploymentId) => stopWithRollback(codedeploy, deploymentId),
  async last(stage, fn) {
    const [newest] = await listDeployments(codedeploy, stage, fn);
    if (!newest) return null;
    const { deploymentInfo } = await codedeploy.send(
      new GetDeploymentCommand({ deploymentId: newest }),
    );
    return deploymentInfo ? summarizeDeployment(deploymentInfo) : null;
  },
});
