/** The version the functions report on `/health`: the git commit when there is one. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

let cached: string | undefined;

export const appVersion = (): string => {
  if (cached) return cached;
  try {
    cached = execFileSync('git', ['describe', '--always', '--dirty', '--tags'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version?: string;
    };
    cached = pkg.version ?? '0.0.0';
  }
  return cached || '0.0.0';
};
