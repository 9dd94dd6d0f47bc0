/**
 * Runs the real Nx affected computation on a throwaway git repository shaped like this workspace.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { affectedFunctions } from './affected-functions';
import { createScratchWorkspace, type ScratchWorkspace } from './test/scratch-workspace';

// Each case runs real processes (git, nx) on a machine that may be busy.
jest.setTimeout(120_000);

let workspace: ScratchWorkspace;

beforeAll(() => {
  // The graph is computed fresh in every call; no task runs, so no cache is wanted.
  process.env.NX_SKIP_NX_CACHE = 'true';
  const libs = readdirSync(path.resolve(__dirname, '../../libs')).map((lib) => `libs/${lib}`);
  workspace = createScratchWorkspace([...libs, ...FUNCTION_NAMES.map((fn) => `apps/${fn}`)]);
});

afterAll(() => workspace?.remove());

describe('affectedFunctions', () => {
  it('reports only the function whose own files changed', () => {
    // Arrange
    const base = workspace.commitChangeTo('apps/users-fn/src/index.ts');

    // Act
    const affected = affectedFunctions({ base, cwd: workspace.dir });

    // Assert
    expect(affected).toEqual(['users-fn']);
  });

  it('reports every function when the domain lib they import changed', () => {
    // Arrange
    const base = workspace.commitChangeTo('libs/rewards-domain/src/index.ts');

    // Act
    const affected = affectedFunctions({ base, cwd: workspace.dir });

    // Assert
    expect(affected).toEqual(['generator-fn', 'rewards-fn', 'slack-fn', 'users-fn']);
  });

  it('reports nothing when only the README changed', () => {
    // Arrange
    const base = workspace.commitChangeTo('README.md');

    // Act
    const affected = affectedFunctions({ base, cwd: workspace.dir });

    // Assert
    expect(affected).toEqual([]);
  });

  it('rejects a base that is not a git revision', () => {
    // Act / Assert
    expect(() => affectedFunctions({ base: 'main; rm -rf /', cwd: workspace.dir })).toThrow(
      'is not a git revision',
    );
  });
});
