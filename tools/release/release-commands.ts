/**
 * The release commands against Lambda: `status` and `prune` (`rollback` and `record-live` are in
 * `rollback-commands.ts`). Each reads the live state, asks a pure planner what to do, prints it,
 * and only then changes anything.
 */
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { DeleteFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { isAwsError } from './aws-errors';
import { deployedFunctionName, readInventory, type FunctionInventory } from './lambda-inventory';
import { planPrune } from './plan-prune';

export interface CommandContext {
  readonly client: LambdaClient;
  readonly codedeploy: CodeDeployClient;
  /** Holds the record of fully live versions. */
  readonly ssm: SSMClient;
  /** Where human-readable output goes (stdout in the CLI, an array in tests). */
  readonly log: (line: string) => void;
}

/** What a command ends with: the process exit code. */
export type ExitCode = 0 | 1;

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

/** Prints each function's aliases (with canary weights), versions and code sizes. */
export const status = async (
  { client, log }: CommandContext,
  stage: string,
  functions: readonly string[],
): Promise<ExitCode> => {
  let total = 0;
  for (const fn of functions) {
    const functionName = deployedFunctionName(stage, fn);
    const inventory = await tryReadInventory(client, functionName);
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
  { client, log }: CommandContext,
  { stage, functions, keep, yes }: PruneOptions,
): Promise<ExitCode> => {
  let failures = 0;
  let freed = 0;
  for (const fn of functions) {
    const functionName = deployedFunctionName(stage, fn);
    const inventory = await tryReadInventory(client, functionName);
    if (!inventory) {
      log(`${functionName}: not deployed, nothing to prune`);
      continue;
    }
    const plan = planPrune(inventory, keep);
    for (const kept of plan.keep)
      log(`${functionName}: keep ${kept.version} (${kept.reasons.join('; ')})`);
    if (plan.remove.length === 0) {
      log(`${functionName}: nothing to delete`);
      continue;
    }
    for (const version of plan.remove) {
      if (!yes) {
        log(`${functionName}: would delete ${version.version} (${formatBytes(version.codeSize)})`);
        continue;
      }
      try {
        await client.send(
          new DeleteFunctionCommand({ FunctionName: functionName, Qualifier: version.version }),
        );
        freed += version.codeSize;
        log(`${functionName}: deleted ${version.version} (${formatBytes(version.codeSize)})`);
      } catch (error) {
        // An alias may have moved onto this version since it was read; Lambda refuses then.
        failures += 1;
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        log(`${functionName}: could not delete ${version.version}: ${message}`);
      }
    }
    if (!yes) freed += plan.freedBytes;
  }
  log(
    yes
      ? `Freed ${formatBytes(freed)} of code storage.`
      : `Dry run: ${formatBytes(freed)} would be freed. Run again with --yes to delete.`,
  );
  return failures > 0 ? 1 : 0;
};
