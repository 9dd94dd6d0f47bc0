/** The REPORT line Lambda writes after every invocation, and the memory figure it carries. */

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
