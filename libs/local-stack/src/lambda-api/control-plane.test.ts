import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  paginateListVersionsByFunction,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { deterministicZip, readArtifactFiles, sha256 } from '@peer-rewards/lambda-events';
import { findFunction, type FunctionSpec } from '@peer-rewards/platform-manifest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../dynamodb-local/dynamodb-local';
import { INVOCATIONS_PATH, startControlPlane, type ControlPlane } from './control-plane';
import { LocalLambda } from './local-lambda';

const USERS_FN = findFunction('users-fn') as FunctionSpec;
const NAME = 'local-users-fn';

/** A bundle answering with its marker, the version it runs as and its container's identity. */
const bundle = (marker: string) => `
  const container = Math.random().toString(36).slice(2);
  exports.handler = async (event, context) => {
    if (event.fail) throw new RangeError('asked to fail');
    process.stdout.write(JSON.stringify({ _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: 'PeerRewards', Dimensions: [['FunctionName', 'Version']], Metrics: [{ Name: 'Requests', Unit: 'Count' }] }] }, FunctionName: context.functionName, Version: context.functionVersion, Requests: 1 }) + '\\n');
    return { marker: ${JSON.stringify(marker)}, version: context.functionVersion, arn: context.invokedFunctionArn, container };
  };
`;

/** The error a call was refused with (the test fails if it succeeds). */
const refusal = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (error: unknown) => error,
  );

describe('the local control plane', () => {
  let dir: string;
  let lambda: LocalLambda;
  let plane: ControlPlane;
  let client: LambdaClient;

  const build = (marker: string) => {
    mkdirSync(path.join(dir, 'dist', 'users-fn'), { recursive: true });
    writeFileSync(path.join(dir, 'dist', 'users-fn', 'index.js'), bundle(marker));
  };
  const publish = async (marker: string) => {
    build(marker);
    return (await client.send(new PublishVersionCommand({ FunctionName: NAME }))).Version as string;
  };
  const invoke = async (qualifier?: string, event: unknown = {}) => {
    const answer = await client.send(
      new InvokeCommand({
        FunctionName: NAME,
        Qualifier: qualifier,
        Payload: JSON.stringify(event),
      }),
    );
    return {
      executed: answer.ExecutedVersion,
      functionError: answer.FunctionError,
      body: JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8')) as Record<
        string,
        string
      >,
    };
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'control-plane-'));
    lambda = new LocalLambda({
      distDir: path.join(dir, 'dist'),
      versionsDir: path.join(dir, 'versions'),
      env: {},
      functions: [USERS_FN],
    });
    plane = await startControlPlane(lambda, { host: '127.0.0.1', log: () => undefined });
    client = new LambdaClient({
      endpoint: plane.url,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
  });

  afterEach(async () => {
    client.destroy();
    await plane.stop();
    lambda.unloadAll();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('versions', () => {
    it('publishes an immutable copy with the CodeSha256 of the deterministic zip', async () => {
      // Arrange
      build('first');
      const expected = sha256(
        deterministicZip(readArtifactFiles(path.join(dir, 'dist', 'users-fn'))),
      );

      // Act
      const published = await client.send(new PublishVersionCommand({ FunctionName: NAME }));
      build('second');
      const fromVersion1 = await invoke('1');
      const fromLatest = await invoke('$LATEST');

      // Assert
      expect(published).toMatchObject({
        Version: '1',
        CodeSha256: expected.base64,
        FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${NAME}:1`,
      });
      expect(fromVersion1).toMatchObject({
        executed: '1',
        body: { marker: 'first', version: '1' },
      });
      expect(fromLatest).toMatchObject({ executed: '$LATEST', body: { marker: 'second' } });
    });

    it('returns the newest version when the code did not change, and never reuses a number', async () => {
      // Arrange
      await publish('a');
      const second = await publish('b');
      await client.send(new DeleteFunctionCommand({ FunctionName: NAME, Qualifier: '1' }));

      // Act
      const again = await client.send(new PublishVersionCommand({ FunctionName: NAME }));
      const third = await publish('c');

      // Assert
      expect(again.Version).toBe(second);
      expect(third).toBe('3');
    });

    it('refuses a publish whose CodeSha256 is not the code of $LATEST', async () => {
      // Arrange
      build('a');

      // Act
      const publishing = await refusal(
        client.send(
          new PublishVersionCommand({ FunctionName: NAME, CodeSha256: 'bm90LXRoZS1jb2Rl' }),
        ),
      );

      // Assert
      expect(publishing).toBeInstanceOf(InvalidParameterValueException);
      expect(lambda.byManifestName.get('users-fn')?.versions.size).toBe(0);
    });

    it('lists $LATEST and every version page by page', async () => {
      // Arrange
      for (const marker of ['a', 'b', 'c']) await publish(marker);

      // Act
      const pages: string[][] = [];
      for await (const page of paginateListVersionsByFunction(
        { client, pageSize: 2 },
        { FunctionName: NAME },
      )) {
        pages.push((page.Versions ?? []).map((v) => v.Version as string));
      }

      // Assert
      expect(pages).toEqual([
        ['$LATEST', '1'],
        ['2', '3'],
      ]);
    });

    it('answers 404 ResourceNotFoundException for an unknown function or version', async () => {
      // Arrange
      await publish('a');

      // Act
      const unknownFunction = await refusal(
        client.send(new GetFunctionCommand({ FunctionName: 'local-payments-fn' })),
      );
      const unknownVersion = await refusal(
        client.send(new GetFunctionCommand({ FunctionName: NAME, Qualifier: '9' })),
      );

      // Assert
      expect(unknownFunction).toBeInstanceOf(ResourceNotFoundException);
      expect(unknownVersion).toMatchObject({
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
        message: `Function not found: arn:aws:lambda:us-east-1:000000000000:function:${NAME}:9`,
      });
    });
  });

  describe('aliases', () => {
    it('refuses an update with a stale RevisionId with 412 and leaves the alias as it was', async () => {
      // Arrange
      const one = await publish('a');
      const two = await publish('b');
      const created = await client.send(
        new CreateAliasCommand({ FunctionName: NAME, Name: 'live', FunctionVersion: one }),
      );
      await client.send(
        new UpdateAliasCommand({
          FunctionName: NAME,
          Name: 'live',
          FunctionVersion: one,
          RevisionId: created.RevisionId,
        }),
      );

      // Act
      const stale = await refusal(
        client.send(
          new UpdateAliasCommand({
            FunctionName: NAME,
            Name: 'live',
            FunctionVersion: two,
            RevisionId: created.RevisionId,
          }),
        ),
      );

      // Assert
      expect(stale).toBeInstanceOf(PreconditionFailedException);
      expect(stale).toMatchObject({ $metadata: { httpStatusCode: 412 } });
      const alias = await client.send(new GetAliasCommand({ FunctionName: NAME, Name: 'live' }));
      expect(alias.FunctionVersion).toBe(one);
    });

    it("refuses a second alias of the same name, and Lambda's invalid routing configurations", async () => {
      // Arrange
      const one = await publish('a');
      const two = await publish('b');
      const three = await publish('c');
      await client.send(
        new CreateAliasCommand({ FunctionName: NAME, Name: 'live', FunctionVersion: one }),
      );
      const route = (weights: Record<string, number>) =>
        client.send(
          new UpdateAliasCommand({
            FunctionName: NAME,
            Name: 'live',
            RoutingConfig: { AdditionalVersionWeights: weights },
          }),
        );

      // Act + Assert
      await expect(
        client.send(
          new CreateAliasCommand({ FunctionName: NAME, Name: 'live', FunctionVersion: two }),
        ),
      ).rejects.toBeInstanceOf(ResourceConflictException);
      await expect(route({ [two]: 0.1, [three]: 0.1 })).rejects.toBeInstanceOf(
        InvalidParameterValueException,
      );
      await expect(route({ [two]: 1.5 })).rejects.toBeInstanceOf(InvalidParameterValueException);
      await expect(route({ [one]: 0.5 })).rejects.toBeInstanceOf(InvalidParameterValueException);
      await expect(route({ '9': 0.5 })).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(
        client.send(new GetAliasCommand({ FunctionName: NAME, Name: 'canary' })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('routes each invocation of a weighted alias to one of its versions, each in its own warm container', async () => {
      // Arrange
      const one = await publish('a');
      const two = await publish('b');
      await client.send(
        new CreateAliasCommand({
          FunctionName: NAME,
          Name: 'live',
          FunctionVersion: one,
          RoutingConfig: { AdditionalVersionWeights: { [two]: 0.5 } },
        }),
      );

      // Act
      const answers = [];
      for (let i = 0; i < 60; i += 1) answers.push(await invoke('live'));

      // Assert: with 60 fair draws, both versions answer (a miss has a chance of 2^-59).
      const byVersion = new Map<string, Set<string>>();
      for (const { executed, body } of answers) {
        expect(body.version).toBe(executed);
        expect(body.arn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${NAME}:live`);
        byVersion.set(
          executed as string,
          (byVersion.get(executed as string) ?? new Set()).add(body.container),
        );
      }
      expect([...byVersion.keys()].sort()).toEqual([one, two]);
      // One container per version, loaded once and reused.
      expect([...byVersion.values()].map((containers) => containers.size)).toEqual([1, 1]);
    });
  });

  describe('deleting versions', () => {
    it('refuses with 409 to delete a version an alias routes to, as primary or with a weight', async () => {
      // Arrange
      const one = await publish('a');
      const two = await publish('b');
      const three = await publish('c');
      await client.send(
        new CreateAliasCommand({
          FunctionName: NAME,
          Name: 'live',
          FunctionVersion: one,
          RoutingConfig: { AdditionalVersionWeights: { [two]: 0.1 } },
        }),
      );
      const remove = (Qualifier: string) =>
        client.send(new DeleteFunctionCommand({ FunctionName: NAME, Qualifier }));

      // Act
      const primary = await refusal(remove(one));
      const weighted = await refusal(remove(two));
      await remove(three);

      // Assert
      expect(primary).toMatchObject({
        name: 'ResourceConflictException',
        $metadata: { httpStatusCode: 409 },
        message: 'Unable to delete version because the following aliases reference it: [live]',
      });
      expect(weighted).toBeInstanceOf(ResourceConflictException);
      await expect(remove('$LATEST')).rejects.toBeInstanceOf(InvalidParameterValueException);
      await expect(remove(three)).rejects.toBeInstanceOf(ResourceNotFoundException);
      expect([...(lambda.byManifestName.get('users-fn')?.versions.keys() ?? [])]).toEqual([
        one,
        two,
      ]);
    });
  });

  describe('invocations', () => {
    it('reports a thrown error as an unhandled FunctionError and records what CloudWatch would see', async () => {
      // Arrange
      const one = await publish('a');
      const before = lambda.invocations.lastSeq;

      // Act
      const ok = await invoke(one);
      const failed = await invoke(one, { fail: true });
      const records = (await (
        await fetch(`${plane.url}${INVOCATIONS_PATH}?FunctionName=${NAME}&After=${before}`)
      ).json()) as {
        Invocations: Array<{ version: string; error: string | null; metricLines: string[] }>;
      };

      // Assert
      expect(ok.functionError).toBeUndefined();
      expect(failed).toMatchObject({
        functionError: 'Unhandled',
        body: { errorType: 'RangeError', errorMessage: 'asked to fail' },
      });
      expect(records.Invocations.map(({ version, error }) => ({ version, error }))).toEqual([
        { version: one, error: null },
        { version: one, error: 'RangeError' },
      ]);
      expect(JSON.parse(records.Invocations[0].metricLines[0])).toMatchObject({
        FunctionName: NAME,
        Version: one,
        Requests: 1,
      });
    });
  });

  describe('SSM parameters', () => {
    it("keeps parameters for the release CLI with SSM's own errors", async () => {
      // Arrange
      const ssm = new SSMClient({
        endpoint: plane.url,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
      const Name = '/peer-rewards/local/release/users-fn/live-versions';
      try {
        // Act
        const missing = await refusal(ssm.send(new GetParameterCommand({ Name })));
        await ssm.send(
          new PutParameterCommand({ Name, Value: '{"versions":["1"]}', Type: 'String' }),
        );
        const again = await refusal(
          ssm.send(new PutParameterCommand({ Name, Value: 'x', Type: 'String' })),
        );
        await ssm.send(
          new PutParameterCommand({
            Name,
            Value: '{"versions":["1","2"]}',
            Type: 'String',
            Overwrite: true,
          }),
        );
        const read = await ssm.send(new GetParameterCommand({ Name }));

        // Assert
        expect(missing).toBeInstanceOf(ParameterNotFound);
        expect(again).toMatchObject({ name: 'ParameterAlreadyExists' });
        expect(read.Parameter).toMatchObject({ Name, Value: '{"versions":["1","2"]}', Version: 2 });
      } finally {
        ssm.destroy();
      }
    });
  });
});
