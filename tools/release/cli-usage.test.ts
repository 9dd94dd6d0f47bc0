import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './cli';
import { COMMANDS } from './cli-commands';
import { runProcess } from './testing/run-process';

const ROOT = path.resolve(__dirname, '../..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The stages whose clients the command asked for. */
  readonly stagesOpened: readonly string[];
}

/** Runs the CLI with stage clients that must never be reached: a usage error changes nothing. */
const run = async (...argv: string[]): Promise<Run> => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const stagesOpened: string[] = [];
  const code = await runCli(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    aws: (stage) => {
      stagesOpened.push(stage);
      throw new Error(`${stage} was reached`);
    },
    local: () => {
      stagesOpened.push('local');
      throw new Error('local was reached');
    },
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), stagesOpened };
};

const DEPLOY = ['deploy', '--stage', 'local', '--function', 'users-fn'];
const ROLLBACK = ['rollback', '--function', 'users-fn', '--stage', 'dev'];

describe('release CLI usage errors', () => {
  it.each<[string[], string]>([
    [['prune', '--stage', 'dev', '--to', '3'], '--to is not an option of prune.'],
    [['status', '--canary', '10'], '--canary is not an option of status.'],
    [[...ROLLBACK, '--keep', '2'], '--keep is not an option of rollback.'],
    [
      ['record-live', '--function', 'users-fn', '--stage', 'dev', '--yes'],
      '--yes is not an option of record-live.',
    ],
    [['status', '--colour'], '--colour is not an option of status.'],
    [['status', '--toString'], '--toString is not an option of status.'],
    [['prune', '--stage', 'dev', '-y'], 'Unknown option -y for prune.'],
    [['prune', '--stage'], '--stage needs a value (--stage <stage>).'],
    [['rollback', '--function', '--stage', 'dev'], '--function needs a value (--function <fn>).'],
    [['prune', '--stage='], '--stage needs a value'],
    [['prune', '--stage', 'dev', '--stage', 'prod'], '--stage is given more than once.'],
    [['prune', 'dev'], 'Unexpected argument "dev": prune takes options only.'],
    [['status', '--stage', 'dev', '--', 'x'], 'Unexpected argument "--"'],
    [['prune', '--stage', 'dev', '--yes=no'], '--yes takes no value'],
    [
      ['prune', '--stage', 'dev', '--keep', '-1'],
      '--keep must be a whole number of at least 1 (got "-1").',
    ],
    [['prune', '--stage', 'dev', '--keep', '0'], '--keep must be a whole number of at least 1'],
    [['prune', '--stage', 'dev', '--keep=2.5'], '--keep must be a whole number of at least 1'],
    [[...DEPLOY, '--canary', '150'], '--canary must be a percentage above 0 and at most 100'],
    [[...DEPLOY, '--canary', 'ten'], '--canary must be a percentage'],
    [[...DEPLOY, '--bake', '5x'], '--bake must be a duration such as 30s, 500ms or 5m (got "5x").'],
    [[...DEPLOY, '--bake', '61m'], '--bake is at most 60m'],
    [['deploy', '--stage', 'dev', '--function', 'users-fn'], 'deploy runs on --stage local only'],
    [['deploy', '--function', 'users-fn'], '--stage is required (--stage local).'],
    [['rollback', '--stage', 'dev'], '--function is required (--function <fn>).'],
    [
      ['rollback', '--function', 'payments-fn', '--stage', 'dev'],
      'Unknown --function "payments-fn"',
    ],
    [
      ['rollback', '--function', 'users-fn', '--stage', 'qa'],
      'Unknown --stage "qa" (expected one of dev, prod, local).',
    ],
    [['status', '--function', 'payments-fn'], 'Unknown --function "payments-fn"'],
    [[...ROLLBACK, '--to', 'latest'], '--to must be a published version number'],
    [
      ['prune', '--stage', 'dev', '--data-dir', 'elsewhere'],
      '--data-dir applies to --stage local only.',
    ],
    [['status', '--data-dir', 'elsewhere'], '--data-dir applies to --stage local only.'],
  ])(
    'refuses %j with exit 2 and one stderr line naming the option and the usage',
    async (argv, message) => {
      // Act
      const { code, stdout, stderr, stagesOpened } = await run(...argv);

      // Assert
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr).toContain(message);
      expect(stderr).toMatch(
        new RegExp(`^release ${argv[0]}: .* Usage: npm run release -- ${argv[0]} `),
      );
      expect(stagesOpened).toEqual([]);
    },
  );

  it.each<[string[], string]>([
    [['publish', '--stage', 'dev'], 'Unknown command "publish".'],
    [[], 'No command given.'],
    [['toString'], 'Unknown command "toString".'],
  ])('refuses the command line %j with exit 2 and the general usage', async (argv, message) => {
    // Act
    const { code, stdout, stderr } = await run(...argv);

    // Assert
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${message} Usage: npm run release -- <command> [options] (npm run release -- --help lists the commands).`,
    );
  });

  it('prints the usage error as a JSON error object on the last stdout line with --json', async () => {
    // Act
    const { code, stdout, stderr } = await run('prune', '--stage', 'dev', '--keep', '-1', '--json');

    // Assert
    expect(code).toBe(2);
    expect(stdout.split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({ error: { code: 'usage', message: stderr } });
    expect(stderr).toContain('--keep must be a whole number');
  });
});

describe('release CLI help', () => {
  it.each(
    Object.keys(COMMANDS).flatMap((name) => [
      [name, '--help'],
      [name, '-h'],
    ]),
  )(
    '%s %s prints the usage of the command and each of its options on stdout, exit 0',
    async (name, flag) => {
      // Act
      const { code, stdout, stderr } = await run(name, flag);

      // Assert
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: npm run release -- ${name} `));
      for (const option of Object.keys(COMMANDS[name].options)) {
        expect(stdout).toMatch(new RegExp(`^  --${option}\\b`, 'm'));
      }
    },
  );

  it('gives the help even beside an option the command does not take', async () => {
    // Act
    const { code, stdout } = await run('prune', '--to', '3', '--help');

    // Assert
    expect(code).toBe(0);
    expect(stdout).toContain('--keep 5');
    expect(stdout).not.toContain('--to');
  });

  it.each([['--help'], ['-h'], ['help']])('%s lists every command with exit 0', async (flag) => {
    // Act
    const { code, stdout, stderr } = await run(flag);

    // Assert
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const name of Object.keys(COMMANDS))
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(stdout).toContain('Exit codes: 0 done, 1 refused or');
  });

  it("help <command> prints that command's help", async () => {
    // Act
    const { code, stdout } = await run('help', 'deploy');

    // Assert
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'Usage: npm run release -- deploy --stage local --function <fn> [--canary 10] [--bake 5m] [--json] [--data-dir <folder>]',
    );
  });
});

describe('release CLI without a local stack', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'release-no-stack-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses --stage local with exit 1, the reason on stderr and as JSON on stdout', async () => {
    // Act: the default local target, reading a data folder no stack runs with.
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runCli(['status', '--stage', 'local', '--data-dir', dataDir, '--json'], {
      stdout: (line) => stdout.push(line),
      stderr: (line) => stderr.push(line),
      aws: () => {
        throw new Error('no AWS stage was asked for');
      },
    });

    // Assert
    expect(code).toBe(1);
    expect(stderr).toEqual([
      `No local stack is running with data in ${dataDir}: start one with npm start (or pass --data-dir).`,
    ]);
    expect(stdout.map((line) => JSON.parse(line))).toEqual([
      { error: { code: 'local-stack-unavailable', message: stderr[0] } },
    ]);
  });
});

describe('npm run release as a process', () => {
  it('refuses an option of another command with exit 2 and names it on stderr', async () => {
    // Act
    const result = await runProcess('npm', ['run', 'release', '--', 'prune', '--to', '3'], ROOT);

    // Assert: npm prints its own header on stdout and its own notice on stderr besides ours.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'release prune: --to is not an option of prune. Usage: npm run release -- prune --stage <stage>',
    );
    expect(result.stdout).not.toContain('--to is not an option');
  }, 120_000);
});
