import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, parseCostArgs } from './cli';

const REPO_ROOT = path.resolve(__dirname, '../..');

const run = (argv: string[]) => {
  const out: string[] = [];
  const errors: string[] = [];
  const code = main(argv, { log: (line) => out.push(line), error: (line) => errors.push(line) });
  return { code, out: out.join('\n').split('\n'), errors };
};

describe('npm run cost', () => {
  it('prints a table by service and the total for the committed figures', () => {
    // Act
    const { code, out } = run(['--users', '100', '--viewers', '10']);
    // Assert
    expect(code).toBe(0);
    for (const service of ['lambda', 'apiGateway', 'dynamodb', 'cloudwatchLogs', 'cloudfront']) {
      expect(out.some((line) => line.startsWith(service))).toBe(true);
    }
    expect(out.at(-1)).toMatch(/^total: \$[\d.]+ a month \(list prices of \d{4}-\d{2}-\d{2}/);
  });

  it('ends with one JSON line of the monthly total and its parts, growing with the company', () => {
    // Act
    const small = run(['--json', '--users', '100']);
    const large = run(['--json', '--users', '10000', '--viewers', '1000', '--poll-seconds', '10']);
    // Assert
    const totals = [small, large].map((result) => JSON.parse(result.out.at(-1) ?? ''));
    for (const total of totals) {
      expect(total).toEqual({
        monthlyUsd: expect.any(Number),
        parts: {
          lambda: expect.any(Number),
          apiGateway: expect.any(Number),
          dynamodb: expect.any(Number),
          cloudwatchLogs: expect.any(Number),
          cloudfront: expect.any(Number),
          dataTransfer: expect.any(Number),
        },
      });
    }
    expect(totals[1].monthlyUsd).toBeGreaterThan(totals[0].monthlyUsd * 10);
  });

  it('costs less after the one-Query board than with the figures measured before it', () => {
    // Act
    const before = run(['--json', '--figures', 'tools/cost/calls.before.json']);
    const after = run(['--json']);
    // Assert
    const [was, is] = [before, after].map((result) => JSON.parse(result.out.at(-1) ?? ''));
    expect(is.parts.dynamodb).toBeLessThan(was.parts.dynamodb / 3);
    expect(is.monthlyUsd).toBeLessThan(was.monthlyUsd);
  });

  it.each([
    [['--users'], '--users needs a value'],
    [['--users', 'many'], '--users must be a number'],
    [['--users', '-5'], '--users must be a number 0 or more'],
    [['--poll-seconds', '0'], '--poll-seconds must be a number above 0'],
    [['--viewers', '1e99'], '--viewers must be a number'],
    [['--colour', 'red'], 'unknown option --colour'],
  ])('refuses %j with a one-line error and exit code 2', (argv, message) => {
    // Act
    const { code, errors } = run(argv);
    // Assert
    expect(code).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it('says which figures file it cannot read (exit code 1)', () => {
    // Arrange
    const dir = mkdtempSync(path.join(tmpdir(), 'cost-'));
    const file = path.join(dir, 'figures.json');
    writeFileSync(file, '{"requests": "none"}');
    // Act
    const missing = run(['--figures', path.join(dir, 'missing.json')]);
    const malformed = run(['--figures', file]);
    rmSync(dir, { recursive: true, force: true });
    // Assert
    expect(missing).toMatchObject({ code: 1, errors: [expect.stringContaining('missing.json')] });
    expect(malformed).toMatchObject({
      code: 1,
      errors: [expect.stringContaining('not a bench:calls file')],
    });
  });

  it('parses the defaults of a 100-person company', () => {
    // Act
    const args = parseCostArgs([]);
    // Assert
    expect(args).toMatchObject({ json: false, usage: { users: 100, pollSeconds: 5 } });
  });

  it('runs as npm run -s cost -- --json, the JSON on its last line', () => {
    // Act
    const result = spawnSync('npm', ['run', '-s', 'cost', '--', '--json', '--users', '500'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const bad = spawnSync('npm', ['run', '-s', 'cost', '--', '--users', 'x'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    // Assert
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toHaveProperty('monthlyUsd');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
