/**
 * A throwaway git repository shaped like this workspace, for running the real Nx affected
 * computation and the deploy plan on real commits: the real `nx.json`, root `package.json`,
 * `tsconfig.base.json`, and the project files and sources of the projects asked for.
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const WORKSPACE = path.resolve(__dirname, '../../..');
const ROOT_FILES = [
  'nx.json',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'README.md',
];
const PROJECT_FILES = ['project.json', 'package.json', 'tsconfig.json', 'src', 'bin', 'cdk.json'];

export interface ScratchWorkspace {
  readonly dir: string;
  readonly git: (...args: string[]) => string;
  /** Commits a change to one file (created when missing) and returns the commit before it. */
  readonly commitChangeTo: (file: string) => string;
  readonly remove: () => void;
}

/** `projects` are folders such as `apps/users-fn`; `extra` are more files or folders to copy. */
export const createScratchWorkspace = (
  projects: readonly string[],
  extra: readonly string[] = [],
): ScratchWorkspace => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scratch-workspace-'));
  const copy = (entry: string) => {
    const from = path.join(WORKSPACE, entry);
    if (!existsSync(from)) return;
    cpSync(from, path.join(dir, entry), {
      recursive: true,
      filter: (source) => !['node_modules', 'dist', 'cdk.out'].includes(path.basename(source)),
    });
  };
  for (const file of ROOT_FILES) copy(file);
  for (const project of projects)
    for (const entry of PROJECT_FILES) copy(path.join(project, entry));
  for (const entry of extra) copy(entry);
  symlinkSync(path.join(WORKSPACE, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n.nx\n');

  const git = (...args: string[]): string =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=CI',
        '-c',
        'user.email=ci@example.com',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { cwd: dir, encoding: 'utf8' },
    ).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'workspace');

  return {
    dir,
    git,
    commitChangeTo: (file) => {
      const base = git('rev-parse', 'HEAD');
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      appendFileSync(path.join(dir, file), file.endsWith('.md') ? '\nchanged\n' : '\n// changed\n');
      git('add', '-A');
      git('commit', '-q', '-m', `change ${file}`);
      return base;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};
