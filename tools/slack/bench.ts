/**
 * `npm run bench:slack -- [--requests 300] [--concurrency 1]`: how long slash commands take on
 * the local stack (built functions, in-memory DynamoDB Local, demo users): p50/p95/p99 of `help`
 * (no database) and of giving a reward (two link reads, the idempotency read, the transaction),
 * and slack-fn's cold start (`Init Duration` of its first REPORT line). Figures, not assertions;
 * docs/slack.md and docs/performance.md record what was measured. The client shares the process
 * with the stack (not with DynamoDB Local), so the figures include its share of the CPU.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startLocalStack, type LocalStack } from '@peer-rewards/local-stack';
import { linkIn, sendSlackCommand, slackCommandRequest, type SlackAnswer } from './slack-request';

interface Series {
  readonly name: string;
  readonly answers: readonly SlackAnswer[];
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const row = (series: Series): string => {
  const ms = series.answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const failed = series.answers.filter((answer) => answer.status !== 200).length;
  const cells = [50, 95, 99].map((p) => percentile(ms, p).toFixed(1).padStart(7));
  return `${series.name.padEnd(10)} ${String(ms.length).padStart(8)} ${cells.join(' ')} ${ms.at(-1)?.toFixed(1).padStart(7)} ${String(failed).padStart(7)}`;
};

/** Runs `count` requests, `concurrency` at a time. */
const run = async (
  count: number,
  concurrency: number,
  send: (i: number) => Promise<SlackAnswer>,
) => {
  const answers: SlackAnswer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) answers.push(await send((next += 1)));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '1' },
    },
  });
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const secret = randomBytes(24).toString('hex');
  const lines: string[] = [];
  const stack: LocalStack = await startLocalStack({
    port: 0,
    inMemory: !process.env.DYNAMODB_ENDPOINT,
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT,
    tableName: `bench-slack-${Date.now().toString(36)}`,
    functionEnv: { SLACK_SIGNING_SECRET: secret, MONTHLY_ALLOWANCE: '100000000' },
    log: (line) => lines.push(line),
  });
  const command = (userId: string, text: string) =>
    sendSlackCommand(stack.url, slackCommandRequest({ userId, text }, { secret }));
  try {
    const linkAs = async (userId: string, username: string) => {
      const answer = await command(userId, 'link');
      const code = new URL(linkIn(answer.body.text) ?? '').searchParams.get('code');
      await fetch(`${stack.url}/slack/link`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.tokenFor(username)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ code }),
      });
      return answer;
    };
    const first = await linkAs('U0ALEX', 'alex');
    await linkAs('U0ANDREAS', 'andreas');
    const init = lines
      .find((line) => line.includes('[slack-fn]') && line.includes('Init Duration'))
      ?.match(/Init Duration: ([\d.]+) ms/)?.[1];

    await run(20, 1, () => command('U0ALEX', '+1 <@U0ANDREAS> warm-up'));
    const help = await run(requests, concurrency, () => command('U0ALEX', 'help'));
    const give = await run(requests, concurrency, (i) =>
      command(
        i % 2 ? 'U0ALEX' : 'U0ANDREAS',
        `+1 <@${i % 2 ? 'U0ANDREAS' : 'U0ALEX'}> thanks #${i}`,
      ),
    );

    console.log(
      `slack-fn cold start: Init Duration ${init ?? '?'} ms; first command (link) answered in ${first.ms.toFixed(0)} ms`,
    );
    console.log(`${requests} requests per command, ${concurrency} at a time`);
    console.log('command    requests  p50 ms  p95 ms  p99 ms  max ms  non-200');
    console.log(row({ name: 'help', answers: help }));
    console.log(row({ name: 'give', answers: give }));
  } finally {
    await stack.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
