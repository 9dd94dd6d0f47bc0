/**
 * A Lambda account for the release CLI's tests: the local stack's control plane (the real Lambda
 * and SSM APIs, without DynamoDB or API Gateway) holding the manifest's functions under a stage's
 * names, with helpers that publish builds and point aliases the way deployments would.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateAliasCommand,
  GetAliasCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  LocalLambda,
  startControlPlane,
  type ControlPlane,
} from '@peer-rewards/local-stack';
import {
  deployedFunctionNameOf,
  formatLiveHistory,
  LIVE_ALIAS,
  liveHistoryParameterOf,
  parseLiveHistory,
} from '@peer-rewards/platform-manifest';

export interface LocalAccount {
  readonly stage: string;
  readonly lambda: LocalLambda;
  readonly plane: ControlPlane;
  readonly client: LambdaClient;
  readonly ssm: SSMClient;
  /** Where `$LATEST` of each function is built (`<distDir>/<fn>/index.js`). */
  readonly distDir: string;
  /** Writes a new build of `fn` (its code a `body` of your choice) as `$LATEST`. */
  build(fn: string, code?: string): void;
  /** Publishes `count` new builds of `fn` and returns their version numbers. */
  publish(fn: string, count?: number): Promise<string[]>;
  /** Creates or updates `live` of `fn`. */
  pointLive(fn: string, version: string, weights?: Record<string, number>): Promise<void>;
  /** Sets the record of fully live versions, as `release record-live` writes it. */
  recordLive(fn: string, versions: readonly string[]): void;
  recordedLive(fn: string): string[];
  stop(): Promise<void>;
}

let builds = 0;

export const startLocalAccount = async (stage: string): Promise<LocalAccount> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'release-account-'));
  const distDir = path.join(dir, 'dist');
  const lambda = new LocalLambda({
    stage,
    distDir,
    versionsDir: path.join(dir, 'versions'),
    env: {},
  });
  const plane = await startControlPlane(lambda, { host: '127.0.0.1', log: () => undefined });
  const config = { endpoint: plane.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const client = new LambdaClient(config);
  const ssm = new SSMClient(config);
  const name = (fn: string) => deployedFunctionNameOf(stage, fn);

  const build = (fn: string, code?: string) => {
    builds += 1;
    mkdirSync(path.join(distDir, fn), { recursive: true });
    writeFileSync(
      path.join(distDir, fn, 'index.js'),
      code ?? `exports.handler = async () => ({ statusCode: 200, body: '{"build":${builds}}' });\n`,
    );
  };

  return {
    stage,
    lambda,
    plane,
    client,
    ssm,
    distDir,
    build,
    async publish(fn, count = 1) {
      const versions: string[] = [];
      for (let i = 0; i < count; i += 1) {
        build(fn);
        const published = await client.send(new PublishVersionCommand({ FunctionName: name(fn) }));
        versions.push(published.Version as string);
      }
      return versions;
    },
    async pointLive(fn, version, weights = {}) {
      const routing = { AdditionalVersionWeights: weights };
      const exists = await client
        .send(new GetAliasCommand({ FunctionName: name(fn), Name: LIVE_ALIAS }))
        .then(
          () => true,
          () => false,
        );
      const input = {
        FunctionName: name(fn),
        Name: LIVE_ALIAS,
        FunctionVersion: version,
        RoutingConfig: routing,
      };
      if (exists) await client.send(new UpdateAliasCommand(input));
      else await client.send(new CreateAliasCommand(input));
    },
    recordLive(fn, versions) {
      lambda.parameters.put(liveHistoryParameterOf(stage, fn), formatLiveHistory(versions));
    },
    recordedLive: (fn) =>
      parseLiveHistory(lambda.parameters.get(liveHistoryParameterOf(stage, fn))),
    async stop() {
      client.destroy();
      ssm.destroy();
      await plane.stop();
      lambda.unloadAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
