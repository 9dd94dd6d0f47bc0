/**
 * The domain's coverage floor — the one place it is set. `nx test rewards-domain` enforces it
 * through `jest.coverage.cjs`, `npm test` (one jest run over every project) through the root
 * config; both read it from here.
 */
const FLOOR = { lines: 95, branches: 95 };

/**
 * @param {string} fromRoot the domain's folder as seen from the jest config's rootDir: '' for
 *   the project's own config, 'libs/rewards-domain/' for the root one
 */
module.exports = function domainCoverage(fromRoot) {
  const src = `<rootDir>/${fromRoot}src`;
  return {
    collectCoverageFrom: [
      `${src}/**/*.ts`,
      `!${src}/**/*.test.ts`,
      `!${src}/index.ts`,
      `!${src}/testing/index.ts`,
    ],
    coverageThreshold: { [fromRoot ? `./${fromRoot}src/` : 'global']: FLOOR },
  };
};
