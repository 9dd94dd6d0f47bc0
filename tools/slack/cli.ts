/**
 * `npm run slack -- [--user U0ALEX] [--team T0LOCAL] [--trigger <id>] [--url <stack>] [--unsigned | --stale] "<text>"`
 *
 * Sends one slash command to the running local stack as Slack would — form-encoded, signed with
 * `SLACK_SIGNING_SECRET` (the same the stack got) — and prints the answer. `@U…` in the text
 * becomes the mention Slack sends (`<@U…>`). `--trigger` repeats a delivery id (a redelivery);
 * `--unsigned` and `--stale` (signed 10 minutes ago) show the 401. Exit code 0 on a 200.
 */
import { parseArgs } from 'node:util';
import { findRunningStack } from '@peer-rewards/local-stack';
import {
  LOCAL_TEAM_ID,
  asSlackText,
  linkIn,
  sendSlackCommand,
  slackCommandRequest,
} from './slack-request';

const USAGE =
  'usage: npm run slack -- [--user U0ALEX] [--team T0LOCAL] [--trigger <id>] [--url <stack url>] [--unsigned | --stale] "<text>"';

export const runSlackCli = async (
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      user: { type: 'string', default: 'U0ALEX' },
      team: { type: 'string', default: LOCAL_TEAM_ID },
      trigger: { type: 'string' },
      url: { type: 'string' },
      unsigned: { type: 'boolean', default: false },
      stale: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const secret = env.SLACK_SIGNING_SECRET;
  if (!secret && !values.unsigned) {
    print('SLACK_SIGNING_SECRET is not set: give it the value `npm start` was started with.');
    return 2;
  }
  const url = values.url ?? (await findRunningStack('.data'))?.url;
  if (!url) {
    print(
      'No running local stack found: start one (SLACK_SIGNING_SECRET=… npm start) or pass --url.',
    );
    return 2;
  }
  const request = slackCommandRequest(
    {
      text: asSlackText(positionals.join(' ')),
      userId: values.user,
      teamId: values.team,
      triggerId: values.trigger,
    },
    {
      secret: values.unsigned ? undefined : secret,
      timestamp: values.stale ? Math.floor(Date.now() / 1000) - 600 : undefined,
    },
  );
  const answer = await sendSlackCommand(url, request);
  const kind = answer.body.response_type ?? answer.body.error?.code ?? '';
  print(`${answer.status} ${kind} (${answer.ms.toFixed(0)} ms)`.replace('  ', ' '));
  print(answer.body.text ?? answer.body.error?.message ?? '');
  const link = linkIn(answer.body.text);
  if (link) print(`\nopen: ${link}`);
  return answer.status === 200 ? 0 : 1;
};

if (require.main === module) {
  runSlackCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
