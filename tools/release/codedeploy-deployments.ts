/**
 * The CodeDeploy side of a rollback: a deployment of the function's `live` alias still in flight
 * keeps shifting traffic to the new version whatever the alias says, so it must be stopped with
 * rollback (CodeDeploy then moves `live` back and CloudFormation rolls the stack back).
 */
import {
  ListDeploymentsCommand,
  StopDeploymentCommand,
  type CodeDeployClient,
  type DeploymentStatus,
} from '@aws-sdk/client-codedeploy';
import { deploymentGroupOf } from '@peer-rewards/platform-manifest';

/** Every status of a deployment that has not finished. */
export const ACTIVE_STATUSES: DeploymentStatus[] = [
  'Created',
  'Queued',
  'InProgress',
  'Baking',
  'Ready',
];

/** Ids of the deployments of the function's group that have not finished. */
export const activeDeployments = async (
  codedeploy: CodeDeployClient,
  stage: string,
  fn: string,
): Promise<string[]> => {
  const { application, group } = deploymentGroupOf(stage, fn);
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await codedeploy.send(
      new ListDeploymentsCommand({
        applicationName: application,
        deploymentGroupName: group,
        includeOnlyStatuses: ACTIVE_STATUSES,
        nextToken,
      }),
    );
    ids.push(...(page.deployments ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
};

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
