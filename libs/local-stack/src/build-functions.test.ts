import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './app-version';
import { buildProjects, existingProjects } from './build-functions';

describe('buildProjects', () => {
  it('builds a function with the workspace nx, as npm start does', async () => {
    // Arrange
    const lines: string[] = [];
    // Act
    const code = await buildProjects(['generator-fn'], (line) => lines.push(line));
    // Assert
    expect({ code, output: code === 0 ? '' : lines.join('\n') }).toEqual({ code: 0, output: '' });
    expect(existsSync(path.join(REPO_ROOT, 'dist/apps/generator-fn/index.js'))).toBe(true);
  }, 180_000);

  it('knows the projects this checkout has', () => {
    // Act + Assert
    expect(existingProjects()).toEqual([
      'users-fn',
      'rewards-fn',
      'slack-fn',
      'generator-fn',
      'dashboard',
    ]);
  });
});
