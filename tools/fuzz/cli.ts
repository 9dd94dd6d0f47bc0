/**
 * `npm run fuzz` and `npm run fault`: the long runs of the suites `npm test` runs short.
 *
 *   npm run fuzz  -- [--requests 10000] [--seed <n>] [--concurrency 8]
 *   npm run fault -- [--runs 5] [--pause 5s] [--kill SIGTERM|SIGKILL]
 *   npm run fault -- --durability 20 [--kill SIGKILL|SIGTERM] [--after-ms 0]
 *                                        (DynamoDB Local alone: is an acknowledged commit kept?)
 *
 * Both print a summary and exit 1 when anything went wrong. A fuzz run without --seed picks
 * one and prints it: `--seed` replays exactly the same requests.
 */
import { probeDurability } from './durability-probe';
import { runFaultInjection } from './fault-run';
import { runFuzz } from './fuzz-run';
import { REGRESSIONS } from './regressions';

const option = (argv: readonly string[], name: string, fallback: string): string => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};

const histogram = (statuses: Readonly<Record<string, number>>) =>
  Object.entries(statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status === '0' ? 'no answer' : status}: ${count}`)
    .join(', ');

const report = (problems: readonly string[]) => {
  for (const problem of problems.slice(0, 50)) console.log(`  ✗ ${problem}`);
  if (problems.length > 50) console.log(`  … and ${problems.length - 50} more`);
};

const fuzz = async (argv: readonly string[]): Promise<number> => {
  const seed = Number(option(argv, 'seed', String(Math.floor(Math.random() * 2 ** 31))));
  const requests = Number(option(argv, 'requests', '10000'));
  const concurrency = Number(option(argv, 'concurrency', '8'));
  console.log(
    `fuzzing the local stack: ${requests} requests, seed ${seed}, ${concurrency} at a time`,
  );
  const result = await runFuzz({ seed, requests, concurrency, first: REGRESSIONS });
  console.log(`requests: ${result.sent} in ${(result.durationMs / 1000).toFixed(1)} s`);
  console.log(`statuses: ${histogram(result.statuses)}`);
  console.log(
    `seed:     ${seed} (npm run fuzz -- --seed ${seed} --requests ${requests} replays it)`,
  );
  console.log(result.problems.length === 0 ? 'no problems' : `${result.problems.length} problems:`);
  report(result.problems);
  return result.problems.length === 0 ? 0 : 1;
};

const durability = async (argv: readonly string[]): Promise<number> => {
  const rounds = Number(option(argv, 'durability', '20'));
  const signal = option(argv, 'kill', 'SIGKILL') === 'SIGTERM' ? 'SIGTERM' : 'SIGKILL';
  const afterMs = Number(option(argv, 'after-ms', '0'));
  const result = await probeDurability({
    rounds,
    signal,
    afterMs,
    log: (line) => console.log(`  ${line}`),
  });
  const how = `${signal} ${afterMs} ms after the acknowledgement`;
  console.log(
    result.lost.length === 0
      ? `${rounds} acknowledged transactions, each followed by ${how}: all kept`
      : `${result.lost.length} of ${rounds} acknowledged transactions lost with ${how} (rounds ${result.lost.map((r) => r + 1).join(', ')})`,
  );
  return result.lost.length === 0 ? 0 : 1;
};

const fault = async (argv: readonly string[]): Promise<number> => {
  if (argv.includes('--durability')) return durability(argv);
  const runs = Number(option(argv, 'runs', '5'));
  const pauseMs = Number.parseFloat(option(argv, 'pause', '5s')) * 1000;
  const kill = option(argv, 'kill', 'SIGTERM') === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM';
  let failed = 0;
  for (let run = 1; run <= runs; run += 1) {
    const result = await runFaultInjection({
      pauseMs,
      kill,
      log: (line) => console.log(`  ${line}`),
    });
    console.log(`run ${run}/${runs} (${kill}): gifts ${histogram(result.statuses)}`);
    report(result.problems);
    if (result.problems.length > 0) failed += 1;
  }
  console.log(
    failed === 0 ? `${runs} runs, no problems` : `${failed} of ${runs} runs had problems`,
  );
  return failed === 0 ? 0 : 1;
};

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: readonly string[]) => Promise<number>> = { fuzz, fault };
const run = commands[command ?? ''];
if (!run) {
  console.error('usage: cli.ts fuzz|fault [options]');
  process.exit(2);
}
void run(rest).then((code) => process.exit(code));
