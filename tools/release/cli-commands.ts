/**
 * The release CLI's commands: the options each takes (and nothing else, `cli-args.ts`) and how
 * each runs once its values are checked.
 */
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import type { CommandSpec, OptionSpec, OptionValues } from './cli-args';
import {
  AWS_STAGES,
  DEFAULT_KEEP,
  parseBake,
  parseCanary,
  parseFunction,
  parseKeep,
  parseStage,
  parseVersion,
  UsageError,
} from './cli-options';
import type { CommandContext, ExitCode, Output } from './command-context';
import { deploy } from './deploy-command';
import { LOCAL_STAGE, type LocalTarget } from './local-context';
import { prune, status } from './release-commands';
import { recordLive, rollback } from './rollback-commands';

/** What a command runs with: its output and the stages' clients, opened on first use. */
export interface CommandEnv {
  readonly out: Output;
  readonly contextOf: (stage: string) => CommandContext;
  readonly local: () => LocalTarget;
}

export interface Command extends CommandSpec {
  run(values: OptionValues, env: CommandEnv): Promise<ExitCode>;
}

const stage = (required: boolean): OptionSpec => ({
  value: '<stage>',
  required,
  help: `${AWS_STAGES.join(', ')} (AWS) or ${LOCAL_STAGE} (the running local stack)${required ? '' : '; default every AWS stage'}`,
});
const fn = (required: boolean, otherwise = 'every function'): OptionSpec => ({
  value: '<fn>',
  required,
  help: `one of ${FUNCTION_NAMES.join(', ')}${required ? '' : `; default ${otherwise}`}`,
});
const json: OptionSpec = { help: 'the result as one JSON object on the last stdout line' };
const dataDir: OptionSpec = {
  value: '<folder>',
  help: `with --stage ${LOCAL_STAGE}: the data folder of the running stack (default .data)`,
};

/** A string option's value; flags and absent options are undefined. */
const text = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};
const stageOf = (values: OptionValues) => parseStage(text(values, 'stage') as string);
const functionOf = (values: OptionValues) => parseFunction(text(values, 'function') as string);
const functionsOf = (values: OptionValues) =>
  values.function === undefined ? FUNCTION_NAMES : [functionOf(values)];

const statusCommand: Command = {
  name: 'status',
  summary: 'aliases, canary weights, versions, code sizes (and the last deployment with --json)',
  options: { stage: stage(false), function: fn(false), json, 'data-dir': dataDir },
  async run(values, { contextOf, out }) {
    const stages = values.stage === undefined ? AWS_STAGES : [stageOf(values)];
    const functions = functionsOf(values);
    if (stages.length === 1) return status(contextOf(stages[0]), stages[0], functions);
    // One JSON result for all the stages, keyed by stage.
    const byStage: Record<string, unknown> = {};
    let code: ExitCode = 0;
    for (const s of stages) {
      const context = contextOf(s);
      const each: Output = { ...out, result: (value) => (byStage[s] = value) };
      code = (await status({ ...context, out: each }, s, functions)) || code;
    }
    out.result({ stages: byStage });
    return code;
  },
};

const deployCommand: Command = {
  name: 'deploy',
  summary: 'publish dist/apps/<fn>, pre-traffic check, canary, then live or rolled back',
  options: {
    stage: {
      value: LOCAL_STAGE,
      required: true,
      help: `${LOCAL_STAGE} only: the AWS stages deploy through deploy.yml`,
    },
    function: fn(true),
    canary: {
      value: '10',
      help: 'percent of live for the new version during the bake, 0 < p ≤ 100',
    },
    bake: { value: '5m', help: 'how long the canary alarms are watched: 500ms, 30s, 5m (≤ 60m)' },
    json,
    'data-dir': dataDir,
  },
  async run(values, { local, out }) {
    const s = stageOf(values);
    const name = functionOf(values);
    const canaryPercent = parseCanary(text(values, 'canary'));
    const bakeMs = parseBake(text(values, 'bake'));
    if (s !== LOCAL_STAGE) {
      throw new UsageError(
        `deploy runs on --stage ${LOCAL_STAGE} only: ${s} is deployed by deploy.yml through CodeDeploy.`,
      );
    }
    return deploy(local(), out, { fn: name, canaryPercent, bakeMs });
  },
};

const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'stop a deployment in flight with rollback, or move live to the last fully live version',
  options: {
    function: fn(true),
    stage: stage(true),
    to: { value: '<version>', help: 'the published version to move live to' },
    json,
    'data-dir': dataDir,
  },
  async run(values, { contextOf }) {
    const name = functionOf(values);
    const s = stageOf(values);
    const to = values.to === undefined ? undefined : parseVersion(text(values, 'to') as string);
    return rollback(contextOf(s), { stage: s, fn: name, ...(to ? { to } : {}) });
  },
};

const recordLiveCommand: Command = {
  name: 'record-live',
  summary: 'record the version live serves as fully live (refused during a canary)',
  options: { function: fn(true), stage: stage(true), json, 'data-dir': dataDir },
  async run(values, { contextOf }) {
    const name = functionOf(values);
    const s = stageOf(values);
    return recordLive(contextOf(s), { stage: s, fn: name });
  },
};

const pruneCommand: Command = {
  name: 'prune',
  summary: 'delete versions no alias needs beyond the newest N (a dry run without --yes)',
  options: {
    stage: stage(true),
    function: fn(false),
    keep: { value: String(DEFAULT_KEEP), help: 'how many of the newest versions stay, at least 1' },
    yes: { help: 'delete; without it the command only lists what it would delete' },
    json,
    'data-dir': dataDir,
  },
  async run(values, { contextOf }) {
    const s = stageOf(values);
    const functions = functionsOf(values);
    const keep = parseKeep(text(values, 'keep'));
    return prune(contextOf(s), { stage: s, functions, keep, yes: values.yes === true });
  },
};

export const COMMANDS: Readonly<Record<string, Command>> = Object.fromEntries(
  [statusCommand, deployCommand, rollbackCommand, recordLiveCommand, pruneCommand].map((c) => [
    c.name,
    c,
  ]),
);
