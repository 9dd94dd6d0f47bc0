/**
 * `release deploy --stage local`: the local deployment controller, with CodeDeploy's semantics
 * for a Lambda alias. It publishes `dist/apps/<fn>` as a new version, runs the pre-traffic check
 * (the AWS hook's probes, sent to the new version directly), shifts the canary's share of `live`
 * to it, watches the canary alarms for the bake time, then moves `live` to it entirely — or back
 * to where it started when an alarm fires, the check fails or someone stops it.
 */
import {
  GetAliasCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import {
  canaryAlarmsFor,
  deployedFunctionNameOf,
  findFunction,
  LIVE_ALIAS,
  probeRequestsFor,
  runProbes,
} from '@peer-rewards/platform-manifest';
import { isAwsError } from './aws-errors';
import {
  datapointsOf,
  firedAlarm,
  readInvocations,
  totalsOf,
  type Datapoint,
  type WatchTarget,
} from './canary-watch';
import type { DeploymentStatus, ExitCode, Output } from './command-context';
import { readLiveHistory, withLive, writeLiveHistory } from './live-history';
import { LOCAL_STAGE, type LocalTarget } from './local-context';
import type { LocalDeploymentRecord } from './local-deployments';
import { formatBytes } from './release-commands';

export interface DeployOptions {
  readonly fn: string;
  /** Share of `live` the new version gets during the bake; 100 shifts all at once. */
  readonly canaryPercent: number;
  readonly bakeMs: number;
  /** How often the alarms are evaluated (default 250 ms). */
  readonly pollMs?: number;
  /** How often a progress line is printed during the bake (default 5 s). */
  readonly progressEveryMs?: number;
  /** The origin sent on CORS preflight probes; default the stack's default origin. */
  readonly origin?: string;
}

type Verdict =
  | { readonly status: 'Succeeded' }
  | {
      readonly status: Exclude<DeploymentStatus, 'Succeeded' | 'InProgress'>;
      readonly reason: string;
    };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const formatDuration = (ms: number): string =>
  ms % 60_000 === 0 && ms > 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;

export const deploy = async (
  target: LocalTarget,
  out: Output,
  options: DeployOptions,
): Promise<ExitCode> => {
  const { clients, deployments: store, awsEndpoint } = target;
  const { client, ssm } = clients;
  // Until the verdict, every line is progress: stdout carries only how the deployment ended.
  const log = out.progress;
  const { fn, canaryPercent, bakeMs } = options;
  const spec = findFunction(fn);
  if (!spec) throw new Error(`${fn} is not a function of the manifest.`);
  const functionName = deployedFunctionNameOf(LOCAL_STAGE, fn);
  const report = (record: LocalDeploymentRecord | null) => {
    const deployment = record && {
      id: record.id,
      status: record.status,
      from: record.from,
      to: record.to,
      reason: record.reason,
    };
    out.result({ deployment });
  };

  const busy = store.inProgress(fn);
  if (busy?.controllerAlive) {
    return out.refuse(
      'deployment-in-progress',
      `Cannot deploy ${fn}: deployment ${busy.record.id} (version ${busy.record.from} → ${busy.record.to}) is in progress since ${busy.record.startedAt}; wait for it, or stop it with npm run release -- rollback --stage local --function ${fn}.`,
    );
  }
  let alias;
  try {
    alias = await client.send(
      new GetAliasCommand({ FunctionName: functionName, Name: LIVE_ALIAS }),
    );
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
    return out.refuse(
      'not-deployed',
      `Cannot deploy ${fn}: ${functionName} has no alias ${LIVE_ALIAS} (it had no build when the stack started); build it and restart npm start.`,
    );
  }
  const from = alias.FunctionVersion ?? '';
  const split = Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {});
  if (split.length > 0) {
    return out.refuse(
      'canary-in-progress',
      `Cannot deploy ${fn}: ${LIVE_ALIAS} already routes traffic to version ${split.join(', ')} besides ${from}; clear it with npm run release -- rollback --stage local --function ${fn}.`,
    );
  }

  const published = await client.send(
    new PublishVersionCommand({
      FunctionName: functionName,
      Description: 'release deploy --stage local',
    }),
  );
  const to = published.Version ?? '';
  if (to === from) {
    out.report(
      `Nothing to deploy: the build of ${fn} is version ${to}, which ${LIVE_ALIAS} already serves.`,
    );
    report(null);
    return 0;
  }
  const begun = store.begin({ function: fn, from, to, canaryPercent, bakeMs });
  if ('busy' in begun) {
    return out.refuse(
      'deployment-in-progress',
      `Cannot deploy ${fn}: deployment ${begun.busy.id} is in progress.`,
    );
  }
  const record = begun;
  const shape =
    canaryPercent >= 100
      ? 'all at once'
      : `canary ${canaryPercent} % for ${formatDuration(bakeMs)}`;
  log(`Deployment ${record.id}: ${functionName} version ${from} → ${to} (${shape})`);
  log(
    `Published version ${to} (CodeSha256 ${published.CodeSha256}, ${formatBytes(published.CodeSize ?? 0)}).`,
  );

  let interrupted: string | null = null;
  const onSignal = () => {
    interrupted = 'interrupted (SIGINT): rolled back';
  };
  process.once('SIGINT', onSignal);
  let revisionId = alias.RevisionId;
  const moveLive = async (version: string, weights: Record<string, number>, guarded: boolean) => {
    const updated = await client.send(
      new UpdateAliasCommand({
        FunctionName: functionName,
        Name: LIVE_ALIAS,
        FunctionVersion: version,
        RoutingConfig: { AdditionalVersionWeights: weights },
        // A rollback always happens; a shift fails if someone moved the alias meanwhile.
        ...(guarded && revisionId ? { RevisionId: revisionId } : {}),
      }),
    );
    revisionId = updated.RevisionId;
  };
  const end = async (verdict: Verdict): Promise<ExitCode> => {
    if (verdict.status === 'Succeeded') {
      store.finish(record, 'Succeeded', null);
      out.report(
        `Version ${to} is live: 100 % of ${functionName}:${LIVE_ALIAS}, recorded as fully live.`,
      );
      report({ ...record, status: 'Succeeded', reason: null });
      return 0;
    }
    await moveLive(from, {}, false);
    store.finish(record, verdict.status, verdict.reason);
    out.report(
      `${verdict.status === 'RolledBack' ? 'Rolled back' : 'Stopped'}: ${LIVE_ALIAS} → version ${from}; version ${to} gets no traffic (${verdict.reason}).`,
    );
    report({ ...record, status: verdict.status, reason: verdict.reason });
    return 1;
  };

  try {
    const probes = probeRequestsFor(spec);
    if (probes.length === 0) log('Pre-traffic check: a scheduled function has no probes.');
    const results = await runProbes(
      probes,
      {
        usernameClaim: 'username',
        origin: options.origin ?? 'http://localhost:3000',
        now: () => new Date(),
        requestIdPrefix: `pre-traffic-${to}`,
      },
      async (event) => {
        const answer = await client.send(
          new InvokeCommand({
            FunctionName: functionName,
            Qualifier: to,
            Payload: JSON.stringify(event),
          }),
        );
        return {
          functionError: answer.FunctionError,
          payload: Buffer.from(answer.Payload ?? []).toString('utf8'),
        };
      },
    );
    for (const result of results)
      log(
        `Pre-traffic check of version ${to}: ${result.name} → ${result.ok ? 'ok' : 'FAILED'} (${result.detail})`,
      );
    const failed = results.find((result) => !result.ok);
    if (failed)
      return await end({
        status: 'RolledBack',
        reason: `pre-traffic check failed: ${failed.name}: ${failed.detail}`,
      });

    const watch: WatchTarget = {
      functionName,
      version: to,
      thresholds: canaryAlarmsFor(LOCAL_STAGE),
      p99BudgetMs: canaryAlarmsFor(LOCAL_STAGE).p99DurationMs[spec.name],
    };
    let after = (await readInvocations(awsEndpoint, functionName, Number.MAX_SAFE_INTEGER)).lastSeq;
    await moveLive(
      canaryPercent >= 100 ? to : from,
      canaryPercent >= 100 ? {} : { [to]: canaryPercent / 100 },
      true,
    );
    log(
      `Shifted ${canaryPercent >= 100 ? 'all' : `${canaryPercent} %`} of ${LIVE_ALIAS} to version ${to}; watching its 5xx, errors and p99 for ${formatDuration(bakeMs)}.`,
    );

    const points: Datapoint[] = [];
    const started = Date.now();
    let nextProgress = started + (options.progressEveryMs ?? 5000);
    for (;;) {
      const { records, lastSeq } = await readInvocations(awsEndpoint, functionName, after);
      after = records.length > 0 ? records[records.length - 1].seq : Math.max(after, lastSeq);
      points.push(...datapointsOf(records, watch));
      const alarm = firedAlarm(points, watch, Date.now());
      if (alarm)
        return await end({ status: 'RolledBack', reason: `alarm ${alarm.alarm}: ${alarm.reason}` });
      if (interrupted) return await end({ status: 'Stopped', reason: interrupted });
      if (store.stopRequested(record))
        return await end({ status: 'Stopped', reason: 'stopped by release rollback' });
      const elapsed = Date.now() - started;
      if (Date.now() >= nextProgress || elapsed >= bakeMs) {
        const totals = totalsOf(points);
        log(
          `[${formatDuration(Math.min(bakeMs, Math.round(elapsed / 1000) * 1000))}/${formatDuration(bakeMs)}] version ${to}: ${totals.invocations} invocation(s), ${totals.serverErrors} 5xx, ${totals.errors} error(s), p99 ${totals.p99Ms === null ? '–' : `${totals.p99Ms.toFixed(0)} ms`}`,
        );
        nextProgress += options.progressEveryMs ?? 5000;
      }
      if (elapsed >= bakeMs) break;
      await sleep(Math.min(options.pollMs ?? 250, Math.max(1, bakeMs - elapsed)));
    }
    if (canaryPercent < 100) await moveLive(to, {}, true);
    await writeLiveHistory(
      ssm,
      LOCAL_STAGE,
      fn,
      withLive(await readLiveHistory(ssm, LOCAL_STAGE, fn), to),
    );
    return await end({ status: 'Succeeded' });
  } catch (error) {
    const reason = `the deployment failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    return await end({ status: 'Stopped', reason });
  } finally {
    process.off('SIGINT', onSignal);
  }
};
