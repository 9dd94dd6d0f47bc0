/**
 * A function's output as CloudWatch shows it: console lines prefixed with time, request id and
 * level, raw stdout/stderr lines as they are, all prefixed with the function's name locally.
 * Raw lines that are CloudWatch Embedded Metric Format records are also kept with the
 * invocation that printed them, as CloudWatch would turn them into metrics.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format } from 'node:util';

/** What the output of one invocation is attributed to. */
interface InvocationScope {
  readonly requestId: string;
  readonly metricLines: string[];
}

/** An EMF record is a JSON object whose first key is `_aws` (how the metric writers print it). */
const isMetricLine = (line: string): boolean => line.startsWith('{"_aws"');

export class FunctionOutput {
  private readonly requests = new AsyncLocalStorage<InvocationScope>();

  constructor(
    private readonly name: string,
    private readonly log?: (line: string) => void,
  ) {}

  /** Runs `fn` with its output attributed to `requestId`; EMF lines it prints go to `metricLines`. */
  during<T>(requestId: string, metricLines: string[], fn: () => T): T {
    return this.requests.run({ requestId, metricLines }, fn);
  }

  /** A line of the runtime itself (START, END, REPORT, errors). */
  emit(line: string): void {
    this.log?.(`[${this.name}] ${line}`);
  }

  private line(level: string | null, text: string): void {
    const scope = this.requests.getStore();
    if (level === null && scope && text.includes('{"_aws"')) {
      for (const line of text.split('\n')) if (isMetricLine(line)) scope.metricLines.push(line);
    }
    if (!this.log) return;
    const requestId = scope?.requestId ?? 'undefined';
    for (const line of text.split('\n')) {
      // Lambda prefixes console lines with time, request id and level; raw stdout stays as it is.
      this.emit(level ? `${new Date().toISOString()}\t${requestId}\t${level}\t${line}` : line);
    }
  }

  private stream(level: string | null): Writable {
    const stream = new Writable({
      decodeStrings: false,
      write: (chunk: Buffer | string, _encoding, done) => {
        this.line(level, chunk.toString().replace(/\n$/, ''));
        done();
      },
    });
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
