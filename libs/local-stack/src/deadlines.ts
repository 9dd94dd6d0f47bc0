/**
 * The deadlines of a container's invocations in flight, checked by one timer that runs only
 * while something is in flight — instead of a timer set and cleared for every invocation, which
 * costs more than many a handler. The timer stops at the first check that finds nothing in
 * flight, so invocations one after the other keep one timer too. A deadline fires within
 * `CHECK_EVERY_MS` of its time.
 */
export const CHECK_EVERY_MS = 20;

/** An invocation in flight: its deadline (epoch ms), and what to do when it passes. */
export interface Watched {
  readonly deadline: number;
  expire(): void;
}

/**
 * The entries are kept in an array: a container has a handful of invocations in flight, and a
 * Set that gains and loses an entry per invocation reallocates its table every few of them.
 */
export class Deadlines {
  private readonly watched: Watched[] = [];
  private timer: NodeJS.Timeout | null = null;

  /** Calls `entry.expire()` once its deadline has passed, unless `unwatch(entry)` came first. */
  watch(entry: Watched): void {
    this.watched.push(entry);
    if (!this.timer) {
      this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
      // Invocations in flight keep the process alive by themselves; this timer must not.
      this.timer.unref();
    }
  }

  unwatch(entry: Watched): void {
    const at = this.watched.indexOf(entry);
    if (at >= 0) this.remove(at);
  }

  /** Removes the entry at `at` by moving the last one into its place (the order is of no use). */
  private remove(at: number): void {
    const last = this.watched.pop() as Watched;
    if (at < this.watched.length) this.watched[at] = last;
  }

  private check(): void {
    const now = Date.now();
    // Backwards: removing an entry moves the last one, already checked, into its place.
    for (let at = this.watched.length - 1; at >= 0; at -= 1) {
      const entry = this.watched[at];
      if (entry.deadline <= now) {
        this.remove(at);
        entry.expire();
      }
    }
    if (this.watched.length === 0) this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
