/**
 * What CloudWatch would receive from each invocation: Lambda's own facts (the executed version,
 * its duration, whether it failed — Lambda's `Errors` metric) and the EMF lines the function
 * printed (the application's `Requests` and `ServerErrors`). The local deployment controller
 * reads them through the control plane (`GET /local/invocations`) to judge a canary as the
 * CloudWatch alarms would. The most recent records are kept, in memory.
 */
import type { Invocation } from '../function-host';

export interface InvocationRecord {
  /** Increasing per stack: read again with `after=<seq>` for what came since. */
  readonly seq: number;
  /** Epoch ms of the end of the invocation. */
  readonly time: number;
  readonly functionName: string;
  /** The version that ran (`ExecutedVersion`). */
  readonly version: string;
  readonly durationMs: number;
  /** `errorType` of a failed invocation (a crash, a thrown error, a timeout); null otherwise. */
  readonly error: string | null;
  readonly metricLines: readonly string[];
}

export const INVOCATION_LOG_CAPACITY = 20_000;

const NO_LINES: readonly string[] = Object.freeze([]);

/**
 * A ring of the last `capacity` invocations, kept column by column. Whatever is kept of an
 * invocation lives until 20,000 later ones push it out, and on a busy stack every garbage
 * collection pays for it: a record object per invocation (and its request id, which no alarm
 * reads) was a fifth of the stack's own cost of a `GET /health`. The columns are allocated once,
 * each invocation keeps only its EMF lines, and records are built for a reader.
 */
export class InvocationLog {
  private readonly times: Float64Array;
  private readonly durations: Float64Array;
  private readonly functionNames: string[];
  private readonly versions: string[];
  private readonly errors: Array<string | null>;
  private readonly metricLines: Array<readonly string[]>;
  private next = 1;

  constructor(private readonly capacity = INVOCATION_LOG_CAPACITY) {
    this.times = new Float64Array(capacity);
    this.durations = new Float64Array(capacity);
    this.functionNames = new Array<string>(capacity).fill('');
    this.versions = new Array<string>(capacity).fill('');
    this.errors = new Array<string | null>(capacity).fill(null);
    this.metricLines = new Array<readonly string[]>(capacity).fill(NO_LINES);
  }

  add(functionName: string, invocation: Invocation): void {
    const slot = this.next % this.capacity;
    this.times[slot] = Date.now();
    this.durations[slot] = Math.round(invocation.durationMs * 100) / 100;
    this.functionNames[slot] = functionName;
    this.versions[slot] = invocation.version;
    this.errors[slot] = invocation.ok ? null : invocation.error.errorType;
    this.metricLines[slot] = invocation.metricLines.length > 0 ? invocation.metricLines : NO_LINES;
    this.next += 1;
  }

  /** Records of `functionName` with a `seq` above `after`, oldest first, at most `limit`. */
  since(functionName: string, after: number, limit = 5000): InvocationRecord[] {
    const found: InvocationRecord[] = [];
    const oldest = Math.max(1, this.next - this.capacity);
    for (let seq = Math.max(oldest, Math.floor(after) + 1); seq < this.next; seq += 1) {
      const slot = seq % this.capacity;
      if (this.functionNames[slot] !== functionName) continue;
      found.push({
        seq,
        time: this.times[slot],
        functionName,
        version: this.versions[slot],
        durationMs: this.durations[slot],
        error: this.errors[slot],
        metricLines: this.metricLines[slot],
      });
      if (found.length >= limit) break;
    }
    return found;
  }

  /** The `seq` the next record gets minus one: read from here for only what comes later. */
  get lastSeq(): number {
    return this.next - 1;
  }
}
