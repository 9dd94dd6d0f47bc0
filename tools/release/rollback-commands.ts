/**
 * `rollback` and `record-live`: moving `live` back safely, and recording what "back" means.
 *
 * A rollback first asks CodeDeploy: a deployment of the function still in flight is stopped with
 * rollback, because it would keep shifting traffic to the new version whatever the alias says.
 * Otherwise `live` moves to the last version recorded as fully live (or `--to`), and the version
 * it leaves is dropped from the record, so a second rollback goes further back, never forward.
 */
import { UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { deployedFunctionName, LIVE_ALIAS } from './lambda-inventory';
import { readLiveHistory, withLive, writeLiveHistory } from './live-history';
import { describeRollback, planRollback } from './plan-rollback';
import { tryReadInventory, type CommandContext, type ExitCode } from './release-commands';

export interface RollbackOptions {
  readonly stage: string;
  readonly fn: string;
  readonly to?: string;
}

export const rollback = async (
  context: CommandContext,
  { stage, fn, to }: RollbackOptions,
): Promise<ExitCode> => {
  const { client, deployments, ssm, out } = context;
  const functionName = deployedFunctionName(stage, fn);
  const result = (fields: Record<string, unknown>) =>
    out.result({ rollback: { function: fn, ...fields } });

  const inFlight = await deployments.active(stage, fn);
  if (inFlight.length > 0) {
    if (to !== undefined) {
      return out.refuse(
        'deployment-in-progress',
        `Cannot roll back to ${to}: deployment ${inFlight.join(', ')} of ${functionName} is in progress. Run without --to to stop it with rollback first.`,
      );
    }
    for (const deploymentId of inFlight) {
      const status = await deployments.stopWithRollback(deploymentId);
      out.report(
        `Stopped deployment ${deploymentId} of ${functionName} with rollback${status ? ` (${status})` : ''}: ${LIVE_ALIAS} goes back to the version it started from.`,
      );
    }
    result({ stoppedDeployments: inFlight });
    return 0;
  }

  const inventory = await tryReadInventory(client, functionName);
  if (!inventory) {
    return out.refuse(
      'not-deployed',
      `Cannot roll back: ${functionName} does not exist in this account and region.`,
    );
  }
  const history = await readLiveHistory(ssm, stage, fn);
  const decision = planRollback({ inventory, alias: LIVE_ALIAS, history, ...(to ? { to } : {}) });
  if (!decision.ok) {
    return out.refuse('no-rollback-target', `Cannot roll back: ${decision.reason}`);
  }
  const { plan } = decision;
  await client.send(
    new UpdateAliasCommand({
      FunctionName: functionName,
      Name: plan.alias,
      FunctionVersion: plan.to,
      // An empty map removes any canary weights, so all traffic goes to the target version.
      RoutingConfig: { AdditionalVersionWeights: {} },
      RevisionId: plan.revisionId,
    }),
  );
  const left = new Set([plan.from, ...plan.cancelledCanary].filter((v) => v !== plan.to));
  await writeLiveHistory(
    ssm,
    stage,
    fn,
    withLive(
      history.filter((v) => !left.has(v)),
      plan.to,
    ),
  );
  out.report(`Rolled back: ${describeRollback(plan)}`);
  result({ from: plan.from, to: plan.to, stoppedDeployments: [] });
  return 0;
};

/**
 * Records the version `live` serves as fully live. Deploy jobs run it after the deployment
 * succeeded and the smoke test passed; it refuses while a canary still splits the traffic.
 */
export const recordLive = async (
  { client, ssm, out }: CommandContext,
  { stage, fn }: { readonly stage: string; readonly fn: string },
): Promise<ExitCode> => {
  const functionName = deployedFunctionName(stage, fn);
  const alias = (await tryReadInventory(client, functionName))?.aliases.find(
    (a) => a.name === LIVE_ALIAS,
  );
  if (!alias) {
    return out.refuse(
      'not-deployed',
      `Cannot record: ${functionName} has no alias "${LIVE_ALIAS}".`,
    );
  }
  const canary = Object.keys(alias.additionalWeights);
  if (canary.length > 0) {
    return out.refuse(
      'canary-in-progress',
      `Cannot record: ${functionName}:${LIVE_ALIAS} still routes traffic to version ${canary.join(', ')}; only a fully live version is recorded.`,
    );
  }
  const history = withLive(await readLiveHistory(ssm, stage, fn), alias.version);
  await writeLiveHistory(ssm, stage, fn, history);
  out.report(
    `Recorded ${functionName}:${LIVE_ALIAS} version ${alias.version} as fully live (history: ${history.join(', ')}).`,
  );
  out.result({ recordLive: { function: fn, version: alias.version, history } });
  return 0;
};
