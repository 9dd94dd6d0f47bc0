/**
 * The release commands against Lambda: `status` and `prune` (`rollback` and `record-live` are in
 * `rollback-commands.ts`, `deploy` in `deploy-command.ts`). Each reads the live state, asks a pure
 * planner what to do, reports it, and only then changes anything; with `--json` the result is
 * also one JSON object (the output contract is in `command-context.ts`).
 */
import { DeleteFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { isAwsError } from './aws-errors';
import type { CommandContext, DeploymentSummary, ExitCode } from './command-context';
import {
  deployedFunctionName,
  LIVE_ALIAS,
  readInventory,
  type FunctionInventory,
} from './lambda-inventory';
import { planPrune } from './plan-prune';

export type { CommandContext, ExitCode } from './command-context';

export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
};

/** Reads a function's inventory, or undefined when the function is not deployed in that stage. */
export const tryReadInventory = async (
  client: LambdaClient,
  functionName: string,
): Promise<FunctionInventory | undefined> => {
  try {
    return await readInventory(client, functionName);
  } catch (error) {
    if (isAwsError(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
};

const describeAlias = (alias: FunctionInventory['aliases'][number]): string => {
  const weights = Object.entries(alias.additionalWeights);
  if (weights.length === 0) return `${alias.name} → ${alias.version}`;
  const canaryShare = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const canary = weights
    .map(([version, weight]) => `${version} at ${(weight * 100).toFixed(0)}%`)
    .join(', ');
  return `${alias.name} → ${alias.version} at ${((1 - canaryShare) * 100).toFixed(0)}%, canary ${canary}`;
};

/** A function's state as `status --json` reports it. */
export interface FunctionStatus {
  readonly function: string;
  /** The version `live` points at (null when not deployed). */
  readonly live: string | null;
  /** Every version `live` routes to, with its share of the traffic. */
  readonly weights: Readonly<Record<string, number>>;
  /** Published versions, oldest first. */
  readonly versions: readonly string[];
  readonly lastDeployment: DeploymentSummary | null;
}

/** Rounds away the float noise of `1 - 0.1`. */
const share = (weight: number): number => Math.round(weight * 1e6) / 1e6;

export const functionStatus = (
  fn: string,
  inventory: FunctionInventory | undefined,
  lastDeployment: DeploymentSummary | null,
): FunctionStatus => {
  const alias = inventory?.aliases.find((a) => a.name === LIVE_ALIAS);
  const additional = Object.entries(alias?.additionalWeights ?? {});
  const canary = additional.reduce((sum, [, weight]) => sum + weight, 0);
  return {
    function: fn,
    live: alias?.version ?? null,
    weights: alias
      ? Object.fromEntries([
          [alias.version, share(1 - canary)],
          ...additional.map(([v, w]) => [v, share(w)]),
        ])
      : {},
    versions: inventory?.versions.map((v) => v.version) ?? [],
    lastDeployment,
  };
};

/** Prints each function's aliases (with canary weights), versions and code sizes. */
export const status = async (
  { client, deployments, out }: CommandContext,
  stage: string,
  functions: readonly string[],
): Promise<ExitCode> => {
  const log = out.report;
  let total = 0;
  const results: FunctionStatus[] = [];
  for (const fn of functions) {
    const functionName = deployedFunctionName(stage, fn);
    const inventory = await tryReadInventory(client, functionName);
    // The last deployment is asked for only when it is reported (CodeDeploy is another service).
    if (out.json) results.push(functionStatus(fn, inventory, await deployments.last(stage, fn)));
    if (!inventory) {
      log(`${functionName}: not deployed`);
      continue;
    }
    const size = inventory.versions.reduce((sum, v) => sum + v.codeSize, 0);
    total += size;
    log(`${functionName}: ${inventory.versions.length} published version(s), ${formatBytes(size)}`);
    for (const alias of inventory.aliases) log(`  alias ${describeAlias(alias)}`);
    if (inventory.aliases.length === 0) log('  no aliases');
    const targets = new Map<string, string[]>();
    for (const alias of inventory.aliases) {
      targets.set(alias.version, [...(targets.get(alias.version) ?? []), alias.name]);
      for (const version of Object.keys(alias.additionalWeights)) {
        targets.set(version, [...(targets.get(version) ?? []), `${alias.name} canary`]);
      }
    }
    for (const version of [...inventory.versions].reverse()) {
      const by = targets.get(version.version);
      log(
        `  version ${version.version.padStart(4)}  ${formatBytes(version.codeSize).padStart(9)}  ${
          version.lastModified ?? ''
        }${by ? `  ← ${by.join(', ')}` : ''}`,
      );
    }
  }
  log(`stage ${stage}: ${formatBytes(total)} of published code (regional limit 75 GB by default)`);
  out.result(results.length === 1 ? results[0] : { stage, functions: results });
  return 0;
};

export interface PruneOptions {
  readonly stage: string;
  readonly functions: readonly string[];
  readonly keep: number;
  /** Without it the command only prints what it would delete. */
  readonly yes: boolean;
}

/** Deletes the published versions no alias needs, beyond the newest `keep`. */
export const prune = async (
  { client, out }: CommandContext,
  { stage, functions, keep, yes }: PruneOptions,
): Promise<ExitCode> => {
  const log = out.report;
  let failures = 0;
  let freed = 0;
  const deleted: Record<string, string[]> = {};
  const kept: Record<string, string[]> = {};
  const refused: Record<string, string[]> = {};
  const note = (into: Record<string, string[]>, fn: string, version: string) => {
    into[fn] = [...(into[fn] ?? []), version];
  };
  for (const fn of functions) {
    const functionName = deployedFunctionName(stage, fn);
    const inventory = await tryReadInventory(client, functionName);
    if (!inventory) {
      log(`${functionName}: not deployed, nothing to prune`);
      continue;
    }
    const plan = planPrune(inventory, keep);
    for (const stays of plan.keep) {
      note(kept, fn, stays.version);
      log(`${functionName}: keep ${stays.version} (${stays.reasons.join('; ')})`);
    }
    if (plan.remove.length === 0) {
      log(`${functionName}: nothing to delete`);
      continue;
    }
    for (const version of plan.remove) {
      if (!yes) {
        note(deleted, fn, version.version);
        log(`${functionName}: would delete ${version.version} (${formatBytes(version.codeSize)})`);
        continue;
      }
      try {
        await client.send(
          new DeleteFunctionCommand({ FunctionName: functionName, Qualifier: version.version }),
        );
        freed += version.codeSize;
        note(deleted, fn, version.version);
        log(`${functionName}: deleted ${version.version} (${formatBytes(version.codeSize)})`);
      } catch (error) {
        // An alias may have moved onto this version since it was read; Lambda refuses then.
        failures += 1;
        note(refused, fn, version.version);
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        out.progress(`${functionName}: could not delete ${version.version}: ${message}`);
      }
    }
    if (!yes) freed += plan.freedBytes;
  }
  log(
    yes
      ? `Freed ${formatBytes(freed)} of code storage.${failures > 0 ? ` ${failures} version(s) could not be deleted.` : ''}`
      : `Dry run: ${formatBytes(freed)} would be freed. Run again with --yes to delete.`,
  );
  out.result({ prune: { dryRun: !yes, deleted, kept, refused, freedBytes: freed } });
  return failures > 0 ? 1 : 0;
};
