import {
  CodeDeployClient,
  GetDeploymentCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { runCli } from './cli';
import { codeDeployControl } from './codedeploy-deployments';
import { startLocalAccount, type LocalAccount } from './testing/local-account';
import { rolledBackStatus } from './testing/rolled-back-status';

// CodeDeploy has no local counterpart: it is mocked at the client edge. Lambda and SSM are the
// local control plane's, reached over HTTP by the real clients.
const codedeploy = mockClient(CodeDeployClient);

let account: LocalAccount;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI against the account of `stage` and returns its exit code and both streams. */
const run = async (...argv: string[]): Promise<Run> => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    aws: (stage) => {
      if (stage !== account.stage)
        throw new Error(`this test set up ${account.stage}, not ${stage}`);
      return {
        client: account.client,
        ssm: account.ssm,
        deployments: codeDeployControl(new CodeDeployClient({ region: 'eu-central-1' })),
      };
    },
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
};

const ROLLBACK_USERS_ON_DEV = ['rollback', '--function', 'users-fn', '--stage', 'dev'];

const lastJson = (text: string): unknown => JSON.parse(text.split('\n').at(-1) ?? '');

const liveOf = async (fn: string) =>
  account.client.send(
    new GetAliasCommand({ FunctionName: `${account.stage}-${fn}`, Name: 'live' }),
  );

const withStage = async (stage: string, body: () => Promise<void>) => {
  account = await startLocalAccount(stage);
  try {
    await body();
  } finally {
    await account.stop();
  }
};

beforeEach(() => {
  codedeploy.reset();
  codedeploy.on(ListDeploymentsCommand).resolves({ deployments: [] });
});

describe('release rollback', () => {
  it('stops a deployment in flight with rollback and leaves the alias to CodeDeploy', () =>
    withStage('prod', async () => {
      // Arrange: the canary of version 2 is shifting traffic right now.
      const [one, two] = await account.publish('users-fn', 2);
      await account.pointLive('users-fn', one, { [two]: 0.1 });
      codedeploy.on(ListDeploymentsCommand).resolves({ deployments: ['d-CANARY2'] });
      codedeploy.on(StopDeploymentCommand).resolves({ status: 'Pending' });

      // Act
      const { code, stdout } = await run('rollback', '--function', 'users-fn', '--stage', 'prod');

      // Assert
      expect(code).toBe(0);
      expect(codedeploy).toHaveReceivedCommandWith(ListDeploymentsCommand, {
        applicationName: 'prod-users-fn',
        deploymentGroupName: 'prod-users-fn-live',
        includeOnlyStatuses: expect.arrayContaining(['Created', 'Queued', 'InProgress', 'Ready']),
      });
      expect(codedeploy).toHaveReceivedCommandWith(StopDeploymentCommand, {
        deploymentId: 'd-CANARY2',
        autoRollbackEnabled: true,
      });
      expect((await liveOf('users-fn')).RoutingConfig?.AdditionalVersionWeights).toEqual({
        [two]: 0.1,
      });
      expect(stdout).toContain('Stopped deployment d-CANARY2 of prod-users-fn with rollback');
    }));

  it('refuses --to while a deployment is in flight, which would undo the move', () =>
    withStage('prod', async () => {
      // Arrange
      codedeploy.on(ListDeploymentsCommand).resolves({ deployments: ['d-CANARY8'] });

      // Act
      const { code, stdout, stderr } = await run(
        'rollback',
        '--function',
        'users-fn',
        '--stage',
        'prod',
        '--to',
        '3',
        '--json',
      );

      // Assert
      expect(code).toBe(1);
      expect(stderr).toContain('Run without --to to stop it with rollback first');
      expect(lastJson(stdout)).toEqual({
        error: { code: 'deployment-in-progress', message: stderr },
      });
      expect(codedeploy).not.toHaveReceivedCommand(StopDeploymentCommand);
    }));

  it('moves live to the last fully live version, skipping one that failed, and forgets the bad one', () =>
    withStage('dev', async () => {
      // Arrange: 2 failed its canary and was never recorded; 1 and then 3 were fully live.
      const [one, , three] = await account.publish('users-fn', 3);
      await account.pointLive('users-fn', three);
      account.recordLive('users-fn', [one, three]);

      // Act
      const { code, stdout, stderr } = await run(
        'rollback',
        '--function',
        'users-fn',
        '--stage',
        'dev',
        '--json',
      );

      // Assert
      expect(code).toBe(0);
      const live = await liveOf('users-fn');
      expect(live.FunctionVersion).toBe(one);
      expect(live.RoutingConfig).toBeUndefined();
      expect(account.recordedLive('users-fn')).toEqual([one]);
      expect(stderr).toContain('dev-users-fn:live 3 → 1');
      expect(stdout.split('\n')).toHaveLength(1);
      expect(lastJson(stdout)).toEqual({
        rollback: { function: 'users-fn', from: '3', to: '1', stoppedDeployments: [] },
      });
    }));

  it('moves live to the version asked for with --to, ending a canary set by hand', () =>
    withStage('prod', async () => {
      // Arrange
      const [one, two, three] = await account.publish('rewards-fn', 3);
      await account.pointLive('rewards-fn', three, { [two]: 0.2 });

      // Act
      const { code } = await run(
        'rollback',
        '--function',
        'rewards-fn',
        '--stage',
        'prod',
        '--to',
        one,
      );

      // Assert
      expect(code).toBe(0);
      const live = await liveOf('rewards-fn');
      expect(live.FunctionVersion).toBe(one);
      expect(live.RoutingConfig).toBeUndefined();
    }));

  it('finds versions on later pages of the listing', () =>
    withStage('dev', async () => {
      // Arrange: 60 versions, more than one page of 50; 55 was the last fully live one.
      const versions = await account.publish('users-fn', 60);
      await account.pointLive('users-fn', versions[59]);
      account.recordLive('users-fn', [versions[54], versions[59]]);

      // Act
      const { code } = await run('rollback', '--function', 'users-fn', '--stage', 'dev');

      // Assert
      expect(code).toBe(0);
      expect((await liveOf('users-fn')).FunctionVersion).toBe('55');
    }));

  it('refuses with exit 1 when no earlier version was ever fully live', () =>
    withStage('dev', async () => {
      // Arrange: nothing recorded yet (the first deploy), though version 1 is published.
      const [, two] = await account.publish('users-fn', 2);
      await account.pointLive('users-fn', two);

      // Act
      const { code, stdout, stderr } = await run(...ROLLBACK_USERS_ON_DEV);

      // Assert
      expect(code).toBe(1);
      expect(stderr).toMatch(/^Cannot roll back: .*no other published version was recorded/);
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stdout).toBe('');
      expect((await liveOf('users-fn')).FunctionVersion).toBe(two);
    }));

  it('refuses a function that was never deployed', () =>
    withStage('prod', async () => {
      // Act
      const { code, stdout, stderr } = await run(
        'rollback',
        '--function',
        'generator-fn',
        '--stage',
        'prod',
      );

      // Assert
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        'Cannot roll back: prod-generator-fn has no alias "live": it has not been deployed yet.',
      );
    }));
});

describe('release record-live', () => {
  it('records the version live serves, newest last and only once', () =>
    withStage('prod', async () => {
      // Arrange
      const [four, five] = await account.publish('rewards-fn', 2);
      await account.pointLive('rewards-fn', five);
      account.recordLive('rewards-fn', [five, four]);

      // Act
      const { code, stdout } = await run(
        'record-live',
        '--function',
        'rewards-fn',
        '--stage',
        'prod',
      );

      // Assert
      expect(code).toBe(0);
      expect(account.recordedLive('rewards-fn')).toEqual([four, five]);
      expect(stdout).toBe(
        `Recorded prod-rewards-fn:live version ${five} as fully live (history: ${four}, ${five}).`,
      );
    }));

  it('reports what it recorded as JSON with --json', () =>
    withStage('dev', async () => {
      // Arrange
      const [one] = await account.publish('users-fn', 1);
      await account.pointLive('users-fn', one);

      // Act
      const { code, stdout } = await run(
        ...'record-live --function users-fn --stage dev --json'.split(' '),
      );

      // Assert
      expect(code).toBe(0);
      expect(stdout).toBe(
        JSON.stringify({ recordLive: { function: 'users-fn', version: one, history: [one] } }),
      );
    }));

  it('refuses while a canary still splits the traffic', () =>
    withStage('prod', async () => {
      // Arrange
      const [four, five] = await account.publish('rewards-fn', 2);
      await account.pointLive('rewards-fn', four, { [five]: 0.1 });

      // Act
      const { code, stdout, stderr } = await run(
        'record-live',
        '--function',
        'rewards-fn',
        '--stage',
        'prod',
      );

      // Assert
      expect(code).toBe(1);
      expect(account.recordedLive('rewards-fn')).toEqual([]);
      expect(stderr).toContain('only a fully live version is recorded');
      expect(stdout).toBe('');
    }));
});

describe('release prune', () => {
  /** live is on 2 with a canary of 3 at 10 %; 4..7 are newer and unreferenced. */
  const arrangeSevenVersions = async () => {
    await account.publish('users-fn', 7);
    await account.pointLive('users-fn', '2', { '3': 0.1 });
  };
  const published = () => [
    ...(account.lambda.byManifestName.get('users-fn')?.versions.keys() ?? []),
  ];
  const prune = (...extra: string[]) =>
    run('prune', '--stage', 'dev', '--function', 'users-fn', '--keep', '2', ...extra);

  it('only lists what it would delete without --yes', () =>
    withStage('dev', async () => {
      // Arrange
      await arrangeSevenVersions();

      // Act
      const { code, stdout, stderr } = await prune();

      // Assert
      expect(code).toBe(0);
      expect(published()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      for (const version of ['1', '4', '5']) expect(stdout).toContain(`would delete ${version}`);
      expect(stdout.split('\n').at(-1)).toContain('Run again with --yes');
      expect(stderr).toBe('');
    }));

  it('keeps alias targets, the canary version and the newest N, and deletes the rest with --yes', () =>
    withStage('dev', async () => {
      // Arrange
      await arrangeSevenVersions();

      // Act
      const { code, stdout, stderr } = await prune('--yes', '--json');

      // Assert: the report goes to stderr, stdout is the result alone.
      expect(code).toBe(0);
      expect(published()).toEqual(['2', '3', '6', '7']);
      expect(stderr).toContain('dev-users-fn: deleted 1');
      expect(stdout.split('\n')).toHaveLength(1);
      expect(lastJson(stdout)).toMatchObject({
        prune: { dryRun: false, deleted: { 'users-fn': ['1', '4', '5'] }, refused: {} },
      });
    }));

  it('never deletes $LATEST or anything when all versions are needed', () =>
    withStage('prod', async () => {
      // Arrange
      const [, two] = await account.publish('users-fn', 2);
      await account.pointLive('users-fn', two);

      // Act
      const { code, stdout } = await run('prune', '--stage', 'prod', '--yes');

      // Assert: every function of the stage is visited, none loses a version.
      expect(code).toBe(0);
      expect(account.lambda.byManifestName.get('users-fn')?.versions.size).toBe(2);
      expect(stdout).toContain('prod-users-fn: nothing to delete');
      expect(stdout).toContain('prod-generator-fn: nothing to delete');
    }));

  it('exits 1 when Lambda refuses a deletion because an alias moved onto it, after trying the others', () =>
    withStage('dev', async () => {
      // Arrange: while the prune runs, someone points live's canary at 4.
      await arrangeSevenVersions();
      let moved = false;
      account.client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'DeleteFunctionCommand' && !moved) {
            moved = true;
            await account.pointLive('users-fn', '2', { '4': 0.1 });
          }
          return next(args);
        },
        { step: 'initialize', name: 'moveAliasDuringPrune' },
      );

      // Act
      const { code, stdout, stderr } = await prune('--yes');

      // Assert
      expect(code).toBe(1);
      expect(stderr).toContain('could not delete 4: ResourceConflictException');
      expect(stdout.split('\n').at(-1)).toContain('1 version(s) could not be deleted');
      expect(published()).toEqual(['2', '3', '4', '6', '7']);
    }));
});

describe('release status', () => {
  it('prints aliases with canary weights, versions and code sizes', () =>
    withStage('prod', async () => {
      // Arrange
      const [four, five] = await account.publish('rewards-fn', 2);
      await account.pointLive('rewards-fn', four, { [five]: 0.1 });

      // Act
      const { code, stdout, stderr } = await run(
        'status',
        '--stage',
        'prod',
        '--function',
        'rewards-fn',
      );

      // Assert
      expect(code).toBe(0);
      expect(stdout).toMatch(/prod-rewards-fn: 2 published version\(s\), \d+ B/);
      expect(stdout).toContain('alias live → 1 at 90%, canary 2 at 10%');
      expect(stdout).toMatch(/version +2 +\d+ B .*← live canary/);
      expect(stderr).toBe('');
    }));

  it('reports the state and the last CodeDeploy deployment as JSON on the last line', () =>
    withStage('prod', async () => {
      // Arrange: CodeDeploy rolled back a deployment of 2 after an alarm.
      const [one] = await account.publish('users-fn', 2);
      await account.pointLive('users-fn', one);
      codedeploy.on(ListDeploymentsCommand).resolves({ deployments: ['d-ROLLED'] });
      codedeploy.on(GetDeploymentCommand).resolves({
        deploymentInfo: {
          status: 'Failed',
          errorInformation: { message: 'The alarm prod-users-fn-live-new-version-5xx fired.' },
          revision: {
            revisionType: 'AppSpecContent',
            appSpecContent: {
              content: JSON.stringify({
                Resources: [{ fn: { Properties: { CurrentVersion: '1', TargetVersion: '2' } } }],
              }),
            },
          },
        },
      });

      // Act
      const { code, stdout } = await run(
        'status',
        '--stage',
        'prod',
        '--function',
        'users-fn',
        '--json',
      );

      // Assert
      expect(code).toBe(0);
      expect(stdout.split('\n')).toHaveLength(1);
      expect(lastJson(stdout)).toEqual(
        rolledBackStatus('The alarm prod-users-fn-live-new-version-5xx fired.'),
      );
    }));
});

describe('release status of every AWS stage', () => {
  it('reports both stages as one JSON result, keyed by stage', () =>
    withStage('dev', async () => {
      // Arrange: users-fn is deployed in dev; prod's account has nothing deployed.
      const [one] = await account.publish('users-fn', 1);
      await account.pointLive('users-fn', one);
      const stdout: string[] = [];
      const stages: string[] = [];

      // Act
      const code = await runCli(['status', '--function', 'users-fn', '--json'], {
        stdout: (line) => stdout.push(line),
        stderr: () => undefined,
        aws: (stage) => {
          stages.push(stage);
          const deployments = codeDeployControl(new CodeDeployClient({ region: 'eu-central-1' }));
          return { client: account.client, ssm: account.ssm, deployments };
        },
      });

      // Assert
      expect(code).toBe(0);
      expect(stages).toEqual(['dev', 'prod']);
      expect(stdout).toHaveLength(1);
      expect(JSON.parse(stdout[0])).toEqual({
        stages: {
          dev: expect.objectContaining({ function: 'users-fn', live: one, versions: [one] }),
          prod: expect.objectContaining({ function: 'users-fn', live: null, versions: [] }),
        },
      });
    }));
});

describe('release rollback against a moving alias', () => {
  it('fails rather than overwrite a change made since the alias was read', () =>
    withStage('dev', async () => {
      // Arrange: live moves between the rollback's read and its update.
      const [one, two, three] = await account.publish('users-fn', 3);
      await account.pointLive('users-fn', three);
      account.recordLive('users-fn', [one, three]);
      let moved = false;
      account.client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'UpdateAliasCommand' && !moved) {
            moved = true;
            await account.pointLive('users-fn', two);
          }
          return next(args);
        },
        { step: 'initialize', name: 'moveAliasDuringRollback' },
      );

      // Act
      const failure = await run('rollback', '--function', 'users-fn', '--stage', 'dev').then(
        () => null,
        (error: unknown) => error,
      );

      // Assert
      expect(failure).toMatchObject({ name: 'PreconditionFailedException' });
    }));
});
