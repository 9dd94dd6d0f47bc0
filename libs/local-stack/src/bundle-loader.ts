/**
 * Loads a built bundle as Lambda's Node runtime does at a cold start. Each load compiles its own
 * copy of the code (not through the shared `require` cache) and gives it its own `process.env`
 * and `console`, so two local stacks in one process — with different tables — never share
 * module state or configuration.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileFunction, constants as vmConstants } from 'node:vm';
import type { Context } from 'aws-lambda';
import { REPO_ROOT } from './app-version';
import type { FunctionOutput } from './function-output';

/**
 * Lambda's Node runtime ships modules of its own (the AWS SDK v3) that a bundle may leave out;
 * locally the workspace's `node_modules` stands in for them. A version's copy of the code lives
 * outside the workspace, so bare specifiers it cannot resolve from its own folder come from there.
 */
const runtimeRequire = createRequire(path.join(REPO_ROOT, 'package.json'));

const requireFor = (file: string): NodeJS.Require => {
  const own = createRequire(file);
  const require = ((id: string) => {
    try {
      return own(id) as unknown;
    } catch (error) {
      const bare = !id.startsWith('.') && !path.isAbsolute(id);
      if (bare && (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
        return runtimeRequire(id) as unknown;
      }
      throw error;
    }
  }) as NodeJS.Require;
  return Object.assign(require, {
    resolve: own.resolve,
    cache: own.cache,
    main: own.main,
    extensions: own.extensions,
  });
};

/** What `process.on(…)` and the other EventEmitter methods act on: the real process, always. */
const EMITTER_METHODS = [
  'addListener',
  'emit',
  'eventNames',
  'getMaxListeners',
  'listenerCount',
  'listeners',
  'off',
  'on',
  'once',
  'prependListener',
  'prependOnceListener',
  'rawListeners',
  'removeAllListeners',
  'removeListener',
  'setMaxListeners',
] as const;

/**
 * The function's `process`: the real one with its own `env`, `stdout` and `stderr`. An object
 * whose prototype is `process` rather than a Proxy: a Proxy's trap runs on every `process.env`
 * read, and a handler reads its settings there on every request.
 */
const functionProcessFor = (
  env: Record<string, string>,
  streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): NodeJS.Process => {
  const own: PropertyDescriptorMap = {
    env: { value: env, enumerable: true, writable: true },
    stdout: { value: streams.stdout, enumerable: true },
    stderr: { value: streams.stderr, enumerable: true },
  };
  for (const method of EMITTER_METHODS) {
    const real = process[method] as (...args: unknown[]) => unknown;
    own[method] = {
      value: (...args: unknown[]) => {
        const result = real.apply(process, args);
        // Chaining (`process.on(…).on(…)`) stays on the function's process.
        return result === process ? functionProcess : result;
      },
      writable: true,
    };
  }
  const functionProcess = Object.create(process, own) as NodeJS.Process;
  return functionProcess;
};

export type Handler = (
  event: unknown,
  context: Context,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

export interface LoadedBundle {
  readonly handler: Handler;
  /** The module's top-level run, Lambda's `Init Duration`. */
  readonly initDurationMs: number;
}

/** Compiles and runs `file`, returning its exported `handler`; throws Runtime.HandlerNotFound. */
export const loadBundle = (
  file: string,
  env: Record<string, string>,
  output: FunctionOutput,
): LoadedBundle => {
  const code = readFileSync(file, 'utf8');
  const streams = output.streams();
  const functionProcess = functionProcessFor(env, streams);
  const started = performance.now();
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = compileFunction(
    code,
    ['exports', 'require', 'module', '__filename', '__dirname', 'process', 'console'],
    // `import('node:http')` inside the bundle (the AWS SDK loads it lazily) needs a loader.
    { filename: file, importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER },
  );
  wrapper(
    module.exports,
    requireFor(file),
    module,
    file,
    path.dirname(file),
    functionProcess,
    output.console(),
  );
  const handler = (module.exports as { handler?: unknown }).handler;
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`index.handler is undefined or not exported (${file})`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return { handler: handler as Handler, initDurationMs: performance.now() - started };
};
