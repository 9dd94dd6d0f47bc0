/**
 * `npm run release -- <command>`: see and change what Lambda serves, per stage and function.
 *
 *   status   [--stage dev|prod|local] [--function <fn>] [--json]
 *   deploy   --stage local --function <fn> [--canary 10] [--bake 5m] [--json]
 *   rollback --function <fn> --stage <stage> [--to <version>] [--json]
 *   record-live --function <fn> --stage <stage>
 *   prune    --stage <stage> [--function <fn>] [--keep 5] [--yes] [--json]
 *
 * Deployed functions are named `<stage>-<fn>` and serve through the alias `live`. Credentials and
 * region come from the usual AWS environment (in CI: the OIDC role of the workflow); `--stage
 * local` talks to the running local stack instead (`npm start`), with the same SDK calls.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { parseBake, parseCanary, UsageError } from './cli-options';
import { codeDeployControl } from './codedeploy-deployments';
import type { CommandContext, ExitCode } from './command-context';
import { deploy } from './deploy-command';
import {
  LOCAL_STAGE,
  LocalStackUnavailableError,
  localTarget,
  type LocalTarget,
} from './local-context';
import { prune, status } from './release-commands';
import { recordLive, rollback } from './rollback-commands';

export { UsageError } from './cli-options';

/** The stages in AWS; `local` is the running local stack. */
export const AWS_STAGES = ['dev', 'prod'] as const;
export const STAGES = [...AWS_STAGES, LOCAL_STAGE] as const;

const REPO_ROOT = path.resolve(__dirname, '../..');

const USAGE = `Usage: npm run release -- <command> [options]

  status   [--stage <stage>] [--function <fn>] [--json]
                                                   aliases, canary weights, versions, code sizes
  deploy   --stage local --function <fn> [--canary 10] [--bake 5m] [--json]
                                                   publish dist/apps/<fn>, pre-traffic check, canary,
                                                   then live or rolled back (the local stack only)
  rollback --function <fn> --stage <stage> [--to <version>] [--json]
                                                   stop a deployment in flight with rollback, or move
                                                   "live" to the last fully live (or given) version
  record-live --function <fn> --stage <stage>      record the version "live" serves as fully live
  prune    --stage <stage> [--function <fn>] [--keep 5] [--yes] [--json]
                                                   delete versions no alias needs (dry run without --yes)

  --data-dir <folder>   with --stage local: the data folder of the running stack (default .data)

Stages: ${STAGES.join(', ')}. Functions: ${FUNCTION_NAMES.join(', ')}.`;

/** Where the commands of each stage run. */
export interface CliTargets {
  readonly log: (line: string) => void;
  /** The clients of a stage in AWS. */
  readonly aws: (stage: string) => CommandContext;
  /** The running local stack; default the one `npm start` recorded in `<dataDir>`. */
  readonly local?: (dataDir: string) => LocalTarget;
}

const checkStage = (stage: string | undefined, required: boolean): string | undefined => {
  if (stage === undefined) {
    if (required) throw new UsageError('--stage is required.');
    return undefined;
  }
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new UsageError(`Unknown stage "${stage}" (expected one of ${STAGES.join(', ')}).`);
  }
  return stage;
};

const checkFunction = (fn: string | undefined, required: boolean): string | undefined => {
  if (fn === undefined) {
    if (required) throw new UsageError('--function is required.');
    return undefined;
  }
  if (!(FUNCTION_NAMES as readonly string[]).includes(fn)) {
    throw new UsageError(
      `Unknown function "${fn}" (expected one of ${FUNCTION_NAMES.join(', ')}).`,
    );
  }
  return fn;
};

const checkVersion = (to: string | undefined): string | undefined => {
  if (to !== undefined && !/^[1-9][0-9]*$/.test(to)) {
    throw new UsageError(`--to must be a published version number such as 7 (got "${to}").`);
  }
  return to;
};

const checkKeep = (keep: string | undefined): number => {
  if (keep === undefined) return 5;
  if (!/^[1-9][0-9]*$/.test(keep)) {
    throw new UsageError(`--keep must be a whole number of at least 1 (got "${keep}").`);
  }
  return Number(keep);
};

const OPTIONS = {
  stage: { type: 'string' },
  function: { type: 'string' },
  to: { type: 'string' },
  keep: { type: 'string' },
  canary: { type: 'string' },
  bake: { type: 'string' },
  'data-dir': { type: 'string' },
  yes: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

/** Parses `argv` (without node and the script) and runs the command against its stage. */
export const runCli = async (argv: readonly string[], targets: CliTargets): Promise<ExitCode> => {
  const { log } = targets;
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    log(USAGE);
    return command === undefined ? 1 : 0;
  }
  const opened: LocalTarget[] = [];
  try {
    const { values } = parseArgs({
      args: [...rest],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    });
    const json = values.json ?? false;
    const dataDir = path.resolve(values['data-dir'] ?? path.join(REPO_ROOT, '.data'));
    const local = () => {
      const target = (targets.local ?? ((dir) => localTarget(dir, log)))(dataDir);
      opened.push(target);
      return target;
    };
    const contextOf = (stage: string) =>
      stage === LOCAL_STAGE ? local().context : targets.aws(stage);
    switch (command) {
      case 'status': {
        const stage = checkStage(values.stage, false);
        const fn = checkFunction(values.function, false);
        let code: ExitCode = 0;
        for (const s of stage ? [stage] : AWS_STAGES) {
          code = (await status(contextOf(s), s, fn ? [fn] : FUNCTION_NAMES, { json })) || code;
        }
        return code;
      }
      case 'deploy': {
        const fn = checkFunction(values.function, true) as string;
        const stage = checkStage(values.stage, true) as string;
        const canaryPercent = parseCanary(values.canary);
        const bakeMs = parseBake(values.bake);
        if (stage !== LOCAL_STAGE) {
          throw new UsageError(
            `deploy runs on --stage local only: ${stage} is deployed by deploy.yml through CodeDeploy.`,
          );
        }
        return await deploy(local(), { fn, canaryPercent, bakeMs, json });
      }
      case 'rollback': {
        const fn = checkFunction(values.function, true) as string;
        const stage = checkStage(values.stage, true) as string;
        const to = checkVersion(values.to);
        return await rollback(contextOf(stage), { stage, fn, json, ...(to ? { to } : {}) });
      }
      case 'record-live': {
        const fn = checkFunction(values.function, true) as string;
        const stage = checkStage(values.stage, true) as string;
        return await recordLive(contextOf(stage), { stage, fn });
      }
      case 'prune': {
        const stage = checkStage(values.stage, true) as string;
        const fn = checkFunction(values.function, false);
        return await prune(contextOf(stage), {
          stage,
          functions: fn ? [fn] : FUNCTION_NAMES,
          keep: checkKeep(values.keep),
          yes: values.yes ?? false,
          json,
        });
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      log(`${(error as Error).message} (npm run release -- --help lists the commands and options)`);
      return 1;
    }
    if (error instanceof LocalStackUnavailableError) {
      log(error.message);
      return 1;
    }
    throw error;
  } finally {
    for (const target of opened) target.destroy();
  }
};

const main = async (argv: readonly string[]): Promise<ExitCode> => {
  // The SDK's notice about Node 22 is for the Lambda runtime's owners, not for this tool's users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const clients: Array<{ destroy(): void }> = [];
  const aws = (): CommandContext => {
    const client = new LambdaClient({});
    const codedeploy = new CodeDeployClient({});
    const ssm = new SSMClient({});
    clients.push(client, codedeploy, ssm);
    return {
      client,
      ssm,
      deployments: codeDeployControl(codedeploy),
      log: (line) => console.log(line),
    };
  };
  try {
    return await runCli(argv, { aws, log: (line) => console.log(line) });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`release ${argv[0] ?? ''} failed: ${message}`);
    return 1;
  } finally {
    for (const client of clients) client.destroy();
  }
};

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
