/**
 * `npx nx run dashboard:build`: bundles the page into dist/apps/dashboard, prints the sizes and
 * fails when the JavaScript is over its gzipped budget.
 */
import { buildDashboard, JS_BUDGET_GZIP_BYTES, sizeReport } from './build-support/build-dashboard';

const main = async () => {
  const built = await buildDashboard({ outdir: process.argv[2] });
  console.log(sizeReport(built));
  if (built.js.gzipBytes > JS_BUDGET_GZIP_BYTES) {
    console.error(
      `dashboard: JavaScript is ${built.js.gzipBytes} bytes gzipped, over the budget of ${JS_BUDGET_GZIP_BYTES}.`,
    );
    process.exitCode = 1;
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
