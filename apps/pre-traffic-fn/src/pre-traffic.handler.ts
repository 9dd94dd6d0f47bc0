/**
 * The CodeDeploy `BeforeAllowTraffic` hook of one HTTP function. CodeDeploy calls it with the
 * ids of a deployment and of this lifecycle event; the hook reads the deployment's AppSpec to
 * learn the new version, invokes that version directly (not through `live`, which still serves
 * the old one) with each probe, and reports Succeeded or Failed. A failed report stops the
 * deployment before any traffic shifts, and CodeDeploy rolls it back.
 *
 * Invoked with `{"qualifier": "live"}` instead, it runs the same probes against that qualifier
 * and returns the results: the smoke test of a deploy job uses this after the deploy.
 */
import {
  GetDeploymentCommand,
  PutLifecycleEventHookExecutionStatusCommand,
  type CodeDeployClient,
} from '@aws-sdk/client-codedeploy';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  appSpecField,
  runProbes,
  type ProbeRequest,
  type ProbeResult,
} from '@peer-rewards/platform-manifest';

export interface HookTarget {
  /** The deployed function the hook guards, e.g. `prod-users-fn`. */
  readonly functionName: string;
  readonly probes: readonly ProbeRequest[];
  readonly usernameClaim: string;
  readonly origin: string;
}

export interface HookDependencies {
  readonly codedeploy: CodeDeployClient;
  readonly lambda: LambdaClient;
  readonly target: HookTarget;
  readonly log?: (entry: Record<string, unknown>) => void;
  readonly now?: () => Date;
}

export interface LifecycleEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

export interface SmokeEvent {
  readonly qualifier: string;
}

export interface ProbeReport {
  readonly functionName: string;
  readonly qualifier: string;
  readonly ok: boolean;
  readonly results: readonly ProbeResult[];
}

/** The function and version a Lambda deployment's AppSpec (JSON or YAML) moves the alias to. */
export const targetOfAppSpec = (content: string): { name: string; version: string } => {
  const name = appSpecField(content, 'Name');
  const version = appSpecField(content, 'TargetVersion');
  if (!name || !version) throw new Error(`The AppSpec names no Name and TargetVersion: ${content}`);
  return { name, version };
};

const isLifecycleEvent = (event: unknown): event is LifecycleEvent =>
  typeof (event as LifecycleEvent | null)?.DeploymentId === 'string' &&
  typeof (event as LifecycleEvent | null)?.LifecycleEventHookExecutionId === 'string';

const isSmokeEvent = (event: unknown): event is SmokeEvent =>
  typeof (event as SmokeEvent | null)?.qualifier === 'string' &&
  /^[A-Za-z0-9_-]{1,128}$/.test((event as SmokeEvent).qualifier);

export const createPreTrafficHandler = (deps: HookDependencies) => {
  const { codedeploy, lambda, target } = deps;
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const now = deps.now ?? (() => new Date());

  const probe = async (qualifier: string): Promise<ProbeReport> => {
    const results = await runProbes(
      target.probes,
      {
        usernameClaim: target.usernameClaim,
        origin: target.origin,
        now,
        requestIdPrefix: `pre-traffic-${qualifier}`,
      },
      async (event) => {
        const answer = await lambda.send(
          new InvokeCommand({
            FunctionName: target.functionName,
            Qualifier: qualifier,
            Payload: JSON.stringify(event),
          }),
        );
        return {
          functionError: answer.FunctionError,
          payload: Buffer.from(answer.Payload ?? []).toString('utf8'),
        };
      },
    );
    const report = {
      functionName: target.functionName,
      qualifier,
      ok: results.length > 0 && results.every((result) => result.ok),
      results,
    };
    log({ message: 'pre-traffic probes', ...report });
    return report;
  };

  const newVersionOf = async (deploymentId: string): Promise<string> => {
    const { deploymentInfo } = await codedeploy.send(new GetDeploymentCommand({ deploymentId }));
    const content = deploymentInfo?.revision?.appSpecContent?.content;
    if (!content) throw new Error(`Deployment ${deploymentId} has no AppSpec content.`);
    const { name, version } = targetOfAppSpec(content);
    if (name !== target.functionName) {
      throw new Error(`Deployment ${deploymentId} deploys ${name}, not ${target.functionName}.`);
    }
    return version;
  };

  return async (event: unknown): Promise<ProbeReport | undefined> => {
    if (isSmokeEvent(event)) return probe(event.qualifier);
    if (!isLifecycleEvent(event)) {
      throw new Error(
        'Expected a CodeDeploy lifecycle event or {"qualifier": "<alias or version>"}.',
      );
    }
    let status: 'Succeeded' | 'Failed' = 'Failed';
    try {
      status = (await probe(await newVersionOf(event.DeploymentId))).ok ? 'Succeeded' : 'Failed';
    } catch (error) {
      log({ message: 'pre-traffic hook failed', error: (error as Error).message });
    }
    // Always report: without a status CodeDeploy waits for the hook's hour-long timeout.
    await codedeploy.send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status,
      }),
    );
    log({ message: 'pre-traffic hook reported', deploymentId: event.DeploymentId, status });
    return undefined;
  };
};
