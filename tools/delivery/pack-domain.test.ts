/**
 * `@peer-rewards/rewards-domain` as another team gets it: built, packed with `npm pack`, installed
 * from the tarball into a fresh project (offline; zod comes from this workspace), then loaded with
 * `require` and `import` and type-checked under Node's own module resolution.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPackage } from '@peer-rewards/release';

const WORKSPACE = path.resolve(__dirname, '../..');
const LIB = path.join(WORKSPACE, 'libs/rewards-domain');
const NPM_ENV = {
  ...process.env,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

// Each case runs real processes (tsc, npm, nx) on a machine that may be busy.
jest.setTimeout(120_000);

let tmp: string;
let consumer: string;
let packed: { filename: string; files: { path: string }[] };

const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: NPM_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** The same program, written once and loaded the CommonJS way and the ESM way. */
const program = (load: string): string => `${load}
const main = async () => {
  const deps = await createSeededDeps({ now: '2026-11-27T10:00:00.000Z' });
  const outcome = await giveReward(deps)({ giver: 'alex', body: { to: 'markus', points: 5, message: 'Danke für die Hilfe 🎉' } });
  let selfReward = 'accepted';
  try {
    await giveReward(deps)({ giver: 'alex', body: { to: 'alex', points: 1, message: 'me' } });
  } catch (error) {
    selfReward = error instanceof SelfRewardError ? 'SelfRewardError' : String(error);
  }
  console.log(JSON.stringify({
    validUsername: usernameSchema.safeParse('markus').success,
    invalidUsername: usernameSchema.safeParse('Not Valid!').success,
    kind: outcome.kind,
    rewardMatchesSchema: rewardSchema.safeParse(outcome.reward).success,
    points: outcome.reward.points,
    selfReward,
  }));
};
main().catch((error) => { console.error(error); process.exitCode = 1; });
`;

const EXPECTED = {
  validUsername: true,
  invalidUsername: false,
  kind: 'created',
  rewardMatchesSchema: true,
  points: 5,
  selfReward: 'SelfRewardError',
};

beforeAll(() => {
  // Arrange: build, pack and install once; each test loads the installed package its own way.
  tmp = mkdtempSync(path.join(tmpdir(), 'pack-domain-'));
  buildPackage(LIB, WORKSPACE);
  [packed] = JSON.parse(
    run('npm', ['pack', LIB, '--pack-destination', tmp, '--json', '--ignore-scripts'], WORKSPACE),
  );

  consumer = path.join(tmp, 'consumer');
  run('mkdir', ['-p', consumer], tmp);
  writeFileSync(
    path.join(consumer, 'package.json'),
    JSON.stringify({
      name: 'domain-consumer',
      private: true,
      // zod, the package's one dependency, is linked from this workspace so nothing is downloaded.
      dependencies: { zod: `file:${path.join(WORKSPACE, 'node_modules/zod')}` },
    }),
  );
  run(
    'npm',
    [
      'install',
      path.join(tmp, packed.filename),
      '--offline',
      '--ignore-scripts',
      '--no-package-lock',
    ],
    consumer,
  );
}, 180_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the packed rewards-domain', () => {
  it('ships the built entries and none of the sources or tests', () => {
    // Act
    const files = packed.files.map((f) => f.path);

    // Assert
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/esm/index.js',
        'dist/esm/package.json',
        'dist/cjs/index.js',
        'dist/cjs/package.json',
        'dist/types/index.d.ts',
        'dist/esm/testing/index.js',
        'dist/cjs/testing/index.js',
        'dist/types/testing/index.d.ts',
      ]),
    );
    expect(
      files.filter((f) => f.startsWith('src/') || f.endsWith('.test.ts') || f.endsWith('.test.js')),
    ).toEqual([]);
    expect(
      JSON.parse(
        readFileSync(
          path.join(consumer, 'node_modules/@peer-rewards/rewards-domain/dist/esm/package.json'),
          'utf8',
        ),
      ),
    ).toEqual({ type: 'module' });
  });

  it('works from CommonJS with require', () => {
    // Arrange
    writeFileSync(
      path.join(consumer, 'main.cjs'),
      program(`const { giveReward, rewardSchema, usernameSchema, SelfRewardError } = require('@peer-rewards/rewards-domain');
const { createSeededDeps } = require('@peer-rewards/rewards-domain/testing');`),
    );

    // Act
    const output = run(process.execPath, ['main.cjs'], consumer);

    // Assert
    expect(JSON.parse(output)).toEqual(EXPECTED);
  });

  it('works from ES modules with import', () => {
    // Arrange
    writeFileSync(
      path.join(consumer, 'main.mjs'),
      program(`import { giveReward, rewardSchema, usernameSchema, SelfRewardError } from '@peer-rewards/rewards-domain';
import { createSeededDeps } from '@peer-rewards/rewards-domain/testing';`),
    );

    // Act
    const output = run(process.execPath, ['main.mjs'], consumer);

    // Assert
    expect(JSON.parse(output)).toEqual(EXPECTED);
  });

  it('type-checks in a TypeScript project using Node module resolution', () => {
    // Arrange: one ESM and one CommonJS file, both strict, with the declarations checked too.
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          // zod's own declarations mention URL, which DOM (or @types/node) declares.
          lib: ['es2023', 'dom'],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ['consumer.mts', 'consumer.cts'],
      }),
    );
    const typed = `const deps = await createSeededDeps();
const outcome: GiveRewardOutcome = await giveReward(deps)({ giver: 'alex', body: { to: 'markus', points: 5, message: 'hi' } });
const reward: Reward = outcome.reward;
const points: number = reward.points;
const parsed = usernameSchema.safeParse('markus');
export const result = { points, ok: parsed.success };
`;
    writeFileSync(
      path.join(consumer, 'consumer.mts'),
      `import { giveReward, usernameSchema, type GiveRewardOutcome, type Reward } from '@peer-rewards/rewards-domain';
import { createSeededDeps } from '@peer-rewards/rewards-domain/testing';
${typed}`,
    );
    writeFileSync(
      path.join(consumer, 'consumer.cts'),
      `import { giveReward, usernameSchema, type GiveRewardOutcome, type Reward } from '@peer-rewards/rewards-domain';
import { createSeededDeps } from '@peer-rewards/rewards-domain/testing';
export async function check() {
${typed.replace('export const result = ', 'return ').replace(/^(?=.)/gm, '  ')}
}
`,
    );
    const tsc = require.resolve('typescript/bin/tsc', { paths: [WORKSPACE] });

    // Act
    const check = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: consumer,
      encoding: 'utf8',
    });

    // Assert: tsc prints nothing and exits 0 when every file and declaration checks.
    expect(existsSync(path.join(consumer, 'node_modules/zod'))).toBe(true);
    expect({ status: check.status, output: `${check.stdout}${check.stderr}` }).toEqual({
      status: 0,
      output: '',
    });
  });
});
