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

export class Deadlines {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | null = null;

  /** Calls `entry.expire()` once its deadline has passed, unless `unwatch(entry)` came first. */
  watch(entry: Watched): void {
    this.watched.add(entry);
    if (!this.timer) {
      this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
      // Invocations in flight keep the process alive by themselves; this timer must not.
      this.timer.unref();
    }
  }

  unwatch(entry: Watched): void {
    this.watched.delete(entry);
  }

  private check(): void {
    const now = Date.now();
    for (const entry of this.watched) {
      if (entry.deadline <= now) {
        this.watched.delete(entry);
        entry.expire();
      }
    }
    if (this.watched.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
