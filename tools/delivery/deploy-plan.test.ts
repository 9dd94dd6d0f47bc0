/**
 * The deploy plan on real commits of a throwaway repository shaped like this workspace: the real
 * Nx graph of the functions, the hook and the dashboard, and the real infra sources.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { deployPlan } from './deploy-plan';
import { createScratchWorkspace, type ScratchWorkspace } from './test/scratch-workspace';

jest.setTimeout(120_000);

let workspace: ScratchWorkspace;
const planOf = (file: string) => {
  const base = workspace.commitChangeTo(file);
  return deployPlan({ base, cwd: workspace.dir });
};

beforeAll(() => {
  process.env.NX_SKIP_NX_CACHE = 'true';
  const folders = (group: string) =>
    readdirSync(path.resolve(__dirname, '../..', group)).map((name) => `${group}/${name}`);
  workspace = createScratchWorkspace(
    [...folders('libs'), ...folders('apps'), 'infra', 'tools/build'],
    ['docs'],
  );
});

afterAll(() => workspace?.remove());

describe('deployPlan', () => {
  it('deploys nothing for a change to the docs', () => {
    // Act / Assert
    expect(planOf('docs/delivery.md')).toEqual({ functions: [], stacks: [] });
  });

  it('deploys every function when a file every bundle is built with changed', () => {
    // Act
    const plans = [
      planOf('tools/build/lazy-stream-web.cjs'),
      planOf('libs/lambda-events/src/artifact.ts'),
    ];

    // Assert
    for (const plan of plans) {
      expect(plan.functions).toEqual(
        expect.arrayContaining(['users-fn', 'rewards-fn', 'generator-fn', 'slack-fn']),
      );
    }
  });

  it('deploys only the function whose code changed', () => {
    // Act / Assert
    expect(planOf('apps/users-fn/src/users.handler.ts')).toEqual({
      functions: ['users-fn'],
      stacks: [],
    });
  });

  it('knows a function from its manifest entry and app alone: slack-fn', () => {
    // Act / Assert
    expect(planOf('apps/slack-fn/src/slack.handler.ts')).toEqual({
      functions: ['slack-fn'],
      stacks: [],
    });
  });

  it('deploys the dependants of a changed lib: every function and the dashboard for the domain', () => {
    // Act / Assert
    expect(planOf('libs/rewards-domain/src/index.ts')).toEqual({
      functions: ['generator-fn', 'rewards-fn', 'slack-fn', 'users-fn'],
      stacks: ['dashboard'],
    });
  });

  it('deploys the dashboard alone for a change to its app', () => {
    // Act / Assert
    expect(planOf('apps/dashboard/src/main.tsx')).toEqual({ functions: [], stacks: ['dashboard'] });
  });

  it('deploys the data stack, and nothing else, when the table definition changed', () => {
    // Act: the adapter lib changes too, so its functions go as well.
    const plan = planOf('libs/rewards-dynamodb/src/table.definition.ts');

    // Assert
    expect(plan.stacks).toEqual(['data']);
    expect(plan.functions).toEqual(['generator-fn', 'rewards-fn', 'slack-fn', 'users-fn']);
  });

  it('deploys the API and what reads its ids from SSM when the API stack changed', () => {
    // Act / Assert
    expect(planOf('infra/src/stacks/api.stack.ts')).toEqual({
      functions: ['rewards-fn', 'slack-fn', 'users-fn'],
      stacks: ['api', 'dashboard'],
    });
  });

  it('deploys the deploy roles when their stack changed', () => {
    // Act / Assert
    expect(planOf('infra/src/stacks/deploy-role.stack.ts')).toEqual({
      functions: [],
      stacks: ['deploy-role'],
    });
  });

  it('deploys every function stack when an alarm of the function stack changed', () => {
    // Act / Assert
    expect(planOf('infra/src/stacks/canary-alarms.ts')).toEqual({
      functions: ['generator-fn', 'rewards-fn', 'slack-fn', 'users-fn'],
      stacks: [],
    });
  });

  it('deploys the HTTP functions when their pre-traffic hook changed', () => {
    // Act / Assert
    expect(planOf('apps/pre-traffic-fn/src/pre-traffic.handler.ts')).toEqual({
      functions: ['rewards-fn', 'slack-fn', 'users-fn'],
      stacks: [],
    });
  });

  it('deploys everything when the stage config changed', () => {
    // Act / Assert
    expect(planOf('infra/src/config/stages.ts')).toEqual({
      functions: ['generator-fn', 'rewards-fn', 'slack-fn', 'users-fn'],
      stacks: ['data', 'api', 'deploy-role', 'dashboard'],
    });
  });

  it.each([
    'libs/rewards-domain/README.md',
    'apps/dashboard/README.md',
    'libs/local-stack/README.md',
    'apps/users-fn/src/users.handler.test.ts',
    'apps/dashboard/test/dashboard.browser.test.ts',
    'libs/local-stack/src/http-server.ts',
    'libs/lambda-events/src/index.ts',
  ])('deploys nothing for %s, which no bundle or page is built from', (file) => {
    // Act / Assert
    expect(planOf(file)).toEqual({ functions: [], stacks: [] });
  });

  it('deploys the functions, not the dashboard, for a change to the adapter', () => {
    // Act / Assert
    expect(planOf('libs/rewards-dynamodb/src/index.ts')).toEqual({
      functions: ['generator-fn', 'rewards-fn', 'slack-fn', 'users-fn'],
      stacks: [],
    });
  });

  it('deploys the dashboard for a change to its styles', () => {
    // Act / Assert
    expect(planOf('apps/dashboard/src/styles.css')).toEqual({
      functions: [],
      stacks: ['dashboard'],
    });
  });

  it('deploys nothing for a change to the infra tests', () => {
    // Act / Assert
    expect(planOf('infra/src/stage.test.ts')).toEqual({ functions: [], stacks: [] });
  });
});
