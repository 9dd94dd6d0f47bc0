/** What `bench:calls` prints and records besides the counts: the table, the commit, the dashboard's size. */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CallsFigures } from './calls';
import { formatTable } from './format-table';
import { REPO_ROOT } from './stack-process';

export const DEFAULT_DIST = path.join(REPO_ROOT, 'dist', 'apps');

export const folderBytes = (folder: string): number => {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((total, entry) => total + statSync(path.join(entry.parentPath, entry.name)).size, 0);
  } catch {
    return 0;
  }
};

export const gitCommit = (): string => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
};

export const formatCalls = (figures: CallsFigures): string =>
  formatTable([
    [
      'request',
      'status',
      'calls',
      'by operation',
      'read units',
      'write units',
      'bytes',
      'ms',
      'log bytes',
    ],
    ...figures.requests.map((r) => [
      r.route,
      String(r.status),
      String(r.calls),
      Object.entries(r.byOperation)
        .map(([operation, calls]) => `${calls} ${operation}`)
        .join(' + '),
      String(r.readUnits),
      String(r.writeUnits),
      String(r.responseBytes),
      String(r.durationMs),
      String(r.logBytes ?? ''),
    ]),
  ]);
