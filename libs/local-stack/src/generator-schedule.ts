/** The EventBridge schedule of generator-fn, as the local stack runs it (`--generate`). */
import { scheduleEvent } from '@peer-rewards/lambda-events';

export const DEFAULT_GENERATE_EVERY_MS = 60_000;

/** Invokes generator-fn every `everyMs`; a run that outlasts the interval is not overlapped. */
export const scheduleGenerator = (
  invoke: (event: unknown) => Promise<unknown>,
  everyMs: number,
): NodeJS.Timeout => {
  let running = false;
  const timer = setInterval(() => {
    // As a schedule with a concurrency of one would.
    if (running) return;
    running = true;
    void invoke(scheduleEvent()).finally(() => {
      running = false;
    });
  }, everyMs);
  timer.unref();
  return timer;
};
