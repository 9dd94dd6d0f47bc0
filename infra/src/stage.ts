import { existsSync } from 'node:fs';
import { DefaultStackSynthesizer, type App } from 'aws-cdk-lib';
import { FUNCTIONS, type FunctionName } from '@peer-rewards/platform-manifest';
import { validateStageConfig, type StageConfig } from './config/stages';
import { stackNames } from './ssm-parameters';
import { ApiStack } from './stacks/api.stack';
import { DashboardStack } from './stacks/dashboard.stack';
import { DataStack } from './stacks/data.stack';
import { DeployRoleStack } from './stacks/deploy-role.stack';
import { FunctionStack } from './stacks/function.stack';

export interface StageArtifacts {
  /** The built function folder (`dist/apps/<fn>`) holding `index.js`. */
  readonly functionDir: (fn: FunctionName) => string;
  /** `APP_VERSION` of a function. */
  readonly appVersion: (fn: FunctionName) => string;
  /** The built pre-traffic hook (`dist/apps/pre-traffic-fn`), part of every HTTP function stack. */
  readonly preTrafficHookDir: string;
  /** The built dashboard folder (`dist/apps/dashboard`). */
  readonly dashboardDir: string;
  /**
   * `true`: a missing artifact fails synth (what `nx run infra:synth` and CI want).
   * `false`: stacks whose artifact is missing are left out, so a deploy job that built only its
   * own function can still synthesize the app and deploy that function's stack.
   */
  readonly requireAll: boolean;
  /** Where to report a left-out stack. */
  readonly warn?: (message: string) => void;
}

export interface StageStacks {
  readonly data: DataStack;
  readonly api: ApiStack;
  readonly deployRole: DeployRoleStack;
  readonly functions: Partial<Record<FunctionName, FunctionStack>>;
  readonly dashboard?: DashboardStack;
}

/** Every stack of one stage. The stacks share nothing but names and SSM parameters. */
export const addStage = (app: App, config: StageConfig, artifacts: StageArtifacts): StageStacks => {
  validateStageConfig(config);
  const names = stackNames(config.stage);
  const env = { account: config.account, region: config.region };
  const tags = { stage: config.stage };
  // Every stack of the stage deploys through the stage's own bootstrap (roles, bucket,
  // execution policy), never the account's default one.
  const stackProps = (description: string) => ({
    env,
    description,
    tags,
    config,
    synthesizer: new DefaultStackSynthesizer({ qualifier: config.bootstrapQualifier }),
  });

  const present = (what: string, dir: string, stackName: string): boolean => {
    if (existsSync(dir)) return true;
    const message = `${stackName}: ${what} is not built (${dir} is missing); run "npx nx run ${what}:build".`;
    if (artifacts.requireAll) throw new Error(message);
    artifacts.warn?.(`${message} The stack is left out of this synth.`);
    return false;
  };

  const data = new DataStack(app, names.data, {
    ...stackProps(`peer-rewards ${config.stage}: DynamoDB table`),
    stackName: names.data,
  });
  const api = new ApiStack(app, names.api, {
    ...stackProps(`peer-rewards ${config.stage}: HTTP API, JWT authorizer, user pool`),
    stackName: names.api,
  });
  const deployRole = new DeployRoleStack(app, names.deployRole, {
    ...stackProps(`peer-rewards ${config.stage}: GitHub Actions deploy role`),
    stackName: names.deployRole,
  });

  const functions: Partial<Record<FunctionName, FunctionStack>> = {};
  for (const spec of FUNCTIONS) {
    const stackName = names.fn(spec.name);
    const assetDir = artifacts.functionDir(spec.name);
    if (!present(spec.name, assetDir, stackName)) continue;
    if (spec.kind === 'http' && !present('pre-traffic-fn', artifacts.preTrafficHookDir, stackName))
      continue;
    functions[spec.name] = new FunctionStack(app, stackName, {
      ...stackProps(`peer-rewards ${config.stage}: ${spec.name}`),
      stackName,
      spec,
      assetDir,
      appVersion: artifacts.appVersion(spec.name),
      preTrafficHookDir: artifacts.preTrafficHookDir,
    });
  }

  const dashboard = present('dashboard', artifacts.dashboardDir, names.dashboard)
    ? new DashboardStack(app, names.dashboard, {
        ...stackProps(`peer-rewards ${config.stage}: dashboard`),
        stackName: names.dashboard,
        assetDir: artifacts.dashboardDir,
      })
    : undefined;

  return { data, api, deployRole, functions, dashboard };
};
