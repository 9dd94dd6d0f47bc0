/*
 * How an invocation ends, as Lambda's Node runtime decides it: the first of the handler's
 * promise, its callback, `context.done/succeed/fail` and the deadline settles it; what cannot be
 * serialised, thrown at load or rejected without an error is still a failed invocation (never a
 * hang or an unhandled rejection); and the account's invocation log gets each invocation once.
 */
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FunctionSpec } from '@peer-rewards/platform-manifest';
import { FunctionHost, type Invocation } from './function-host';
import { LocalLambda } from './lambda-api/local-lambda';

/** An event the bundles emit on the real process, so a test can wait for late work. */
const LATE_WORK_DONE = 'peer-rewards-late-work-done';

describe('an invocation', () => {
  let dir: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  const bundle = (code: string): string => {
    const file = path.join(mkdtempSync(path.join(dir, 'fn-')), 'index.js');
    writeFileSync(file, code);
    return file;
  };
  const hostFor = (code: string, timeoutSeconds = 3) =>
    new FunctionHost({
      name: 'users-fn',
      file: bundle(code),
      memoryMb: 128,
      timeoutSeconds,
      env: {},
    });
  /** Waits for the promise jobs and the unhandled-rejection check after them. */
  const settledTurn = () => new Promise((resolve) => setImmediate(resolve));
  const failure = (invocation: Invocation) =>
    invocation.ok ? null : { ...invocation.error, timedOut: invocation.timedOut };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'invocation-semantics-'));
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('that throws or rejects', () => {
    it('fails with the error a non-async handler throws synchronously, and stays warm', async () => {
      // Arrange
      const host = hostFor(
        'exports.handler = function (event) { if (event.fail) throw new TypeError("sync boom"); return "fine"; };',
      );

      // Act
      const thrown = await host.invoke({ fail: true });
      const next = await host.invoke({});

      // Assert
      expect(failure(thrown)).toMatchObject({
        errorType: 'TypeError',
        errorMessage: 'sync boom',
        timedOut: false,
      });
      expect(next).toMatchObject({ ok: true, result: 'fine' });
      expect(host.coldStarts).toBe(1);
    });

    it.each([
      ['undefined', 'undefined'],
      ['null', 'null'],
      ['0', '0'],
      ['an empty string', '""'],
      ['false', 'false'],
    ])('fails when the handler rejects with %s, never succeeds', async (_name, value) => {
      // Arrange
      const host = hostFor(`exports.handler = async () => { throw ${value}; };`);

      // Act
      const invocation = await host.invoke({});

      // Assert
      expect(invocation.ok).toBe(false);
      expect(failure(invocation)).toMatchObject({ timedOut: false });
    });

    it('fails with the message of a string it rejects with', async () => {
      // Arrange
      const host = hostFor('exports.handler = () => Promise.reject("plain words");');

      // Act
      const invocation = await host.invoke({});

      // Assert
      expect(failure(invocation)).toMatchObject({ errorMessage: 'plain words', timedOut: false });
    });

    it('fails, and does not hang, when it rejects with an object that has no string form', async () => {
      // Arrange: a null-prototype object has neither `message` nor `toString`.
      const host = hostFor('exports.handler = async () => { throw Object.create(null); };');

      // Act
      const invocation = await host.invoke({});
      await settledTurn();

      // Assert
      expect(invocation.ok).toBe(false);
      expect(unhandled).toEqual([]);
    }, 10_000);
  });

  describe('settled by the first of its ways to end', () => {
    it('returns what the promise resolved with when the callback comes later', async () => {
      // Arrange
      const host = hostFor(
        `exports.handler = async (event, context, callback) => {
           setTimeout(() => { callback(null, 'from the callback'); process.emit('${LATE_WORK_DONE}'); }, 10);
           return 'from the promise';
         };`,
      );
      const lateWork = once(process, LATE_WORK_DONE);

      // Act
      const invocation = await host.invoke({});
      await lateWork;
      const next = await host.invoke({});

      // Assert
      expect(invocation).toMatchObject({ ok: true, result: 'from the promise' });
      expect(next).toMatchObject({ ok: true, result: 'from the promise' });
      expect(host.invocationCount).toBe(2);
    });

    it('returns what the callback gave when the promise settles later, even as a rejection', async () => {
      // Arrange
      const host = hostFor(
        `exports.handler = (event, context, callback) => {
           callback(null, { by: 'callback' });
           return Promise.reject(new Error('too late to matter'));
         };`,
      );

      // Act
      const invocation = await host.invoke({});
      await settledTurn();

      // Assert
      expect(invocation).toMatchObject({ ok: true, result: { by: 'callback' } });
      expect(unhandled).toEqual([]);
    });

    it('keeps the callback result when the handler throws after calling it', async () => {
      // Arrange
      const host = hostFor(
        'exports.handler = (event, context, callback) => { callback(null, "answered"); throw new Error("after"); };',
      );

      // Act
      const invocation = await host.invoke({});

      // Assert
      expect(invocation).toMatchObject({ ok: true, result: 'answered' });
    });

    it('fails with the error the callback is called with, Error or string', async () => {
      // Arrange
      const host = hostFor(
        `exports.handler = (event, context, callback) => {
           setTimeout(() => callback(event.asText ? 'text failure' : new RangeError('out of range'), 'ignored'), 1);
         };`,
      );

      // Act
      const withError = await host.invoke({});
      const withText = await host.invoke({ asText: true });

      // Assert
      expect(failure(withError)).toMatchObject({
        errorType: 'RangeError',
        errorMessage: 'out of range',
        timedOut: false,
      });
      expect(failure(withText)).toMatchObject({ errorMessage: 'text failure', timedOut: false });
    });

    it.each([
      ['context.succeed(result)', 'context.succeed({ way: "succeed" })', { way: 'succeed' }],
      ['context.done(null, result)', 'context.done(null, { way: "done" })', { way: 'done' }],
      ['context.done() without a result', 'context.done()', null],
    ])('returns what %s hands over', async (_name, call, expected) => {
      // Arrange
      const host = hostFor(
        `exports.handler = (event, context, callback) => { setTimeout(() => ${call}, 1); };`,
      );

      // Act
      const invocation = await host.invoke({});

      // Assert
      expect(invocation).toMatchObject({ ok: true, result: expected });
    });

    it.each([
      ['context.fail(error)', 'context.fail(new SyntaxError("bad input"))', 'bad input'],
      ['context.done(error)', 'context.done(new SyntaxError("done badly"))', 'done badly'],
    ])('fails with what %s hands over', async (_name, call, message) => {
      // Arrange
      const host = hostFor(
        `exports.handler = (event, context, callback) => { setTimeout(() => ${call}, 1); };`,
      );

      // Act
      const invocation = await host.invoke({});

      // Assert
      expect(failure(invocation)).toMatchObject({
        errorType: 'SyntaxError',
        errorMessage: message,
        timedOut: false,
      });
    });

    it('fails when context.fail is called without an error', async () => {
      // Arrange
      const host = hostFor('exports.handler = (event, context) => { context.fail(); };');

      // Act
      const invocation = await host.invoke({});

      // Assert
      expect(invocation.ok).toBe(false);
    });

    it('returns what a synchronous handler of two parameters returns', async () => {
      // Arrange
      const host = hostFor(
        'exports.handler = function (event, context) { return { sync: true }; };',
      );

      // Act
      const invocation = await host.invoke({});

      // Assert
      expect(invocation).toMatchObject({ ok: true, result: { sync: true } });
    });
  });

  describe('at its deadline', () => {
    it('times out a callback handler that never calls back, and the next one starts cold', async () => {
      // Arrange
      const host = hostFor(
        `exports.handler = (event, context, callback) => {
           if (event.answer) callback(null, 'answered');
         };`,
        0.2,
      );

      // Act
      const silent = await host.invoke({});
      const next = await host.invoke({ answer: true });

      // Assert
      expect(failure(silent)).toEqual({
        errorType: 'Sandbox.Timedout',
        errorMessage: 'Task timed out after 0.20 seconds',
        timedOut: true,
      });
      expect(next).toMatchObject({ ok: true, result: 'answered' });
      expect(next.initDurationMs).not.toBeNull();
      expect(host.coldStarts).toBe(2);
    });

    it('counts getRemainingTimeInMillis down during an invocation, never above the timeout', async () => {
      // Arrange
      const host = hostFor(
        `exports.handler = async (event, context) => {
           const first = context.getRemainingTimeInMillis();
           await new Promise((resolve) => setTimeout(resolve, 30));
           return { first, second: context.getRemainingTimeInMillis() };
         };`,
        2,
      );

      // Act
      const invocation = await host.invoke({});

      // Assert
      const left = (invocation.ok ? invocation.result : null) as { first: number; second: number };
      expect(left.first).toBeLessThanOrEqual(2000);
      expect(left.second).toBeLessThan(left.first);
      expect(left.second).toBeGreaterThan(0);
    });
  });

  describe('whose result has no JSON form', () => {
    it.each([
      ['a BigInt', 'return { count: 10n };', 'TypeError', /BigInt/],
      [
        'a cycle',
        'const node = { name: "a" }; node.self = node; return node;',
        'TypeError',
        /circular/,
      ],
      [
        'a toJSON that throws',
        'return { statusCode: 200, when: { toJSON() { throw new RangeError("no date"); } } };',
        'RangeError',
        /no date/,
      ],
    ])(
      'fails as what JSON.stringify threw for %s, without an unhandled rejection',
      async (_name, body, errorType, message) => {
        // Arrange
        const host = hostFor(`exports.handler = async () => { ${body} };`);

        // Act
        const invocation = await host.invoke({});
        await settledTurn();

        // Assert
        expect(failure(invocation)).toMatchObject({ errorType, timedOut: false });
        expect(!invocation.ok && invocation.error.errorMessage).toMatch(message);
        expect(unhandled).toEqual([]);
      },
    );

    it('fails the same way when the callback hands such a result over', async () => {
      // Arrange
      const host = hostFor(
        'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { big: 1n }), 1); };',
      );

      // Act
      const invocation = await host.invoke({});
      await settledTurn();

      // Assert
      expect(failure(invocation)).toMatchObject({ errorType: 'TypeError', timedOut: false });
      expect(unhandled).toEqual([]);
    });
  });

  describe('of a bundle that throws while it loads', () => {
    it('fails with the init error, tries the load again next time and runs once it loads', async () => {
      // Arrange
      const file = bundle('throw new Error("no configuration at load");');
      const host = new FunctionHost({
        name: 'users-fn',
        file,
        memoryMb: 128,
        timeoutSeconds: 3,
        env: {},
      });

      // Act
      const first = await host.invoke({});
      const second = await host.invoke({});
      writeFileSync(file, 'exports.handler = async () => "loaded";');
      const fixed = await host.invoke({});

      // Assert
      for (const failed of [first, second]) {
        expect(failure(failed)).toMatchObject({
          errorType: 'Error',
          errorMessage: 'no configuration at load',
          timedOut: false,
        });
      }
      expect(fixed).toMatchObject({ ok: true, result: 'loaded' });
      expect(fixed.initDurationMs).not.toBeNull();
      expect(host.coldStarts).toBe(1);
      expect(host.invocationCount).toBe(3);
    });
  });

  describe("in the account's invocation log", () => {
    const spec: FunctionSpec = {
      name: 'users-fn',
      kind: 'http',
      tableActions: [],
      routes: [],
      memoryMb: 128,
      timeoutSeconds: 0.2,
    };
    const lambdaWith = (code: string) => {
      const distDir = path.join(dir, 'dist');
      mkdirSync(path.join(distDir, spec.name), { recursive: true });
      writeFileSync(path.join(distDir, spec.name, 'index.js'), code);
      const lambda = new LocalLambda({
        distDir,
        versionsDir: path.join(dir, 'versions'),
        env: {},
        functions: [spec],
      });
      const fn = lambda.byManifestName.get(spec.name);
      if (!fn) throw new Error('users-fn is missing from the local account');
      return { lambda, fn };
    };

    it('records every invocation exactly once as it ends: ok, thrown, unserialisable and timed out', async () => {
      // Arrange: the callback of the timed-out invocation comes after its deadline.
      const { lambda, fn } = lambdaWith(
        `exports.handler = (event, context, callback) => {
           if (event.kind === 'ok') return callback(null, 'fine');
           if (event.kind === 'throw') throw new TypeError('thrown');
           if (event.kind === 'big') return callback(null, { big: 1n });
           setTimeout(() => { callback(null, 'too late'); process.emit('${LATE_WORK_DONE}'); }, 400);
         };`,
      );
      const seen: Array<[string, number]> = [];
      const invoke = async (kind: string) => {
        const invocation = await lambda.invoke(fn, { kind });
        // Recorded before the caller gets the invocation.
        seen.push([kind, lambda.invocations.since(fn.functionName, 0).length]);
        return invocation;
      };
      const lateCallback = once(process, LATE_WORK_DONE);

      // Act
      await invoke('ok');
      await invoke('throw');
      await invoke('big');
      const timedOut = await invoke('late');
      await lateCallback;
      await settledTurn();
      await invoke('ok');

      // Assert
      expect(timedOut).toMatchObject({ ok: false, timedOut: true });
      expect(seen).toEqual([
        ['ok', 1],
        ['throw', 2],
        ['big', 3],
        ['late', 4],
        ['ok', 5],
      ]);
      const records = lambda.invocations.since(fn.functionName, 0);
      expect(records.map((record) => [record.version, record.error])).toEqual([
        ['$LATEST', null],
        ['$LATEST', 'TypeError'],
        ['$LATEST', 'TypeError'],
        ['$LATEST', 'Sandbox.Timedout'],
        ['$LATEST', null],
      ]);
      expect(unhandled).toEqual([]);
    });

    it('records an invocation whose bundle failed to load', async () => {
      // Arrange
      const { lambda, fn } = lambdaWith('throw new RangeError("broken at load");');

      // Act
      const invocation = await lambda.invoke(fn, {});

      // Assert
      expect(failure(invocation)).toMatchObject({ errorType: 'RangeError' });
      expect(lambda.invocations.since(fn.functionName, 0).map((record) => record.error)).toEqual([
        'RangeError',
      ]);
    });
  });
});
