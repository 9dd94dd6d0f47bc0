/**
 * `npm run release -- <command>`: see and change what Lambda serves, per stage and function.
 *
 *   status   [--stage dev|prod] [--function <fn>]
 *   rollback --function <fn> --stage <stage> [--to <version>]
 *   record-live --function <fn> --stage <stage>
 *   prune    --stage <stage> [--function <fn>] [--keep 5] [--yes]
 *
 * Deployed functions are named `<stage>-<fn>` and serve through the alias `live`. Credentials and
 * region come from the usual AWS environment (in CI: the OIDC role of the workflow).
 */
import { parseArgs } from 'node:util';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { prune, status, type CommandContext, type ExitCode } from './release-commands';
import { recordLive, rollback } from './rollback-commands';

export const STAGES = ['dev', 'prod'] as const;

const USAGE = `Usage: npm run release -- <command> [options]

  status   [--stage <stage>] [--function <fn>]     aliases, canary weights, versions, code sizes
  rollback --function <fn> --stage <stage> [--to <version>]
                                                   stop a deployment in flight with rollback, or move
                                                   "live" to the last fully live (or given) version
  record-live --function <fn> --stage <stage>      record the version "live" serves as fully live
  prune    --stage <stage> [--function <fn>] [--keep 5] [--yes]
                                                   delete versions no alias needs (dry run without --yes)

Stages: ${STAGES.join(', ')}. Functions: ${FUNCTION_NAMES.join(', ')}.`;

/** A mistake in how the command was called: printed with the usage, exit 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
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

/** Parses `argv` (without node and the script) and runs the command against `context`. */
export const runCli = async (
  argv: readonly string[],
  context: CommandContext,
): Promise<ExitCode> => {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    context.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  try {
    const { values } = parseArgs({
      args: [...rest],
      options: {
        stage: { type: 'string' },
        function: { type: 'string' },
        to: { type: 'string' },
        keep: { type: 'string' },
        yes: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    switch (command) {
      case 'status': {
        const stage = checkStage(values.stage, false);
        const fn = checkFunction(values.function, false);
        let code: ExitCode = 0;
        for (const s of stage ? [stage] : STAGES) {
          code = (await status(context, s, fn ? [fn] : FUNCTION_NAMES)) || code;
        }
        return code;
      }
      case 'rollback': {
        const fn = checkFunction(values.function, true) as string;
        const stage = checkStage(values.stage, true) as string;
        const to = checkVersion(values.to);
        return await rollback(context, { stage, fn, ...(to ? { to } : {}) });
      }
      case 'record-live': {
        const fn = checkFunction(values.function, true) as string;
        const stage = checkStage(values.stage, true) as string;
        return await recordLive(context, { stage, fn });
      }
      case 'prune': {
        const stage = checkStage(values.stage, true) as string;
        const fn = checkFunction(values.function, false);
        return await prune(context, {
          stage,
          functions: fn ? [fn] : FUNCTION_NAMES,
          keep: checkKeep(values.keep),
          yes: values.yes ?? false,
        });
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      context.log(`${(error as Error).message}\n\n${USAGE}`);
      return 1;
    }
    throw error;
  }
};

const main = async (argv: readonly string[]): Promise<ExitCode> => {
  // The SDK's notice about Node 22 is for the Lambda runtime's owners, not for this tool's users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new LambdaClient({});
  const codedeploy = new CodeDeployClient({});
  const ssm = new SSMClient({});
  try {
    return await runCli(argv, { client, codedeploy, ssm, log: (line) => console.log(line) });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`release ${argv[0] ?? ''} failed: ${message}`);
    return 1;
  } finally {
    client.destroy();
    codedeploy.destroy();
    ssm.destroy();
  }
};

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
