/**
 * When `npm start` stops: Ctrl-C (SIGINT), SIGTERM (a process manager, an IDE's stop button,
 * `kill <pid>`), SIGHUP (the terminal went away), and the death of the process that started it —
 * `npm` or the run wrapper killed with SIGKILL, which no handler of theirs sees. Without a handler
 * Node would exit on SIGTERM/SIGHUP without running any cleanup.
 */
import { isProcessAlive } from './stack-file';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopWatchOptions {
  /** The process whose death stops us; default the parent (none when it is init, pid 1). */
  readonly parentPid?: number;
  /** How often the parent is checked. */
  readonly pollMs?: number;
}

/**
 * Calls `onStop` with the reason for every stop request (a repeated signal calls it again, so
 * the caller can exit at once); the returned function removes the handlers.
 */
export const watchStopRequests = (
  onStop: (reason: string) => void,
  { parentPid = process.ppid, pollMs = 500 }: StopWatchOptions = {},
): (() => void) => {
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => onStop(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const parentWatch =
    parentPid > 1
      ? setInterval(() => {
          if (isProcessAlive(parentPid)) return;
          clearInterval(parentWatch ?? undefined);
          onStop(`the parent process ${parentPid} exited`);
        }, pollMs)
      : null;
  parentWatch?.unref();
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    if (parentWatch) clearInterval(parentWatch);
  };
};
