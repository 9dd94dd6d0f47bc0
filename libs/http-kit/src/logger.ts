export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line. */
  child(fields: Record<string, unknown>): Logger;
}

/** How far a `cause` chain is followed: SDK errors nest two or three deep. */
const MAX_CAUSES = 5;

/** What tells one failure from another: an SDK error's name, network code and HTTP status. */
const factsOf = (value: unknown): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return { message: String(value) };
  const { name, message, code, $metadata, package: from } = value as Record<string, unknown>;
  const facts: Record<string, unknown> = {
    name: typeof name === 'string' ? name : undefined,
    message: typeof message === 'string' ? message : undefined,
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    httpStatusCode: ($metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode,
    package: typeof from === 'string' ? from : undefined,
  };
  return Object.fromEntries(Object.entries(facts).filter(([, fact]) => fact !== undefined));
};

/**
 * An error as a log field: name, message, `code`, `$metadata.httpStatusCode`, stack and the
 * `cause` chain (outermost first), so an outage log shows what DynamoDB or the network said.
 */
export const describeError = (error: Error): Record<string, unknown> => {
  const causes: Record<string, unknown>[] = [];
  const seen = new Set<unknown>([error]);
  let next: unknown = error.cause;
  while (next !== undefined && next !== null && !seen.has(next) && causes.length < MAX_CAUSES) {
    seen.add(next);
    causes.push(factsOf(next));
    next = next instanceof Error ? next.cause : undefined;
  }
  return { ...factsOf(error), stack: error.stack, ...(causes.length ? { cause: causes } : {}) };
};

const serialize = (value: unknown): unknown =>
  value instanceof Error ? describeError(value) : value;

/**
 * One JSON object per line on stdout: CloudWatch Logs Insights can query every field,
 * and every line of a request carries its request id.
 */
export const createLogger = (
  base: Record<string, unknown> = {},
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger => {
  const log =
    (at: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      const entries = Object.entries({ ...base, ...fields }).map(([key, value]) => [
        key,
        serialize(value),
      ]);
      write(
        JSON.stringify({
          level: at,
          time: new Date().toISOString(),
          message,
          ...Object.fromEntries(entries),
        }),
      );
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createLogger({ ...base, ...fields }, level, write),
  };
};
