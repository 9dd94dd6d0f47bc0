/** The REPORT line Lambda writes after every invocation, and the memory figure it carries. */
import type { InvocationError } from './invocation-call';

const MB = 1024 * 1024;

/**
 * The process's peak resident memory (all local functions share it). Reading it costs a file
 * read of /proc, so it is sampled at most every 250 ms: under load it is close enough.
 */
export class PeakMemory {
  private peakRss = 0;
  private sampledAt = 0;

  megabytes(): number {
    const now = Date.now();
    if (now - this.sampledAt > 250) {
      this.sampledAt = now;
      this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
    }
    return Math.round(this.peakRss / MB);
  }
}

export interface ReportInput {
  readonly requestId: string;
  readonly durationMs: number;
  readonly memoryMb: number;
  readonly maxMemoryMb: number;
  /** Only on the invocation that loaded the bundle. */
  readonly initDurationMs: number | null;
}

/** `REPORT RequestId: … Duration: … Billed Duration: … Memory Size: … Max Memory Used: …`. */
export const reportLine = (input: ReportInput): string =>
  `REPORT RequestId: ${input.requestId}\tDuration: ${input.durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(input.durationMs))} ms\t` +
  `Memory Size: ${input.memoryMb} MB\tMax Memory Used: ${input.maxMemoryMb} MB` +
  (input.initDurationMs === null ? '' : `\tInit Duration: ${input.initDurationMs.toFixed(2)} ms`);

/**
 * What Lambda reports of an invocation that ended, whichever way it ended. One object per
 * invocation, its REPORT line formatted only when someone reads it (a busy stack that prints
 * nothing never does).
 */
export class InvocationFacts implements ReportInput {
  private reportText: string | undefined;

  constructor(
    readonly requestId: string,
    /** The version that ran, Lambda's `ExecutedVersion`. */
    readonly version: string,
    /** Lambda's `Duration`: the handler's run, without the cold start's init. */
    readonly durationMs: number,
    readonly memoryMb: number,
    readonly maxMemoryMb: number,
    /** Only on the invocation that loaded the bundle. */
    readonly initDurationMs: number | null,
    /** The CloudWatch EMF lines this version printed since its previous invocation ended. */
    readonly metricLines: readonly string[],
    readonly ok: boolean,
    /** What the caller receives: the handler's result as JSON, or the error Lambda reports. */
    readonly result: unknown,
    readonly error: InvocationError | undefined,
    readonly timedOut: boolean,
  ) {}

  get report(): string {
    this.reportText ??= reportLine(this);
    return this.reportText;
  }
}
