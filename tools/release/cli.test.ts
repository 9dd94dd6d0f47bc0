import {
  DeleteFunctionCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  type AliasConfiguration,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import {
  CodeDeployClient,
  ListDeploymentsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { runCli } from './cli';

const lambda = mockClient(LambdaClient);
const codedeploy = mockClient(CodeDeployClient);
const ssm = mockClient(SSMClient);

/** The recorded fully-live versions of a function, as the release CLI keeps them in SSM. */
const recorded = (...versions: string[]) => ({
  Parameter: { Value: JSON.stringify({ versions }) },
});
const writtenHistory = (): unknown =>
  JSON.parse(ssm.commandCalls(PutParameterCommand).at(-1)?.args[0].input.Value ?? 'null');

const version = (v: string, codeSize = 150_000): FunctionConfiguration => ({
  FunctionName: 'dev-users-fn',
  Version: v,
  CodeSize: codeSize,
  LastModified: `2026-11-0${Math.min(Number(v) || 9, 9)}T10:00:00.000+0000`,
});
const LATEST_CONFIG: FunctionConfiguration = {
  FunctionName: 'dev-users-fn',
  Version: '$LATEST',
  CodeSize: 150_000,
};

const live = (functionVersion: string, canary?: Record<string, number>): AliasConfiguration => ({
  Name: 'live',
  FunctionVersion: functionVersion,
  RevisionId: 'rev-1',
  ...(canary ? { RoutingConfig: { AdditionalVersionWeights: canary } } : {}),
});

/** Runs the CLI against the mocked client and returns its exit code and output. */
const run = async (...argv: string[]): Promise<{ code: number; output: string }> => {
  const lines: string[] = [];
  const region = 'eu-west-1';
  const code = await runCli(argv, {
    client: new LambdaClient({ region }),
    codedeploy: new CodeDeployClient({ region }),
    ssm: new SSMClient({ region }),
    log: (l) => lines.push(l),
  });
  return { code, output: lines.join('\n') };
};

beforeEach(() => {
  lambda.reset();
  codedeploy.reset();
  ssm.reset();
  codedeploy.on(ListDeploymentsCommand).resolves({ deployments: [] });
  ssm.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'none', $metadata: {} }));
  ssm.on(PutParameterCommand).resolves({});
});

describe('release rollback', () => {
  it('stops a deployment in flight with rollback and leaves the alias to CodeDeploy', async () => {
    // Arrange: the canary of version 8 is shifting traffic right now.
    codedeploy.on(ListDeploymentsCommand).resolves({ deployments: ['d-CANARY8'] });
    codedeploy.on(StopDeploymentCommand).resolves({ status: 'Pending' });

    // Act
    const { code, output } = await run('rollback', '--function', 'users-fn', '--stage', 'prod');

    // Assert
    expect(code).toBe(0);
    expect(codedeploy).toHaveReceivedCommandWith(ListDeploymentsCommand, {
      applicationName: 'prod-users-fn',
      deploymentGroupName: 'prod-users-fn-live',
      includeOnlyStatuses: expect.arrayContaining(['Created', 'Queued', 'InProgress', 'Ready']),
    });
    expect(codedeploy).toHaveReceivedCommandWith(StopDeploymentCommand, {
      deploymentId: 'd-CANARY8',
      autoRollbackEnabled: true,
    });
    expect(lambda).not.toHaveReceivedCommand(UpdateAliasCommand);
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
    expect(output).toContain('Stopped deployment d-CANARY8 of prod-users-fn with rollback');
  });

  it('refuses --to while a deployment is in flight, which would undo the move', async () => {
    // Arrange
    codedeploy.on(ListDeploymentsCommand).resolves({ deployments: ['d-CANARY8'] });

    // Act
    const { code, output } = await run(
      'rollback',
      '--function',
      'users-fn',
      '--stage',
      'prod',
      '--to',
      '3',
    );

    // Assert
    expect(code).toBe(1);
    expect(output).toContain('Run without --to to stop it with rollback first');
    expect(codedeploy).not.toHaveReceivedCommand(StopDeploymentCommand);
    expect(lambda).not.toHaveReceivedCommand(UpdateAliasCommand);
  });

  it('moves live to the last fully live version, skipping one that failed, and forgets the bad one', async () => {
    // Arrange: 2 failed its canary and was never recorded; 1 and then 3 were fully live.
    lambda
      .on(ListVersionsByFunctionCommand)
      .resolves({ Versions: [LATEST_CONFIG, version('1'), version('2'), version('3')] });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('3')] });
    lambda.on(UpdateAliasCommand).resolves({});
    ssm.on(GetParameterCommand).resolves(recorded('1', '3'));

    // Act
    const { code, output } = await run('rollback', '--function', 'users-fn', '--stage', 'dev');

    // Assert
    expect(code).toBe(0);
    expect(lambda).toHaveReceivedCommandTimes(UpdateAliasCommand, 1);
    expect(lambda).toHaveReceivedCommandWith(UpdateAliasCommand, {
      FunctionName: 'dev-users-fn',
      Name: 'live',
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
      RevisionId: 'rev-1',
    });
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, {
      Name: '/peer-rewards/dev/release/users-fn/live-versions',
    });
    expect(writtenHistory()).toEqual({ versions: ['1'] });
    expect(output).toContain('dev-users-fn:live 3 → 1');
  });

  it('moves live to the version asked for with --to', async () => {
    // Arrange
    lambda
      .on(ListVersionsByFunctionCommand)
      .resolves({ Versions: [version('1'), version('2'), version('3')] });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('3')] });
    lambda.on(UpdateAliasCommand).resolves({});

    // Act
    const { code } = await run(
      'rollback',
      '--function',
      'rewards-fn',
      '--stage',
      'prod',
      '--to',
      '1',
    );

    // Assert
    expect(code).toBe(0);
    expect(lambda).toHaveReceivedCommandWith(UpdateAliasCommand, {
      FunctionName: 'prod-rewards-fn',
      FunctionVersion: '1',
    });
  });

  it('follows NextMarker to find versions on later pages', async () => {
    // Arrange: version 10 is live, 9 sits on the second page.
    lambda
      .on(ListVersionsByFunctionCommand, { FunctionName: 'dev-users-fn', Marker: undefined })
      .resolves({ Versions: [LATEST_CONFIG, version('10')], NextMarker: 'page-2' })
      .on(ListVersionsByFunctionCommand, { FunctionName: 'dev-users-fn', Marker: 'page-2' })
      .resolves({ Versions: [version('8'), version('9')] });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('10')] });
    lambda.on(UpdateAliasCommand).resolves({});
    ssm.on(GetParameterCommand).resolves(recorded('9', '10'));

    // Act
    const { code } = await run('rollback', '--function', 'users-fn', '--stage', 'dev');

    // Assert
    expect(code).toBe(0);
    expect(lambda).toHaveReceivedCommandWith(ListVersionsByFunctionCommand, { Marker: 'page-2' });
    expect(lambda).toHaveReceivedCommandWith(UpdateAliasCommand, { FunctionVersion: '9' });
  });

  it('refuses with exit 1 when no earlier version was ever fully live', async () => {
    // Arrange: nothing recorded yet (the first deploy), though version 1 is published.
    lambda
      .on(ListVersionsByFunctionCommand)
      .resolves({ Versions: [LATEST_CONFIG, version('1'), version('2')] });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('2')] });

    // Act
    const { code, output } = await run('rollback', '--function', 'users-fn', '--stage', 'dev');

    // Assert
    expect(code).toBe(1);
    expect(output).toMatch(/Cannot roll back: .*no other published version was recorded/);
    expect(lambda).not.toHaveReceivedCommand(UpdateAliasCommand);
  });

  it('refuses a function that is not deployed', async () => {
    // Arrange
    const notFound = new ResourceNotFoundException({
      message: 'Function not found',
      $metadata: {},
    });
    lambda.on(ListVersionsByFunctionCommand).rejects(notFound);
    lambda.on(ListAliasesCommand).rejects(notFound);

    // Act
    const { code, output } = await run('rollback', '--function', 'generator-fn', '--stage', 'prod');

    // Assert
    expect(code).toBe(1);
    expect(output).toContain('prod-generator-fn does not exist');
    expect(lambda).not.toHaveReceivedCommand(UpdateAliasCommand);
  });

  it('rejects an unknown function before calling AWS', async () => {
    // Act
    const { code, output } = await run('rollback', '--function', 'payments-fn', '--stage', 'dev');

    // Assert
    expect(code).toBe(1);
    expect(output).toContain('Unknown function "payments-fn"');
    expect(lambda.calls()).toHaveLength(0);
  });
});

describe('release record-live', () => {
  it('records the version live serves, newest last and only once', async () => {
    // Arrange
    lambda.on(ListVersionsByFunctionCommand).resolves({ Versions: [version('4'), version('5')] });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('5')] });
    ssm.on(GetParameterCommand).resolves(recorded('5', '4'));

    // Act
    const { code, output } = await run(
      'record-live',
      '--function',
      'rewards-fn',
      '--stage',
      'prod',
    );

    // Assert
    expect(code).toBe(0);
    expect(ssm).toHaveReceivedCommandWith(PutParameterCommand, {
      Name: '/peer-rewards/prod/release/rewards-fn/live-versions',
      Type: 'String',
      Overwrite: true,
    });
    expect(writtenHistory()).toEqual({ versions: ['4', '5'] });
    expect(output).toContain('Recorded prod-rewards-fn:live version 5 as fully live');
  });

  it('refuses while a canary still splits the traffic', async () => {
    // Arrange
    lambda.on(ListVersionsByFunctionCommand).resolves({ Versions: [version('4'), version('5')] });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('4', { '5': 0.1 })] });

    // Act
    const { code, output } = await run(
      'record-live',
      '--function',
      'rewards-fn',
      '--stage',
      'prod',
    );

    // Assert
    expect(code).toBe(1);
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
    expect(output).toContain('only a fully live version is recorded');
  });
});

describe('release prune', () => {
  const arrangeSevenVersions = (): void => {
    // live is on 2 with a canary of 3 at 10 %; 4..7 are newer and unreferenced.
    lambda.on(ListVersionsByFunctionCommand).resolves({
      Versions: [
        LATEST_CONFIG,
        ...['1', '2', '3', '4', '5', '6', '7'].map((v) => version(v, 1000)),
      ],
    });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('2', { '3': 0.1 })] });
    lambda.on(DeleteFunctionCommand).resolves({});
  };

  it('only lists what it would delete without --yes', async () => {
    // Arrange
    arrangeSevenVersions();

    // Act
    const { code, output } = await run(
      'prune',
      '--stage',
      'dev',
      '--function',
      'users-fn',
      '--keep',
      '2',
    );

    // Assert
    expect(code).toBe(0);
    expect(lambda).not.toHaveReceivedCommand(DeleteFunctionCommand);
    expect(output).toContain('would delete 1');
    expect(output).toContain('would delete 4');
    expect(output).toContain('would delete 5');
    expect(output).toContain('Run again with --yes');
  });

  it('keeps alias targets, the canary version and the newest N, and deletes the rest with --yes', async () => {
    // Arrange
    arrangeSevenVersions();

    // Act
    const { code } = await run(
      'prune',
      '--stage',
      'dev',
      '--function',
      'users-fn',
      '--keep',
      '2',
      '--yes',
    );

    // Assert
    expect(code).toBe(0);
    const deleted = lambda
      .commandCalls(DeleteFunctionCommand)
      .map((call) => call.args[0].input.Qualifier);
    expect(deleted).toEqual(['1', '4', '5']);
    for (const qualifier of deleted) {
      expect(lambda).toHaveReceivedCommandWith(DeleteFunctionCommand, {
        FunctionName: 'dev-users-fn',
        Qualifier: qualifier,
      });
    }
  });

  it('never deletes $LATEST or anything when all versions are needed', async () => {
    // Arrange
    lambda
      .on(ListVersionsByFunctionCommand)
      .resolves({ Versions: [LATEST_CONFIG, version('1'), version('2')] });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('2')] });

    // Act
    const { code, output } = await run('prune', '--stage', 'prod', '--yes');

    // Assert: every function of the stage is visited, none loses a version.
    expect(code).toBe(0);
    expect(lambda).not.toHaveReceivedCommand(DeleteFunctionCommand);
    expect(lambda).toHaveReceivedCommandWith(ListAliasesCommand, {
      FunctionName: 'prod-generator-fn',
    });
    expect(output).toContain('prod-users-fn: nothing to delete');
  });

  it('exits 1 when Lambda refuses a deletion, after trying the others', async () => {
    // Arrange
    arrangeSevenVersions();
    lambda.on(DeleteFunctionCommand, { Qualifier: '4' }).rejects(
      Object.assign(new Error('Version is in use by an alias'), {
        name: 'ResourceConflictException',
      }),
    );

    // Act
    const { code, output } = await run(
      'prune',
      '--stage',
      'dev',
      '--function',
      'users-fn',
      '--keep',
      '2',
      '--yes',
    );

    // Assert
    expect(code).toBe(1);
    expect(lambda).toHaveReceivedCommandTimes(DeleteFunctionCommand, 3);
    expect(output).toContain('could not delete 4: ResourceConflictException');
  });
});

describe('release status', () => {
  it('prints aliases with canary weights, versions and code sizes', async () => {
    // Arrange
    lambda
      .on(ListVersionsByFunctionCommand)
      .resolves({ Versions: [LATEST_CONFIG, version('4', 2048), version('5', 4096)] });
    lambda.on(ListAliasesCommand).resolves({ Aliases: [live('4', { '5': 0.1 })] });

    // Act
    const { code, output } = await run('status', '--stage', 'prod', '--function', 'rewards-fn');

    // Assert
    expect(code).toBe(0);
    expect(output).toContain('prod-rewards-fn: 2 published version(s), 6.0 KB');
    expect(output).toContain('alias live → 4 at 90%, canary 5 at 10%');
    expect(output).toMatch(/version +5 +4\.0 KB .*← live canary/);
  });
});
