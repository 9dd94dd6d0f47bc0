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
  readonly requestId: string;
  readonly durationMs: number;
  /** `errorType` of a failed invocation (a crash, a thrown error, a timeout); null otherwise. */
  readonly error: string | null;
  readonly metricLines: readonly string[];
}

export const INVOCATION_LOG_CAPACITY = 20_000;

export class InvocationLog {
  private readonly records: InvocationRecord[] = [];
  private next = 1;

  constructor(private readonly capacity = INVOCATION_LOG_CAPACITY) {}

  add(functionName: string, invocation: Invocation): void {
    this.records.push({
      seq: this.next,
      time: Date.now(),
      functionName,
      version: invocation.version,
      requestId: invocation.requestId,
      durationMs: Math.round(invocation.durationMs * 100) / 100,
      error: invocation.ok ? null : invocation.error.errorType,
      metricLines: invocation.metricLines,
    });
    this.next += 1;
    // Dropping in chunks keeps the cost of the shift rare.
    if (this.records.length > this.capacity * 1.1) {
      this.records.splice(0, this.records.length - this.capacity);
    }
  }

  /** Records of `functionName` with a `seq` above `after`, oldest first, at most `limit`. */
  since(functionName: string, after: number, limit = 5000): InvocationRecord[] {
    const found: InvocationRecord[] = [];
    // Sequence numbers are consecutive in the array: start right after `after`.
    const first = this.records[0]?.seq ?? this.next;
    for (let i = Math.max(0, after - first + 1); i < this.records.length; i += 1) {
      const record = this.records[i];
      if (record.functionName === functionName) {
        found.push(record);
        if (found.length >= limit) break;
      }
    }
    return found;
  }

  /** The `seq` the next record gets minus one: read from here for only what comes later. */
  get lastSeq(): number {
    return this.next - 1;
  }
}
