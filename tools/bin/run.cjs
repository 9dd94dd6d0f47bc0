#!/usr/bin/env node
/**
 * Runs a TypeScript entry point (a local-stack or tools/ command) with tsx and the workspace's path aliases, with the
 * settings every local command wants (no Nx Cloud, no telemetry, no SDK Node-version notice).
 * Usage: node tools/bin/run.cjs libs/local-stack/src/start.ts [args...]
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run.cjs <entry.ts> [args...]');
  process.exit(2);
}

const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(root, entry), ...args], {
  stdio: 'inherit',
  env: {
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...process.env,
    TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json'),
  },
});

// Ctrl-C reaches the child through the terminal's process group: wait for it to finish.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal !== 'SIGINT') child.kill(signal);
  });
}
// `npm start` runs this under `sh -c`, which dies of a SIGTERM npm passes on without handing it
// down, and nothing reaches us at all when npm is killed with SIGKILL: when the process that
// started us is gone, stop the child as a SIGTERM would.
const parent = process.ppid;
const parentWatch = setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch (error) {
    if (error.code !== 'ESRCH') return;
    clearInterval(parentWatch);
    child.kill('SIGTERM');
  }
}, 500);
parentWatch.unref();
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (require('node:os').constants.signals[signal] ?? 1) : 1));
});
