/**
 * `npm test` runs every project's tests in one jest run, so DynamoDB Local starts once.
 * Coverage is collected from the domain only, where it is a floor (libs/rewards-domain/coverage.cjs).
 */
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const projectDirs = [
  ...['apps', 'libs', 'tools'].flatMap((group) =>
    readdirSync(path.join(__dirname, group)).map((name) => `${group}/${name}`),
  ),
  'infra',
];

module.exports = {
  projects: projectDirs
    .filter((dir) => existsSync(path.join(__dirname, dir, 'jest.config.cjs')))
    .map((dir) => `<rootDir>/${dir}/jest.config.cjs`),
  ...require('./libs/rewards-domain/coverage.cjs')('libs/rewards-domain/'),
  coverageReporters: ['text-summary', 'lcov'],
  // In a run over several projects jest takes the timeout from here, not from each project: the
  // machine is small and DynamoDB Local is a JVM, so hooks and tests get the preset's room.
  testTimeout: 60_000,
};
