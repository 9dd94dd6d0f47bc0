import path from 'node:path';
import { App } from 'aws-cdk-lib';
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

  it('fails when every artifact is required', () => {
    // Arrange / Act / Assert
    expect(() =>
      addStage(new App({ context: CDK_CONTEXT }), STAGES.prod, {
        functionDir: () => FIXTURE_FUNCTION_DIR,
        appVersion: () => 'test',
        dashboardDir: missing,
        requireAll: true,
      }),
    ).toThrow(
      `prod-dashboard: dashboard is not built (${missing} is missing); run "npx nx run dashboard:build".`,
    );
  });
});
