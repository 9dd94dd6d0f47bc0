/**
 * `--stage local`: the release commands against the running local stack. Its control plane
 * (found through `<dataDir>/local-stack.json`) answers the same Lambda and SSM calls as AWS, with
 * any credentials; the deployments are the local controller's records instead of CodeDeploy's.
 */
import path from 'node:path';
import { LambdaClient, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  isProcessAlive,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  readStackFile,
} from '@peer-rewards/local-stack';
import {
  deployedFunctionNameOf,
  FUNCTION_NAMES,
  LIVE_ALIAS,
} from '@peer-rewards/platform-manifest';
import type { DeploymentControl, StageClients } from './command-context';
import { LocalDeployments, summaryOf } from './local-deployments';

export const LOCAL_STAGE = 'local';

export interface LocalTarget {
  readonly clients: StageClients;
  /** The control plane, for what only the local stack answers (its invocation records). */
  readonly awsEndpoint: string;
  readonly deployments: LocalDeployments;
  destroy(): void;
}

/** The running stack is missing or unusable: a one-line explanation for the user. */
export class LocalStackUnavailableError extends Error {
  override readonly name = 'LocalStackUnavailableError';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long `rollback` waits for a running controller to move `live` back. */
const STOP_TIMEOUT_MS = 30_000;

const localControl = (client: LambdaClient, store: LocalDeployments): DeploymentControl => ({
  active: async (_stage, fn) => {
    const running = store.inProgress(fn);
    return running ? [running.record.id] : [];
  },
  async stopWithRollback(deploymentId) {
    const record = store.byId(deploymentId, FUNCTION_NAMES);
    if (!record || record.status !== 'InProgress') return record?.status;
    if (isProcessAlive(record.controllerPid)) {
      // The controller rolls back at its next poll, as CodeDeploy does after StopDeployment.
      store.requestStop(record);
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (Date.now() < deadline) {
        const now = store.read(record.function);
        if (now && now.status !== 'InProgress') return `${now.status}: ${now.reason ?? ''}`.trim();
        await sleep(100);
      }
      throw new Error(
        `deployment ${deploymentId} did not stop within ${STOP_TIMEOUT_MS / 1000} s.`,
      );
    }
    // Its release process is gone: nobody else will move the alias back.
    await client.send(
      new UpdateAliasCommand({
        FunctionName: deployedFunctionNameOf(LOCAL_STAGE, record.function),
        Name: LIVE_ALIAS,
        FunctionVersion: record.from,
        RoutingConfig: { AdditionalVersionWeights: {} },
      }),
    );
    const reason = 'stopped by release rollback after its release process had ended';
    store.finish(record, 'Stopped', reason);
    return `Stopped: ${reason}`;
  },
  last: async (_stage, fn) => {
    const record = store.read(fn);
    if (!record) return null;
    if (record.status === 'InProgress' && !isProcessAlive(record.controllerPid)) {
      return {
        ...summaryOf(record),
        status: 'Stopped',
        reason: 'the release process ended before it finished',
      };
    }
    return summaryOf(record);
  },
});

/** The context of the stack running with `dataDir`; throws LocalStackUnavailableError without one. */
export const localTarget = (dataDir: string): LocalTarget => {
  const stack = readStackFile(dataDir);
  if (!stack || !isProcessAlive(stack.pid)) {
    throw new LocalStackUnavailableError(
      `No local stack is running with data in ${dataDir}: start one with npm start (or pass --data-dir).`,
    );
  }
  if (!stack.awsEndpoint) {
    throw new LocalStackUnavailableError(
      `The local stack (pid ${stack.pid}) has no control plane: restart npm start.`,
    );
  }
  const config = {
    endpoint: stack.awsEndpoint,
    region: LOCAL_REGION,
    // The control plane accepts any credentials; the SDK insists on some.
    credentials: LOCAL_CREDENTIALS,
  };
  const client = new LambdaClient(config);
  const ssm = new SSMClient(config);
  const deployments = new LocalDeployments(
    path.join(dataDir, 'release'),
    `${stack.pid}:${stack.awsEndpoint}`,
  );
  return {
    clients: { client, ssm, deployments: localControl(client, deployments) },
    awsEndpoint: stack.awsEndpoint,
    deployments,
    destroy() {
      client.destroy();
      ssm.destroy();
    },
  };
};
