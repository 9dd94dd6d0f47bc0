/**
 * Builds one stage the way `bin/app.ts` does (cdk-nag plugin included) from fixture artifacts,
 * so the tests need no build of the functions or the dashboard.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionName } from '@peer-rewards/platform-manifest';
import { STAGES, type StageConfig, type StageName } from '../src/config/stages';
import { addStage, type StageStacks } from '../src/stage';

/** The feature flags of `cdk.json`, so tests synthesize what `cdk synth` does. */
export const CDK_CONTEXT = (
  JSON.parse(readFileSync(path.join(__dirname, '../cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export const FIXTURE_FUNCTION_DIR = path.join(__dirname, 'fixtures/function');
export const FIXTURE_DASHBOARD_DIR = path.join(__dirname, 'fixtures/dashboard');

export interface SynthesizedStage {
  readonly app: App;
  readonly config: StageConfig;
  readonly stacks: StageStacks;
  readonly data: Template;
  readonly api: Template;
  readonly deployRole: Template;
  readonly dashboard: Template;
  readonly functions: Readonly<Record<FunctionName, Template>>;
  /** Every template above, one per stack of the stage. */
  readonly templates: readonly Template[];
}

/** Synthesizes a stage once (the nag plugin runs and throws on any finding) and returns its templates. */
export const synthStage = (
  stage: StageName,
  overrides: Partial<StageConfig> = {},
): SynthesizedStage => {
  const app = new App({ context: CDK_CONTEXT });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const config: StageConfig = { ...STAGES[stage], ...overrides };
  const stacks = addStage(app, config, {
    functionDir: () => FIXTURE_FUNCTION_DIR,
    appVersion: (fn) => `test-${fn}`,
    preTrafficHookDir: FIXTURE_FUNCTION_DIR,
    dashboardDir: FIXTURE_DASHBOARD_DIR,
    requireAll: true,
  });
  app.synth();
  const fn = (name: FunctionName) => {
    const stack = stacks.functions[name];
    if (!stack) throw new Error(`${name} stack missing`);
    return Template.fromStack(stack);
  };
  if (!stacks.dashboard) throw new Error('dashboard stack missing');
  const data = Template.fromStack(stacks.data);
  const api = Template.fromStack(stacks.api);
  const deployRole = Template.fromStack(stacks.deployRole);
  const dashboard = Template.fromStack(stacks.dashboard);
  const functions = {
    'users-fn': fn('users-fn'),
    'rewards-fn': fn('rewards-fn'),
    'generator-fn': fn('generator-fn'),
    'slack-fn': fn('slack-fn'),
  };
  return {
    app,
    config,
    stacks,
    data,
    api,
    deployRole,
    dashboard,
    functions,
    templates: [data, api, deployRole, dashboard, ...Object.values(functions)],
  };
};
