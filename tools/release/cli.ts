/**
 * `npm run release -- <command>`: see and change what Lambda serves, per stage and function.
 *
 *   status   [--stage dev|prod|local] [--function <fn>] [--json]
 *   deploy   --stage local --function <fn> [--canary 10] [--bake 5m] [--json]
 *   rollback --function <fn> --stage <stage> [--to <version>] [--json]
 *   record-live --function <fn> --stage <stage> [--json]
 *   prune    --stage <stage> [--function <fn>] [--keep 5] [--yes] [--json]
 *
 * Each command takes only the options it declares; anything else is refused with exit 2. Exit 1
 * is a refused or failed operation; stdout carries only the result (`command-context.ts`).
 * Deployed functions are named `<stage>-<fn>` and serve through the alias `live`. Credentials and
 * region come from the usual AWS environment (in CI: the OIDC role of the workflow); `--stage
 * local` talks to the running local stack instead (`npm start`), with the same SDK calls.
 */
import path from 'node:path';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { asksForHelp, helpOf, parseOptions, synopsisOf, usageOf } from './cli-args';
import { COMMANDS, type CommandEnv } from './cli-commands';
import { STAGES, UsageError } from './cli-options';
import { codeDeployControl } from './codedeploy-deployments';
import {
  createOutput,
  writeError,
  type CommandContext,
  type ExitCode,
  type StageClients,
  type Streams,
} from './command-context';
import {
  LOCAL_STAGE,
  LocalStackUnavailableError,
  localTarget,
  type LocalTarget,
} from './local-context';

export { UsageError } from './cli-options';

const REPO_ROOT = path.resolve(__dirname, '../..');

const USAGE = [
  'Usage: npm run release -- <command> [options]',
  '',
  ...Object.values(COMMANDS).flatMap((spec) => [`  ${synopsisOf(spec)}`, `      ${spec.summary}`]),
  '',
  `Stages: ${STAGES.join(', ')}. Functions: ${FUNCTION_NAMES.join(', ')}.`,
  'npm run release -- <command> --help describes its options. Exit codes: 0 done, 1 refused or',
  'failed, 2 a usage error.',
].join('\n');

const commandNamed = (name: string | undefined) =>
  name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;

/** Where the commands of each stage run, and where their lines go. */
export interface CliTargets extends Streams {
  /** The clients of a stage in AWS. */
  readonly aws: (stage: string) => StageClients;
  /** The running local stack; default the one `npm start` recorded in `<dataDir>`. */
  readonly local?: (dataDir: string) => LocalTarget;
}

/** Parses `argv` (without node and the script) and runs the command against its stage. */
export const runCli = async (argv: readonly string[], targets: CliTargets): Promise<ExitCode> => {
  const [name, ...args] = argv;
  const json = args.includes('--json');
  if (name === '--help' || name === '-h' || name === 'help') {
    const spec = commandNamed(args[0]);
    targets.stdout(spec ? helpOf(spec) : USAGE);
    return 0;
  }
  const command = commandNamed(name);
  if (!command) {
    writeError(
      targets,
      json,
      'usage',
      `${name === undefined ? 'No command given' : `Unknown command "${name}"`}. ${USAGE.split('\n')[0]} (npm run release -- --help lists the commands).`,
    );
    return 2;
  }
  if (asksForHelp(args)) {
    targets.stdout(helpOf(command));
    return 0;
  }
  const out = createOutput(targets, json);
  const opened: LocalTarget[] = [];
  try {
    const values = parseOptions(command, args);
    const dataDir = values['data-dir'];
    const env: CommandEnv = {
      out,
      local: () => {
        const target = (targets.local ?? localTarget)(
          path.resolve(typeof dataDir === 'string' ? dataDir : path.join(REPO_ROOT, '.data')),
        );
        opened.push(target);
        return target;
      },
      contextOf: (stage): CommandContext => {
        if (dataDir !== undefined && stage !== LOCAL_STAGE) {
          throw new UsageError(`--data-dir applies to --stage ${LOCAL_STAGE} only.`);
        }
        const clients = stage === LOCAL_STAGE ? env.local().clients : targets.aws(stage);
        return { ...clients, out };
      },
    };
    return await command.run(values, env);
  } catch (error) {
    if (error instanceof UsageError) {
      writeError(
        targets,
        json,
        'usage',
        `release ${command.name}: ${error.message} ${usageOf(command)}`,
      );
      return 2;
    }
    if (error instanceof LocalStackUnavailableError) {
      return out.refuse('local-stack-unavailable', error.message);
    }
    if (json) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      targets.stdout(JSON.stringify({ error: { code: 'failed', message } }));
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
  const aws = (): StageClients => {
    const client = new LambdaClient({});
    const codedeploy = new CodeDeployClient({});
    const ssm = new SSMClient({});
    clients.push(client, codedeploy, ssm);
    return { client, ssm, deployments: codeDeployControl(codedeploy) };
  };
  try {
    return await runCli(argv, {
      aws,
      stdout: (line) => process.stdout.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
    });
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
