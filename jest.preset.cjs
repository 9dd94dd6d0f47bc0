/**
 * The jest setup every project shares: @swc/jest for TypeScript, the tsconfig paths of the
 * workspace libraries, and Middy's ESM entry points transformed like our own code.
 */
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;

const moduleNameMapper = {
  '^@middy/([^/]+)$': path.join(root, 'node_modules/@middy/$1/index.js'),
};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace(/[/.]/g, '\\$&')}$`] = path.join(root, target);
}

/**
 * @param {string} projectDir the project's folder (`__dirname` of its jest.config.cjs)
 * @param {{ dynamodb?: boolean, testEnvironment?: string }} [options] `dynamodb` starts DynamoDB Local once for the run
 */
module.exports = function preset(projectDir, options = {}) {
  return {
    displayName: path.relative(root, projectDir),
    rootDir: projectDir,
    testEnvironment: options.testEnvironment ?? 'node',
    // The machine is small and DynamoDB Local is a JVM: give hooks and tests room.
    testTimeout: options.dynamodb ? 60_000 : 15_000,
    testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.test.tsx'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '/cdk.out/'],
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', tsx: true },
            target: 'es2022',
            transform: { react: { runtime: 'automatic', importSource: 'preact' } },
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
    moduleNameMapper,
    ...(options.dynamodb
      ? {
          globalSetup: path.join(root, 'libs/local-stack/src/dynamodb-local/jest-global-setup.ts'),
          globalTeardown: path.join(
            root,
            'libs/local-stack/src/dynamodb-local/jest-global-teardown.ts',
          ),
        }
      : {}),
  };
};
