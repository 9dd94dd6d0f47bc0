import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { detectWatchdog, launchTied } from './tied-process';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const PARENT = path.resolve(__dirname, '../../test/fixtures/tied-parent.ts');

/** Pids of processes whose command line is exactly `sleep <seconds>` (not the watchdog's). */
const sleepers = (seconds: string): number[] =>
  spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => /^\s*(\d+) sleep (\S+)$/.exec(line))
    .filter((match) => match?.[2] === seconds)
    .map((match) => Number(match?.[1]));

/** Both ways where setpriv exists; the shell watchdog alone elsewhere. */
const WATCHDOGS =
  detectWatchdog() === 'setpriv' ? (['setpriv', 'shell'] as const) : (['shell'] as const);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) for `sleep <seconds>` to appear (`present`) or to be gone. */
const waitFor = async (seconds: string, present: boolean, withinMs = 10_000): Promise<boolean> => {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (sleepers(seconds).length > 0 === present) return true;
    await sleep(50);
  }
  return sleepers(seconds).length > 0 === present;
};

const uniqueSeconds = (suffix: string) => `${300 + Math.floor(Math.random() * 1000)}.${suffix}`;

describe('launchTied', () => {
  it('uses setpriv where util-linux has it', () => {
    // Arrange
    const probe = spawnSync('setpriv', ['--version']);

    // Assert
    expect(detectWatchdog()).toBe(probe.status === 0 ? 'setpriv' : 'shell');
  });

  it.each(WATCHDOGS)(
    'takes the child down when its parent is killed with SIGKILL (%s)',
    async (watchdog) => {
      // Arrange: a parent of its own, so the test can kill it as a process manager would.
      const seconds = uniqueSeconds(watchdog === 'shell' ? '25' : '5');
      const parent = spawn(process.execPath, ['--import', 'tsx', PARENT, watchdog, seconds], {
        cwd: REPO_ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.base.json') },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise((resolve) => parent.stdout.once('data', resolve));
      expect(await waitFor(seconds, true)).toBe(true);

      // Act
      parent.kill('SIGKILL');

      // Assert
      expect(await waitFor(seconds, false)).toBe(true);
    },
  );

  it('stops the command and exits with its status on SIGTERM to the shell watchdog', async () => {
    // Arrange
    const seconds = uniqueSeconds('75');
    const child = launchTied('sleep', [seconds], 'shell');
    expect(await waitFor(seconds, true)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    // Act
    child.kill('SIGTERM');

    // Assert
    expect(await exited).toBe(143);
    expect(await waitFor(seconds, false)).toBe(true);
  });
});
