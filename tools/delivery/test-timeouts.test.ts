/**
 * `npm test` runs every project in one jest run, and there `testTimeout` is a global option:
 * jest takes it from the root config and ignores each project's. The root must therefore give
 * at least the room the roomiest project asks for (the DynamoDB-bound ones, sized for a loaded
 * 2-core machine), or their tests time out in the full run while passing one project at a time.
 */
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface JestConfig {
  readonly testTimeout?: number;
  readonly projects?: readonly string[];
  readonly globalSetup?: string;
}

describe('test timeouts', () => {
  it('gives the whole run at least the timeout of every project', () => {
    // Arrange
    const root = require(path.join(ROOT, 'jest.config.cjs')) as JestConfig;
    const projects = (root.projects ?? []).map((project) => ({
      project,
      config: require(project.replace('<rootDir>', ROOT)) as JestConfig,
    }));

    // Act
    const roomier = projects
      .filter(({ config }) => (config.testTimeout ?? 5_000) > (root.testTimeout ?? 5_000))
      .map(({ project, config }) => `${project}: ${config.testTimeout}`);

    // Assert
    expect(roomier).toEqual([]);
    expect(projects.length).toBeGreaterThan(10);
  });

  it('gives the projects that start DynamoDB Local a minute per test and hook', () => {
    // Arrange
    const root = require(path.join(ROOT, 'jest.config.cjs')) as JestConfig;
    const withDynamoDb = (root.projects ?? [])
      .map((project) => require(project.replace('<rootDir>', ROOT)) as JestConfig)
      .filter((config) => config.globalSetup?.includes('dynamodb-local'));

    // Assert
    expect(withDynamoDb.map((config) => config.testTimeout)).toEqual(
      withDynamoDb.map(() => 60_000),
    );
    expect(root.testTimeout).toBeGreaterThanOrEqual(60_000);
  });
});
