/** @peer-rewards/release: what other projects use of the release tooling. */
export { buildPackage } from './build-package';
