/**
 * `npm run event -- …` prints the event Lambda would receive:
 *
 *   npm run -s event -- http POST /rewards --user alex --body '{"to":"andreas","points":5,"message":"🙌"}'
 *   npm run -s event -- http GET /leaderboard --user alex --query period=month
 *   npm run -s event -- schedule
 *   npm run -s event -- fixtures [--out <folder>]     (re-writes libs/local-stack/test/events/)
 */
import path from 'node:path';
import { EVENT_FIXTURES_DIR, formatFixture, writeEventFixtures } from './event-fixtures';
import { scheduleEvent } from '@peer-rewards/lambda-events';
import { requestEvent } from './request-event';
import { createRouter } from './routes';

const USAGE = [
  'usage:',
  '  npm run -s event -- http <METHOD> <path> [--body <json>] [--user <name>] [--query a=b]… [--header name:value]…',
  '  npm run -s event -- schedule',
  '  npm run -s event -- fixtures [--out <folder>]',
].join('\n');

const httpCommand = (
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): number => {
  const [method, requestPath, ...rest] = args;
  if (!method || !requestPath || !requestPath.startsWith('/')) {
    err(`event: http needs a method and a path starting with /.\n${USAGE}`);
    return 2;
  }
  let body: string | undefined;
  let user: string | undefined;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (value === undefined) {
      err(`event: ${flag} needs a value.\n${USAGE}`);
      return 2;
    }
    i += 1;
    if (flag === '--body') {
      try {
        JSON.parse(value);
      } catch {
        err(`event: --body is not JSON: ${value}`);
        return 2;
      }
      body = value;
    } else if (flag === '--user') user = value;
    else if (flag === '--query') query.push(value);
    else if (flag === '--header') {
      const colon = value.indexOf(':');
      if (colon <= 0) {
        err(`event: --header wants name:value, got ${value}`);
        return 2;
      }
      headers[value.slice(0, colon).trim().toLowerCase()] = value.slice(colon + 1).trim();
    } else {
      err(`event: unknown option ${flag}.\n${USAGE}`);
      return 2;
    }
  }
  const event = requestEvent({
    method: method.toUpperCase(),
    path: requestPath,
    body,
    user,
    query,
    headers,
  });
  const route = createRouter().match(requestPath.split('?')[0]);
  if (!user && route && !route.route.public) {
    err(
      'event: no --user given: API Gateway never sends this route without the authorizer claims.',
    );
  }
  out(formatFixture(event).trimEnd());
  return 0;
};

export const main = (
  argv: readonly string[],
  out = console.log,
  err = console.error,
): number | Promise<number> => {
  const [command, ...args] = argv;
  if (command === 'http') return httpCommand(args, out, err);
  if (command === 'schedule') {
    out(formatFixture(scheduleEvent()).trimEnd());
    return 0;
  }
  if (command === 'fixtures') {
    const outIndex = args.indexOf('--out');
    const dir =
      outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1]) : EVENT_FIXTURES_DIR;
    return writeEventFixtures(dir).then((files) => {
      for (const file of files) out(path.relative(process.cwd(), file));
      return 0;
    });
  }
  if (command === '--help' || command === '-h') {
    out(USAGE);
    return 0;
  }
  err(`event: ${command ? `unknown command ${command}` : 'which event?'}\n${USAGE}`);
  return 2;
};

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
