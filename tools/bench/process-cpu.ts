/**
 * The CPU time another process has used so far (user + system, all its threads), read from
 * Linux's `/proc/<pid>/stat`. Throughput on a shared machine moves with the neighbours; the CPU
 * a server spends per request moves much less, so the floor benchmark prints both.
 */
import { readFileSync } from 'node:fs';

/** `sysconf(_SC_CLK_TCK)`: 100 on every Linux kernel configuration in use. */
const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU used by `pid`, or null where `/proc` does not tell (not Linux, gone). */
export const cpuMillisOf = (pid: number): number | null => {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
};

/** CPU microseconds per request over a measurement, or null when either reading is missing. */
export const cpuMicrosPerRequest = (
  before: number | null,
  after: number | null,
  requests: number,
): number | null =>
  before === null || after === null || requests <= 0 ? null : ((after - before) * 1000) / requests;
