/**
 * Runs the real Nx affected computation on a throwaway git repository shaped like this workspace:
 * the real `nx.json`, root `package.json`, `tsconfig.base.json` and the libs' and functions'
 * project files and sources. Functions not written yet get a minimal stand-in that imports the
 * domain through its tsconfig path, the way the real ones do.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { affectedFunctions } from './affected-functions';

const WORKSPACE = path.resolve(__dirname, '../..');
const PROJECT_FILES = ['project.json', 'package.json', 'tsconfig.json', 'src'];

// Each case runs real processes (tsc, npm, nx) on a machine that may be busy.
jest.setTimeout(120_000);

let repo: string;

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
    {
      cwd: repo,
      encoding: 'utf8',
    },
  ).trim();

const copyProject = (dir: string): void => {
  for (const entry of PROJECT_FILES) {
    const from = path.join(WORKSPACE, dir, entry);
    if (existsSync(from)) {
      cpSync(from, path.join(repo, dir, entry), {
        recursive: true,
        filter: (source) => !['node_modules', 'dist'].includes(path.basename(source)),
      });
    }
  }
};

/** A function project as small as it can be while using the same tag and import mechanism. */
const writeStandInFunction = (name: string): void => {
  const dir = path.join(repo, 'apps', name);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(
    path.join(dir, 'project.json'),
    JSON.stringify({
      name,
      sourceRoot: `apps/${name}/src`,
      projectType: 'application',
      tags: ['type:function'],
    }),
  );
  writeFileSync(
    path.join(dir, 'src', 'index.ts'),
    "import * as domain from '@peer-rewards/rewards-domain';\nexport const handler = async () => Object.keys(domain).length;\n",
  );
};

/** Commits a change to one file and returns the commit before it. */
const commitChangeTo = (file: string): string => {
  const base = git('rev-parse', 'HEAD');
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  appendFileSync(path.join(repo, file), '\n// changed\n');
  git('add', '-A');
  git('commit', '-q', '-m', `change ${file}`);
  return base;
};

beforeAll(() => {
  // The graph is computed fresh in every call; no task runs, so no cache is wanted.
  process.env.NX_SKIP_NX_CACHE = 'true';
  repo = mkdtempSync(path.join(tmpdir(), 'affected-functions-'));
  for (const file of ['nx.json', 'package.json', 'tsconfig.base.json', 'README.md']) {
    if (existsSync(path.join(WORKSPACE, file)))
      cpSync(path.join(WORKSPACE, file), path.join(repo, file));
  }
  if (!existsSync(path.join(repo, 'README.md')))
    writeFileSync(path.join(repo, 'README.md'), '# peer-rewards\n');
  for (const lib of readdirSync(path.join(WORKSPACE, 'libs'))) copyProject(path.join('libs', lib));
  for (const name of FUNCTION_NAMES) {
    if (existsSync(path.join(WORKSPACE, 'apps', name, 'project.json')))
      copyProject(path.join('apps', name));
    else writeStandInFunction(name);
  }
  symlinkSync(path.join(WORKSPACE, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
  writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n.nx\n');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'workspace');
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('affectedFunctions', () => {
  it('reports only the function whose own files changed', () => {
    // Arrange
    const base = commitChangeTo('apps/users-fn/src/index.ts');

    // Act
    const affected = affectedFunctions({ base, cwd: repo });

    // Assert
    expect(affected).toEqual(['users-fn']);
  });

  it('reports every function when the domain lib they import changed', () => {
    // Arrange
    const base = commitChangeTo('libs/rewards-domain/src/index.ts');

    // Act
    const affected = affectedFunctions({ base, cwd: repo });

    // Assert
    expect(affected).toEqual(['generator-fn', 'rewards-fn', 'users-fn']);
  });

  it('reports nothing when only the README changed', () => {
    // Arrange
    const base = commitChangeTo('README.md');

    // Act
    const affected = affectedFunctions({ base, cwd: repo });

    // Assert
    expect(affected).toEqual([]);
  });

  it('rejects a base that is not a git revision', () => {
    // Act / Assert
    expect(() => affectedFunctions({ base: 'main; rm -rf /', cwd: repo })).toThrow(
      'is not a git revision',
    );
  });
});
