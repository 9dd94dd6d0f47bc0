import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { packageFunction } from './package-function';
import { buildSizeReport, formatMarkdown, formatTable, main, readBaseline } from './size-report';

const writeFunction = (distDir: string, name: string, code: string | Buffer) => {
  mkdirSync(path.join(distDir, name), { recursive: true });
  writeFileSync(path.join(distDir, name, 'index.js'), code);
};

describe('size report', () => {
  let distDir: string;

  beforeEach(() => {
    distDir = mkdtempSync(path.join(tmpdir(), 'size-report-'));
  });

  afterEach(() => rmSync(distDir, { recursive: true, force: true }));

  it('reports raw and zipped bytes and the share of the 256 KB budget', () => {
    // Arrange
    writeFunction(distDir, 'users-fn', 'x'.repeat(10_000));
    const packaged = packageFunction('users-fn', distDir);

    // Act
    const report = buildSizeReport({ distDir, names: ['users-fn'] });

    // Assert
    expect(report.functions).toEqual([
      {
        name: 'users-fn',
        status: 'ok',
        rawBytes: 10_000,
        zippedBytes: packaged.zippedBytes,
        budgetBytes: 262_144,
        percentOfBudget: Math.round((packaged.zippedBytes / 262_144) * 1000) / 10,
        changeBytes: null,
      },
    ]);
  });

  it('zips in memory when the build left no zip', () => {
    // Arrange
    writeFunction(distDir, 'users-fn', 'y'.repeat(5_000));

    // Act
    const [size] = buildSizeReport({ distDir, names: ['users-fn'] }).functions;

    // Assert
    expect(size.status).toBe('ok');
    expect(size.zippedBytes).toBeGreaterThan(0);
    expect(size.zippedBytes).toBeLessThan(5_000);
  });

  it('fails with a clear message when a function is over budget or not built', () => {
    // Arrange: random bytes do not compress, so 300 KB stays over 256 KB zipped
    for (const name of FUNCTION_NAMES.filter((fn) => fn !== 'generator-fn'))
      writeFunction(distDir, name, 'ok');
    writeFunction(distDir, 'rewards-fn', randomBytes(300 * 1024));
    const out: string[] = [];
    const err: string[] = [];

    // Act
    const code = main(
      ['--dist', distDir],
      (line) => out.push(line),
      (line) => err.push(line),
    );

    // Assert
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(
      /rewards-fn\s+307,200\s+3\d\d,\d{3}\s+262,144\s+11\d\.\d %\s+OVER BUDGET/,
    );
    expect(err).toEqual([
      expect.stringMatching(
        /^size-report: rewards-fn is over budget: 3\d\d,\d{3} bytes zipped, budget 262,144 bytes\.$/,
      ),
      'size-report: generator-fn is not built: run npx nx run generator-fn:build.',
    ]);
  });

  it('writes JSON that serves as the next baseline and shows the change against it', () => {
    // Arrange
    for (const name of FUNCTION_NAMES) writeFunction(distDir, name, `${name};`.repeat(50));
    const baselineFile = path.join(distDir, 'baseline.json');
    expect(main(['--dist', distDir, '--json', baselineFile], () => undefined)).toBe(0);
    writeFunction(distDir, 'users-fn', randomBytes(2_000));
    const out: string[] = [];

    // Act
    const code = main(['--dist', distDir, '--baseline', baselineFile, '--markdown'], (line) =>
      out.push(line),
    );

    // Assert
    expect(code).toBe(0);
    const before = readBaseline(baselineFile).get('users-fn') ?? 0;
    const [now] = buildSizeReport({ distDir, names: ['users-fn'] }).functions;
    const change = (now.zippedBytes ?? 0) - before;
    expect(change).toBeGreaterThan(1_500);
    const lines = out.join('\n').split('\n');
    expect(lines[0]).toBe(
      '| function | raw bytes | zipped bytes | budget | % of budget | vs baseline | status |',
    );
    expect(lines[1]).toBe('| :-- | --: | --: | --: | --: | --: | :-- |');
    expect(lines[2]).toBe(
      `| users-fn | 2,000 | ${now.zippedBytes?.toLocaleString('en-US')} | 262,144 | 0.8 % | +${change.toLocaleString('en-US')} | ok |`,
    );
    expect(lines[3]).toMatch(/^\| rewards-fn \| 550 \| \d+ \| 262,144 \| 0\.\d % \| ±0 \| ok \|$/);
  });

  it('rejects a baseline that is not a size report', () => {
    // Arrange
    const file = path.join(distDir, 'other.json');
    writeFileSync(file, '{"sizes":[]}');
    const err: string[] = [];

    // Act
    const code = main(
      ['--dist', distDir, '--baseline', file],
      () => undefined,
      (line) => err.push(line),
    );

    // Assert
    expect(code).toBe(2);
    expect(err[0]).toMatch(/other\.json is not a size report/);
  });

  it('lines the plain table up in columns', () => {
    // Arrange
    writeFunction(distDir, 'users-fn', 'abc');

    // Act
    const table = formatTable(buildSizeReport({ distDir, names: ['users-fn', 'rewards-fn'] }));

    // Assert
    const [head, users, rewards] = table.split('\n');
    expect(head).toBe('function    raw bytes  zipped bytes   budget  % of budget  status');
    expect(users).toMatch(/^users-fn {12}3 +\d+ {2}262,144 {8}0\.0 % {2}ok$/);
    expect(rewards).toBe('rewards-fn          -             -  262,144            -  NOT BUILT');
    expect(formatMarkdown(buildSizeReport({ distDir, names: [] }))).toContain('| function |');
  });
});
