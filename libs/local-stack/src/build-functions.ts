/** Builds the functions (and the dashboard) with Nx before the local stack serves them. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { REPO_ROOT } from './app-version';

export const LOCAL_PROJECTS = [...FUNCTION_NAMES, 'dashboard'];

/** The projects of `names` that exist in this checkout (others are skipped, not failed). */
export const existingProjects = (names: readonly string[] = LOCAL_PROJECTS): string[] =>
  names.filter((name) => existsSync(path.join(REPO_ROOT, 'apps', name, 'project.json')));

/**
 * `nx run-many -t build` for the projects, streaming Nx's output through `log`; resolves with
 * the exit code. Nx's cache makes an unchanged project's build instant.
 */
export const buildProjects = (
  projects: readonly string[],
  log: (line: string) => void,
): Promise<number> => {
  if (projects.length === 0) return Promise.resolve(0);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        // Resolved through nx's package exports: the file itself lives under dist/.
        require.resolve('nx/bin/nx.js', { paths: [REPO_ROOT] }),
        'run-many',
        '-t',
        'build',
        `--projects=${projects.join(',')}`,
        '--output-style=stream',
      ],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          NX_DAEMON: 'false',
          NX_NO_CLOUD: 'true',
          NX_TUI: 'false',
          FORCE_COLOR: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(`[build] ${line}`);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) => {
      log(`[build] could not run nx: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
};
