import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { FUNCTIONS } from '@peer-rewards/platform-manifest';
import { STAGES } from './config/stages';
import { CDK_CONTEXT, FIXTURE_DASHBOARD_DIR, FIXTURE_FUNCTION_DIR } from '../test/synth-stage';
import { addStage } from './stage';

const missing = path.join(__dirname, 'no-such-build');

describe('addStage with a missing artifact', () => {
  it('leaves out only the stack whose artifact is missing, and says so', () => {
    // Arrange
    const warnings: string[] = [];

    // Act
    const stacks = addStage(new App({ context: CDK_CONTEXT }), STAGES.dev, {
      functionDir: (fn) => (fn === 'rewards-fn' ? missing : FIXTURE_FUNCTION_DIR),
      appVersion: () => 'test',
      preTrafficHookDir: FIXTURE_FUNCTION_DIR,
      dashboardDir: FIXTURE_DASHBOARD_DIR,
      requireAll: false,
      warn: (message) => warnings.push(message),
    });

    // Assert
    expect(Object.keys(stacks.functions).sort()).toEqual(['generator-fn', 'slack-fn', 'users-fn']);
    expect(stacks.dashboard).toBeDefined();
    expect(warnings).toEqual([
      `dev-rewards-fn: rewards-fn is not built (${missing} is missing); run "npx nx run rewards-fn:build". The stack is left out of this synth.`,
    ]);
  });

  it('leaves out the HTTP functions when their pre-traffic hook is not built', () => {
    // Arrange
    const warnings: string[] = [];

    // Act
    const stacks = addStage(new App({ context: CDK_CONTEXT }), STAGES.dev, {
      functionDir: () => FIXTURE_FUNCTION_DIR,
      appVersion: () => 'test',
      preTrafficHookDir: missing,
      dashboardDir: FIXTURE_DASHBOARD_DIR,
      requireAll: false,
      warn: (message) => warnings.push(message),
    });

    // Assert: the generator has no hook and stays.
    expect(Object.keys(stacks.functions)).toEqual(['generator-fn']);
    expect(warnings).toHaveLength(FUNCTIONS.filter((fn) => fn.kind === 'http').length);
    expect(warnings[0]).toContain('run "npx nx run pre-traffic-fn:build"');
  });

  it('fails when every artifact is required', () => {
    // Arrange / Act / Assert
    expect(() =>
      addStage(new App({ context: CDK_CONTEXT }), STAGES.prod, {
        functionDir: () => FIXTURE_FUNCTION_DIR,
        appVersion: () => 'test',
        preTrafficHookDir: FIXTURE_FUNCTION_DIR,
        dashboardDir: missing,
        requireAll: true,
      }),
    ).toThrow(
      `prod-dashboard: dashboard is not built (${missing} is missing); run "npx nx run dashboard:build".`,
    );
  });
});
