/**
 * What must never appear in what the stack prints (its access lines, the functions' logs) or in
 * a response body: a 5xx other than a 503, a stack trace, a bearer token.
 */

/** A JWT: three base64url parts, the first of them a JSON header (`{"` → `eyJ`). */
const TOKEN = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;
/** A V8 stack frame: `    at fn (file:line:col)`, also inside a JSON string (`\n    at `). */
const STACK_FRAME = /(?:^|\n|\\n)\s*at (?:\S+ \()?(?:\/|node:|file:)[^\s)]*:\d+:\d+/;

/** Why `text` must not be shown to a client or written to a log, or null when it is fine. */
export const leakIn = (text: string): string | null => {
  if (TOKEN.test(text)) return 'a bearer token';
  if (STACK_FRAME.test(text)) return 'a stack trace';
  return null;
};

/**
 * Access lines with a 5xx other than 503, and lines that leak a token or a stack trace. An
 * outage is logged as a warning with its cause and stack (that is how one tells a throttle from
 * a timeout), so `allowStackTraces` is for runs that cause outages on purpose.
 */
export const serverErrorLines = (output: string, { allowStackTraces = false } = {}): string[] => {
  const problems: string[] = [];
  for (const line of output.split('\n')) {
    const access = /^\[http\] \S+ \S+ (5\d\d) /.exec(line);
    if (access && access[1] !== '503') problems.push(`the stack answered ${access[1]}: ${line}`);
    const leak = leakIn(line);
    if (leak && !(allowStackTraces && leak === 'a stack trace'))
      problems.push(`the stack printed ${leak}: ${line.slice(0, 300)}`);
  }
  return problems;
};
