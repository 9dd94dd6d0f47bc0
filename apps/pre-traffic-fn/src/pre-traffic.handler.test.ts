import {
  CodeDeployClient,
  GetDeploymentCommand,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { findFunction, probeRequestsFor, type FunctionSpec } from '@peer-rewards/platform-manifest';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createPreTrafficHandler, targetOfAppSpec } from './pre-traffic.handler';

const codedeploy = mockClient(CodeDeployClient);
const lambda = mockClient(LambdaClient);

const spec = (name: string): FunctionSpec => {
  const found = findFunction(name);
  if (!found) throw new Error(name);
  return found;
};

/** The AppSpec CloudFormation writes for a Lambda alias deployment. */
const appSpec = (name: string, current: string, next: string): string =>
  JSON.stringify({
    version: 0.0,
    Resources: [
      {
        [`${name}Alias`]: {
          Type: 'AWS::Lambda::Function',
          Properties: { Name: name, Alias: 'live', CurrentVersion: current, TargetVersion: next },
        },
      },
    ],
  });

/** What Lambda returns as the payload: bytes of the handler's JSON answer. */
const payload = (text: string) => Buffer.from(text) as unknown as InvokeCommandOutput['Payload'];

const answer = (statusCode: number) => ({
  Payload: payload(JSON.stringify({ statusCode, body: '{}' })),
});

const lifecycle = { DeploymentId: 'd-ABC123', LifecycleEventHookExecutionId: 'hook-exec-1' };

const hookFor = (fn: string) =>
  createPreTrafficHandler({
    codedeploy: new CodeDeployClient({ region: 'eu-central-1' }),
    lambda: new LambdaClient({ region: 'eu-central-1' }),
    target: {
      functionName: `prod-${fn}`,
      probes: probeRequestsFor(spec(fn)),
      usernameClaim: 'username',
      origin: 'https://rewards.example.com',
    },
    log: () => undefined,
    now: () => new Date('2026-12-01T10:00:00.000Z'),
  });

beforeEach(() => {
  codedeploy.reset();
  lambda.reset();
  codedeploy.on(GetDeploymentCommand).resolves({
    deploymentInfo: {
      revision: {
        revisionType: 'AppSpecContent',
        appSpecContent: { content: appSpec('prod-users-fn', '6', '7') },
      },
    },
  });
  codedeploy.on(PutLifecycleEventHookExecutionStatusCommand).resolves({});
});

describe('pre-traffic hook', () => {
  it('invokes the new version directly with a preflight and an authenticated read, then reports success', async () => {
    // Arrange
    lambda.on(InvokeCommand).resolves(answer(200));

    // Act
    await hookFor('users-fn')(lifecycle);

    // Assert
    const invocations = lambda.commandCalls(InvokeCommand).map((call) => {
      const input = call.args[0].input;
      return {
        FunctionName: input.FunctionName,
        Qualifier: input.Qualifier,
        event: JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8')),
      };
    });
    expect(invocations).toHaveLength(2);
    expect(invocations.map((i) => [i.FunctionName, i.Qualifier])).toEqual([
      ['prod-users-fn', '7'],
      ['prod-users-fn', '7'],
    ]);
    const [preflight, read] = invocations.map((i) => i.event);
    expect(preflight.requestContext.http.method).toBe('OPTIONS');
    expect(preflight.requestContext.authorizer).toBeUndefined();
    expect(read).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /users',
      rawPath: '/users',
      rawQueryString: 'limit=1',
      queryStringParameters: { limit: '1' },
      requestContext: {
        http: { method: 'GET', path: '/users' },
        authorizer: { jwt: { claims: { username: 'pre-traffic-probe' } } },
      },
    });
    expect(codedeploy).toHaveReceivedCommandWith(PutLifecycleEventHookExecutionStatusCommand, {
      deploymentId: 'd-ABC123',
      lifecycleEventHookExecutionId: 'hook-exec-1',
      status: 'Succeeded',
    });
  });

  it('reports failure when the new version answers a 5xx', async () => {
    // Arrange: the public probe passes, the read hits an unreachable table.
    lambda.on(InvokeCommand).resolvesOnce(answer(204)).resolves(answer(503));

    // Act
    await hookFor('users-fn')(lifecycle);

    // Assert
    expect(codedeploy).toHaveReceivedCommandWith(PutLifecycleEventHookExecutionStatusCommand, {
      status: 'Failed',
    });
  });

  it('reports failure when the new version crashes', async () => {
    // Arrange
    lambda.on(InvokeCommand).resolves({
      FunctionError: 'Unhandled',
      Payload: payload('{"errorType":"Runtime.ImportModuleError"}'),
    });

    // Act
    await hookFor('users-fn')(lifecycle);

    // Assert
    expect(codedeploy).toHaveReceivedCommandWith(PutLifecycleEventHookExecutionStatusCommand, {
      status: 'Failed',
    });
  });

  it('still reports failure when the deployment cannot be read', async () => {
    // Arrange
    codedeploy.on(GetDeploymentCommand).rejects(new Error('AccessDenied'));

    // Act
    await hookFor('users-fn')(lifecycle);

    // Assert
    expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
    expect(codedeploy).toHaveReceivedCommandWith(PutLifecycleEventHookExecutionStatusCommand, {
      status: 'Failed',
    });
  });

  it('refuses a deployment of another function', async () => {
    // Arrange: the users-fn deployment, seen by the rewards-fn hook.
    lambda.on(InvokeCommand).resolves(answer(200));

    // Act
    await hookFor('rewards-fn')(lifecycle);

    // Assert
    expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
    expect(codedeploy).toHaveReceivedCommandWith(PutLifecycleEventHookExecutionStatusCommand, {
      status: 'Failed',
    });
  });

  it('probes rewards-fn on its public /health and an authenticated feed read', async () => {
    // Arrange
    lambda.on(InvokeCommand).resolves(answer(200));

    // Act
    const report = await hookFor('rewards-fn')({ qualifier: 'live' });

    // Assert: the smoke mode probes the alias and reports to nobody.
    expect(report).toEqual({
      functionName: 'prod-rewards-fn',
      qualifier: 'live',
      ok: true,
      results: [
        { name: 'GET /health', ok: true, detail: '200' },
        { name: 'GET /rewards?limit=1 (authenticated)', ok: true, detail: '200' },
      ],
    });
    expect(codedeploy).not.toHaveReceivedCommand(PutLifecycleEventHookExecutionStatusCommand);
  });

  it('rejects an event that is neither a lifecycle event nor a smoke request', async () => {
    // Act / Assert
    await expect(hookFor('users-fn')({ qualifier: '../x' })).rejects.toThrow(
      'Expected a CodeDeploy lifecycle event',
    );
  });
});

describe('targetOfAppSpec', () => {
  it('reads the function and target version from JSON and from YAML', () => {
    // Arrange
    const yaml = [
      'version: 0.0',
      'Resources:',
      '  - live:',
      '      Type: AWS::Lambda::Function',
      '      Properties:',
      '        Name: "dev-users-fn"',
      '        Alias: "live"',
      '        CurrentVersion: "3"',
      '        TargetVersion: "4"',
    ].join('\n');

    // Act / Assert
    expect(targetOfAppSpec(appSpec('prod-users-fn', '6', '7'))).toEqual({
      name: 'prod-users-fn',
      version: '7',
    });
    expect(targetOfAppSpec(yaml)).toEqual({ name: 'dev-users-fn', version: '4' });
  });
});
