/**
 * `npm test` runs every project's tests in one jest run, so DynamoDB Local starts once.
 * Coverage is collected from the domain only, where it is a floor (95 % lines and branches).
 */
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const projectDirs = [
  ...['apps', 'libs'].flatMap((group) =>
    readdirSync(path.join(__dirname, group)).map((name) => `${group}/${name}`),
  ),
  'tools',
  'infra',
];

module.exports = {
  projects: projectDirs
    .filter((dir) => existsSync(path.join(__dirname, dir, 'jest.config.cjs')))
    .map((dir) => `<rootDir>/${dir}/jest.config.cjs`),
  collectCoverageFrom: [
    '<rootDir>/libs/rewards-domain/src/**/*.ts',
    '!<rootDir>/libs/rewards-domain/src/**/*.test.ts',
    '!<rootDir>/libs/rewards-domain/src/index.ts',
    '!<rootDir>/libs/rewards-domain/src/testing/index.ts',
  ],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: {
    './libs/rewards-domain/src/': { lines: 95, branches: 95 },
  },
};
