/**
 * A function's output as CloudWatch shows it: console lines prefixed with time, request id and
 * level, raw stdout/stderr lines as they are, all prefixed with the function's name locally.
 * Raw lines that are CloudWatch Embedded Metric Format records are also kept, as CloudWatch
 * would turn them into metrics (they name their function and version themselves).
 *
 * Attributing console lines to a request needs an AsyncLocalStorage, which makes every promise
 * of the process costlier; it is used only when the lines are printed at all.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format } from 'node:util';

/** An EMF record is a JSON object whose first key is `_aws` (how the metric writers print it). */
const isMetricLine = (line: string): boolean => line.startsWith('{"_aws"');

const withoutNewline = (text: string): string => (text.endsWith('\n') ? text.slice(0, -1) : text);

export class FunctionOutput {
  private readonly requests = new AsyncLocalStorage<string>();
  private metricLines: string[] = [];

  constructor(
    private readonly name: string,
    private readonly log?: (line: string) => void,
  ) {}

  /** Runs `fn` with its output attributed to `requestId`. */
  during<T>(requestId: string, fn: () => T): T {
    return this.log ? this.requests.run(requestId, fn) : fn();
  }

  /** The EMF lines printed since the last call. */
  takeMetricLines(): string[] {
    const lines = this.metricLines;
    if (lines.length > 0) this.metricLines = [];
    return lines;
  }

  /** Whether lines are printed at all (so callers can skip building them). */
  get enabled(): boolean {
    return this.log !== undefined;
  }

  /** A line of the runtime itself (START, END, REPORT, errors). */
  emit(line: string): void {
    this.log?.(`[${this.name}] ${line}`);
  }

  private line(level: string | null, text: string): void {
    if (level === null && text.includes('{"_aws"')) {
      if (!text.includes('\n')) {
        if (isMetricLine(text)) this.metricLines.push(text);
      } else
        for (const line of text.split('\n')) if (isMetricLine(line)) this.metricLines.push(line);
    }
    if (!this.log) return;
    const requestId = this.requests.getStore() ?? 'undefined';
    for (const line of text.split('\n')) {
      // Lambda prefixes console lines with time, request id and level; raw stdout stays as it is.
      this.emit(level ? `${new Date().toISOString()}\t${requestId}\t${level}\t${line}` : line);
    }
  }

  private stream(level: string | null): Writable {
    const stream = new Writable({
      decodeStrings: false,
      write: (chunk: Buffer | string, _encoding, done) => {
        this.line(level, withoutNewline(chunk.toString()));
        done();
      },
    });
    // A metric line per answer comes through here: skip the stream machinery for a plain write.
    const write = (chunk: unknown, encoding?: unknown, done?: unknown): boolean => {
      this.line(level, withoutNewline(String(chunk)));
      const callback = typeof encoding === 'function' ? encoding : done;
      if (typeof callback === 'function') queueMicrotask(() => (callback as () => void)());
      return true;
    };
    stream.write = write as Writable['write'];
    // Loggers that write synchronously check for a TTY or call write() without a callback.
    return Object.assign(stream, { isTTY: false });
  }

  /** The function's own stdout/stderr (structured JSON loggers write there directly). */
  streams(): { stdout: Writable; stderr: Writable } {
    return { stdout: this.stream(null), stderr: this.stream(null) };
  }

  /** The function's `console`. */
  console(): Console {
    const write =
      (level: string) =>
      (...args: unknown[]) =>
        this.line(level, format(...args));
    // console.table, console.dir, console.time … go through a real Console writing to our lines.
    const base = new Console({ stdout: this.stream('INFO'), stderr: this.stream('ERROR') });
    return Object.assign(Object.create(base) as Console, {
      log: write('INFO'),
      info: write('INFO'),
      warn: write('WARN'),
      error: write('ERROR'),
      debug: write('DEBUG'),
      trace: write('TRACE'),
    });
  }
}
