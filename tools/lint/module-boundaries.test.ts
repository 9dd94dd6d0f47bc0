import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Lints `source` as if it were the file `filePath` of the workspace; returns the rule ids hit. */
const lintAs = (filePath: string, source: string): string[] => {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/eslint/bin/eslint.js'),
      '--format',
      'json',
      '--stdin',
      '--stdin-filename',
      filePath,
    ],
    {
      cwd: root,
      input: source,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    },
  );
  const [report] = JSON.parse(result.stdout) as Array<{
    messages: Array<{ ruleId: string | null; message: string }>;
  }>;
  return report.messages.map((message) => `${message.ruleId}: ${message.message}`);
};

describe('module boundaries', () => {
  it('keep AWS, Middy, Lambda and Node I/O out of the domain', () => {
    // Arrange
    const source = [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import middy from '@middy/core';",
      "import { readFileSync } from 'node:fs';",
      "import type { Context } from 'aws-lambda';",
      'export const leak = [DynamoDBClient, middy, readFileSync, process.env] as unknown as Context;',
      '',
    ].join('\n');
    // Act
    const problems = lintAs('libs/rewards-domain/src/leaky.ts', source);
    // Assert
    expect(
      problems.filter((p) => p.startsWith('@nx/enforce-module-boundaries')).join('\n'),
    ).toMatch(/@aws-sdk\/client-dynamodb[\s\S]*@middy\/core/);
    expect(
      problems.some((p) => p.startsWith('no-restricted-imports') && p.includes('node:fs')),
    ).toBe(true);
    expect(problems.some((p) => p.includes('aws-lambda'))).toBe(true);
    expect(
      problems.some((p) => p.startsWith('no-restricted-globals') && p.includes('process')),
    ).toBe(true);
  }, 60_000);

  it('let an adapter use the AWS SDK and the domain', () => {
    // Arrange
    const source = [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { NotFoundError } from '@peer-rewards/rewards-domain';",
      'export const fine = [DynamoDBClient, NotFoundError];',
      '',
    ].join('\n');
    // Act
    const problems = lintAs('libs/rewards-dynamodb/src/fine.ts', source);
    // Assert
    expect(problems).toEqual([]);
  }, 60_000);

  it('keep the local stack out of the dashboard page but let its browser test drive it', () => {
    // Arrange
    const source = [
      "import { startLocalStack } from '@peer-rewards/local-stack';",
      'export const start = startLocalStack;',
      '',
    ].join('\n');
    // Act
    const inPage = lintAs('apps/dashboard/src/leaky.ts', source);
    const inBrowserTest = lintAs('apps/dashboard/test/drive.test.ts', source);
    // Assert
    expect(inPage.some((p) => p.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
    expect(inBrowserTest).toEqual([]);
  }, 60_000);

  it('refuse focused and skipped tests', () => {
    // Arrange: the probe is assembled so that this file itself holds no focused test
    const focused = `${['it', 'only'].join('.')}('x', () => undefined);\n`;
    // Act
    const problems = lintAs('libs/rewards-domain/src/focus.test.ts', focused);
    // Assert
    expect(problems.some((p) => p.startsWith('no-restricted-properties'))).toBe(true);
  }, 60_000);
});
