/**
 * A child process that dies with this one, however this one ends (Ctrl-C, SIGTERM, SIGKILL, a
 * crash). A JVM does not notice its parent going away by itself, so:
 *
 * - `setpriv` (util-linux, on every Debian/Ubuntu): `--pdeathsig KILL` asks the kernel to kill the
 *   child when its parent dies; setpriv then execs the command, so the pid is the command's.
 * - otherwise (macOS): a shell watchdog runs the command and stops it with SIGTERM when its
 *   stdin, a pipe from this process, closes — which the kernel does when this process ends.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export type Watchdog = 'setpriv' | 'shell';

let detected: Watchdog | undefined;

/** `setpriv` when it runs here and knows `--pdeathsig`, else the shell watchdog. */
export const detectWatchdog = (): Watchdog => {
  detected ??=
    spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore' }).status === 0
      ? 'setpriv'
      : 'shell';
  return detected;
};

/**
 * Runs `"$@"` with stdin from /dev/null; stops it when the watchdog's own stdin closes or the
 * watchdog gets SIGTERM/SIGINT/SIGHUP; exits with the command's status.
 */
const SHELL_WATCHDOG = `
exec 3<&0
"$@" </dev/null &
pid=$!
{ cat <&3 >/dev/null; kill -TERM "$pid" 2>/dev/null; } &
watcher=$!
exec 3<&-
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
wait "$pid"; status=$?
while kill -0 "$pid" 2>/dev/null; do wait "$pid"; status=$?; done
kill "$watcher" 2>/dev/null
exit "$status"
`;

/** Spawns `command` tied to this process; its stderr is piped, its stdout ignored. */
export const launchTied = (
  command: string,
  args: readonly string[],
  watchdog: Watchdog = detectWatchdog(),
): ChildProcess =>
  watchdog === 'setpriv'
    ? spawn('setpriv', ['--pdeathsig', 'KILL', '--', command, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn('sh', ['-c', SHELL_WATCHDOG, 'watchdog', command, ...args], {
        stdio: ['pipe', 'ignore', 'pipe'],
      });
