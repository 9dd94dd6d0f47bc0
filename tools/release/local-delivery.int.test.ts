/**
 * Delivery rehearsed on one machine, as a user does it: `npm start` (in-memory DynamoDB Local, the
 * built functions), then `npm run release -- … --stage local` as separate processes while
 * requests flow through the API. Bad builds roll themselves back, a good one goes live, a
 * rollback by hand and a prune follow.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalIssuer, waitForRunningStack, type StackFile } from '@peer-rewards/local-stack';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { rolledBackStatus } from './testing/rolled-back-status';
import { runProcess, type ProcessRun } from './testing/run-process';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, 'test', 'fixtures');

// A loaded two-core machine: DynamoDB Local, the stack and the CLI processes all start cold.
jest.setTimeout(240_000);

const runNode = (entry: string, args: readonly string[]): Promise<ProcessRun> =>
  runProcess(process.execPath, [path.join(ROOT, 'tools/bin/run.cjs'), entry, ...args], ROOT);

const lastJson = (run: ProcessRun): unknown => JSON.parse(run.stdout.split('\n').at(-1) ?? 'null');

describe('delivery on the local stack', () => {
  let dataDir: string;
  let distDir: string;
  let stackProcess: ChildProcess;
  let stack: StackFile;
  let token: string;
  let goodBuild: string;

  const release = (...args: string[]) =>
    runNode('tools/release/cli.ts', [...args, '--stage', 'local', '--data-dir', dataDir]);
  const status = async () => lastJson(await release('status', '--function', 'users-fn', '--json'));
  const usersBundle = () => path.join(distDir, 'users-fn', 'index.js');
  const build = (code: string) => writeFileSync(usersBundle(), code);
  const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

  /** One profile request through the API, as the dashboard makes it. */
  const profile = async (): Promise<number> =>
    (await fetch(`${stack.url}/users/andreas`, { headers: { authorization: `Bearer ${token}` } }))
      .status;

  /** Sends profile requests one after another until `during` settles; returns their statuses. */
  const whileRequestsFlow = async <T>(
    during: Promise<T>,
  ): Promise<{ result: T; statuses: number[] }> => {
    const statuses: number[] = [];
    let done = false;
    const settled = during.finally(() => {
      done = true;
    });
    while (!done) statuses.push(await profile());
    return { result: await settled, statuses };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-delivery-data-'));
    distDir = mkdtempSync(path.join(tmpdir(), 'local-delivery-dist-'));
    for (const fn of FUNCTION_NAMES) {
      cpSync(path.join(ROOT, 'dist', 'apps', fn), path.join(distDir, fn), { recursive: true });
    }
    goodBuild = readFileSync(usersBundle(), 'utf8');
    stackProcess = spawn(
      process.execPath,
      [
        path.join(ROOT, 'tools/bin/run.cjs'),
        'libs/local-stack/src/start.ts',
        ...['--no-build', '--in-memory', '--quiet', '--port', '0'],
        ...['--data-dir', dataDir, '--dist', distDir],
      ],
      { cwd: ROOT, stdio: 'ignore' },
    );
    stack = await waitForRunningStack(dataDir, {
      timeoutMs: 180_000,
      ended: () => stackProcess.exitCode !== null,
    });
    token = createLocalIssuer({ keyFile: path.join(dataDir, 'local-issuer.json') }).sign('alex');
  });

  afterAll(async () => {
    if (stackProcess && stackProcess.exitCode === null) {
      const exited = new Promise((resolve) => stackProcess.once('exit', resolve));
      // The runner passes SIGTERM on to the stack, which stops DynamoDB Local as on Ctrl-C.
      stackProcess.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(distDir, { recursive: true, force: true });
  });

  it('starts with version 1 of each function live and nothing deployed', async () => {
    // Act
    const state = await status();

    // Assert
    expect(state).toEqual({
      function: 'users-fn',
      live: '1',
      weights: { '1': 1 },
      versions: ['1'],
      lastDeployment: null,
    });
    expect(await profile()).toBe(200);
  });

  it('rolls back a build that crashes on a route, while requests flow, and every request is 200 again', async () => {
    // Arrange
    build(`${goodBuild}\n${fixture('crashes-on-profile.js')}`);

    // Act
    const { result: deployed, statuses } = await whileRequestsFlow(
      release('deploy', '--function', 'users-fn', '--canary', '50', '--bake', '60s', '--json'),
    );
    const after = await Promise.all(Array.from({ length: 10 }, () => profile()));

    // Assert
    expect(deployed.code).toBe(1);
    expect(lastJson(deployed)).toEqual({
      deployment: {
        id: expect.stringMatching(/^d-[0-9A-F]{10}$/),
        status: 'RolledBack',
        from: '1',
        to: '2',
        reason: expect.stringContaining('alarm local-users-fn-live-new-version-errors'),
      },
    });
    expect(statuses).toContain(500);
    expect(statuses).toContain(200);
    expect(after.every((code) => code === 200)).toBe(true);
    expect(await status()).toEqual(
      rolledBackStatus(expect.stringContaining('invocation error(s) of version 2')),
    );
  });

  it('rolls back a build that answers 500 on a route on its 5xx alarm', async () => {
    // Arrange
    build(`${goodBuild}\n${fixture('answers-500-on-profile.js')}`);

    // Act
    const { result: deployed, statuses } = await whileRequestsFlow(
      release('deploy', '--function', 'users-fn', '--canary', '50', '--bake', '60s', '--json'),
    );

    // Assert
    expect(deployed.code).toBe(1);
    expect(lastJson(deployed)).toMatchObject({
      deployment: {
        status: 'RolledBack',
        from: '1',
        to: '3',
        reason: expect.stringContaining('alarm local-users-fn-live-new-version-5xx'),
      },
    });
    expect(statuses).toContain(500);
    expect(await profile()).toBe(200);
    expect(await status()).toMatchObject({ live: '1', versions: ['1', '2', '3'] });
  });

  it('stops a build that crashes at start in the pre-traffic check, before any traffic', async () => {
    // Arrange
    build(`${fixture('crashes-at-start.js')}\n${goodBuild}`);

    // Act
    const { result: deployed, statuses } = await whileRequestsFlow(
      release('deploy', '--function', 'users-fn', '--bake', '3s', '--json'),
    );

    // Assert
    expect(deployed.code).toBe(1);
    expect(lastJson(deployed)).toMatchObject({
      deployment: {
        status: 'RolledBack',
        to: '4',
        reason: expect.stringContaining(
          'pre-traffic check failed: OPTIONS /users: crashed (Unhandled): Error: TABLE_NAME is not set',
        ),
      },
    });
    expect(statuses.every((code) => code === 200)).toBe(true);
  });

  it('takes a good build live, refuses a second deployment meanwhile, and records it as fully live', async () => {
    // Arrange
    build(`${goodBuild}\n// fixed\n`);
    const deploying = release(
      'deploy',
      '--function',
      'users-fn',
      '--canary',
      '20',
      '--bake',
      '8s',
      '--json',
    );
    // The controller's record of the deployment says when it has started.
    const record = path.join(dataDir, 'release', 'users-fn.deployment.json');
    const deadline = Date.now() + 60_000;
    while (!/"status": "InProgress"/.test(existsSync(record) ? readFileSync(record, 'utf8') : '')) {
      if (Date.now() > deadline) throw new Error('the deployment did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Act
    const second = await release('deploy', '--function', 'users-fn', '--bake', '3s');
    const { result: deployed, statuses } = await whileRequestsFlow(deploying);

    // Assert
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr.split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(
      /^Cannot deploy users-fn: deployment d-\w+ \(version 1 → 5\) is in progress/,
    );
    expect(deployed.code).toBe(0);
    expect(deployed.stdout.split('\n')).toHaveLength(1);
    expect(lastJson(deployed)).toMatchObject({
      deployment: { status: 'Succeeded', from: '1', to: '5', reason: null },
    });
    expect(deployed.stderr).toContain('Shifted 20 % of live to version 5');
    expect(statuses.every((code) => code === 200)).toBe(true);
    expect(await status()).toMatchObject({
      live: '5',
      weights: { '5': 1 },
      versions: ['1', '2', '3', '4', '5'],
    });
  });

  it('rolls back by hand to the last fully live version, never to one that failed', async () => {
    // Act
    const rolledBack = await release('rollback', '--function', 'users-fn', '--json');
    const again = await release('rollback', '--function', 'users-fn');

    // Assert
    expect(rolledBack.code).toBe(0);
    expect(lastJson(rolledBack)).toEqual({
      rollback: { function: 'users-fn', from: '5', to: '1', stoppedDeployments: [] },
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^Cannot roll back: local-users-fn:live is on version 1 and no other/,
    );
    expect(await status()).toMatchObject({ live: '1' });
    expect(await profile()).toBe(200);
  });

  it('prunes what no alias needs beyond the newest, keeping live', async () => {
    // Act
    const pruned = await release(
      'prune',
      '--function',
      'users-fn',
      '--keep',
      '1',
      '--yes',
      '--json',
    );

    // Assert
    expect(pruned.code).toBe(0);
    expect(lastJson(pruned)).toMatchObject({
      prune: {
        dryRun: false,
        deleted: { 'users-fn': ['2', '3', '4'] },
        kept: { 'users-fn': ['5', '1'] },
      },
    });
    expect(await status()).toMatchObject({ live: '1', versions: ['1', '5'] });
    expect(await profile()).toBe(200);
  });
});
