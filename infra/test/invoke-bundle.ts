/**
 * One invocation of a built function (`dist/apps/<fn>/index.js`) in a Node process of its own,
 * as Lambda runs it, with a Lambda context naming the deployed function and its version. Returns
 * the answer and everything the function printed (where CloudWatch would find its EMF lines).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const DIST_DIR = path.resolve(__dirname, '../../dist/apps');

const ANSWER = '\u0000answer ';

const HOST = `
const { handler } = require(process.argv[1]);
const { event, context } = JSON.parse(process.argv[2]);
const deadline = Date.now() + 10000;
handler(event, { ...context, getRemainingTimeInMillis: () => deadline - Date.now() }).then(
  (answer) => process.stdout.write('\\n${ANSWER.replace('\u0000', '\\u0000')}' + JSON.stringify(answer) + '\\n'),
);`;

export interface BundleRun {
  readonly answer: { statusCode?: number } | null;
  readonly stdout: string;
}

export const invokeBundle = (
  fn: string,
  event: unknown,
  context: { functionName: string; functionVersion: string },
  env: Record<string, string>,
): BundleRun => {
  const bundle = path.join(DIST_DIR, fn, 'index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run "npm run build" first.`);
  const run = spawnSync(
    process.execPath,
    [
      '-e',
      HOST,
      bundle,
      JSON.stringify({ event, context: { ...context, awsRequestId: 'bundle' } }),
    ],
    { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 },
  );
  if (run.status !== 0) throw new Error(`${fn} failed: ${run.stderr}`);
  const marker = run.stdout.lastIndexOf(ANSWER);
  return {
    answer: marker >= 0 ? JSON.parse(run.stdout.slice(marker + ANSWER.length)) : null,
    stdout: marker >= 0 ? run.stdout.slice(0, marker) : run.stdout,
  };
};
