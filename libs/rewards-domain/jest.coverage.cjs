/**
 * `nx test rewards-domain`: the domain's tests with its coverage floor enforced. (Jest reads
 * coverage thresholds only from the config it is started with, so this is not `jest.config.cjs`,
 * which the root config lists as one of its projects.)
 */
module.exports = {
  ...require('./jest.config.cjs'),
  collectCoverage: true,
  coverageReporters: ['text-summary'],
  ...require('./coverage.cjs')(''),
};
