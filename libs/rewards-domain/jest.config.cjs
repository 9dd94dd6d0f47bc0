module.exports = {
  ...require('../../jest.preset.cjs')(__dirname),
  collectCoverage: true,
  coverageReporters: ['text-summary'],
  ...require('./coverage.cjs')(''),
};
