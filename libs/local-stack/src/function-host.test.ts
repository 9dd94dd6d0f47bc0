import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FunctionHost } from './function-host';

describe('FunctionHost', () => {
  let dir: string;
  const bundle = (name: string, code: string): string => {
    const file = path.join(dir, name, 'index.js');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, code);
    return file;
  };
  const host = (
    file: string,
    overrides: Partial<ConstructorParameters<typeof FunctionHost>[0]> = {},
  ) => {
    const lines: string[] = [];
    const created = new FunctionHost({
      name: 'users-fn',
      file,
      memoryMb: 256,
      timeoutSeconds: 3,
      env: { TABLE_NAME: 'table-a' },
      log: (line) => lines.push(line),
      ...overrides,
    });
    return { host: created, lines };
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'function-host-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const counter = `
    const table = process.env.TABLE_NAME;
    let calls = 0;
    exports.handler = async (event, context) => ({ table, calls: ++calls, memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, fn: context.functionName, when: new Date(0) });
  `;

  it('loads the bundle once and keeps its module state warm across invocations', async () => {
    // Arrange
    const { host: warm, lines } = host(bundle('users-fn', counter));

    // Act
    const first = await warm.invoke({});
    const second = await warm.invoke({});

    // Assert
    expect(first).toMatchObject({
      ok: true,
      result: { table: 'table-a', calls: 1, memory: '256', fn: 'local-users-fn' },
    });
    // Lambda returns the JSON serialisation of the result.
    expect(second).toMatchObject({
      ok: true,
      result: { calls: 2, when: '1970-01-01T00:00:00.000Z' },
    });
    expect(warm.coldStarts).toBe(1);
    const reports = lines.filter((line) => line.includes('REPORT RequestId'));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(
      /^\[users-fn\] REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms$/,
    );
    expect(reports[1]).not.toContain('Init Duration');
    expect(lines[0]).toMatch(/^\[users-fn\] START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
  });

  it('gives each host its own copy of the module and its own environment', async () => {
    // Arrange
    const file = bundle('users-fn', counter);
    const a = host(file).host;
    const b = host(file, { env: { TABLE_NAME: 'table-b' } }).host;

    // Act
    await a.invoke({});
    const fromA = await a.invoke({});
    const fromB = await b.invoke({});

    // Assert
    expect(fromA).toMatchObject({ result: { table: 'table-a', calls: 2 } });
    expect(fromB).toMatchObject({ result: { table: 'table-b', calls: 1 } });
    expect(process.env.TABLE_NAME).toBeUndefined();
  });

  it('loads the new bundle after unload, as a cold start', async () => {
    // Arrange
    const file = bundle('users-fn', 'exports.handler = async () => "v1";');
    const { host: reloading, lines } = host(file);
    await reloading.invoke({});
    writeFileSync(file, 'exports.handler = async () => "v2";');

    // Act
    const stillWarm = await reloading.invoke({});
    reloading.unload();
    const reloaded = await reloading.invoke({});

    // Assert
    expect(stillWarm).toMatchObject({ result: 'v1' });
    expect(reloaded).toMatchObject({ result: 'v2' });
    expect(reloading.coldStarts).toBe(2);
    expect(lines.filter((line) => line.includes('Init Duration'))).toHaveLength(2);
  });

  it('prefixes console output with time, request id and level', async () => {
    // Arrange
    const file = bundle(
      'users-fn',
      'exports.handler = async () => { console.log("hello %s", "there"); console.error("oops"); process.stdout.write("{\\"raw\\":true}\\n"); return null; };',
    );
    const { host: logging, lines } = host(file);

    // Act
    const invocation = await logging.invoke({}, { requestId: 'req-42' });

    // Assert
    expect(invocation.ok).toBe(true);
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[users-fn\] \d{4}-\d\d-\d\dT[\d:.]+Z\treq-42\tINFO\thello there$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^\[users-fn\] .+\treq-42\tERROR\toops$/));
    expect(lines).toContain('[users-fn] {"raw":true}');
  });

  it('reports a thrown error with its type and message', async () => {
    // Arrange
    const { host: failing } = host(
      bundle('users-fn', 'exports.handler = async () => { throw new RangeError("too far"); };'),
    );

    // Act
    const invocation = await failing.invoke({});

    // Assert
    expect(invocation).toMatchObject({
      ok: false,
      timedOut: false,
      error: { errorType: 'RangeError', errorMessage: 'too far' },
    });
  });

  it('times out after the configured seconds and starts cold next time', async () => {
    // Arrange
    const { host: slow } = host(
      bundle(
        'users-fn',
        'exports.handler = () => new Promise((resolve) => setTimeout(resolve, 2000).unref());',
      ),
      {
        timeoutSeconds: 0.2,
      },
    );

    // Act
    const invocation = await slow.invoke({});

    // Assert
    expect(invocation).toMatchObject({
      ok: false,
      timedOut: true,
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.20 seconds' },
    });
    await slow.invoke({}).catch(() => undefined);
    expect(slow.coldStarts).toBe(2);
  });

  it('supports callback handlers and context.getRemainingTimeInMillis', async () => {
    // Arrange
    const { host: callback } = host(
      bundle(
        'users-fn',
        'exports.handler = (event, context, done) => { setTimeout(() => done(null, { left: context.getRemainingTimeInMillis(), id: context.awsRequestId }), 5); };',
      ),
    );

    // Act
    const invocation = await callback.invoke({}, { requestId: 'req-cb' });

    // Assert
    expect(invocation).toMatchObject({ ok: true, result: { id: 'req-cb' } });
    const left = (invocation.ok && (invocation.result as { left: number }).left) || 0;
    expect(left).toBeGreaterThan(2000);
    expect(left).toBeLessThanOrEqual(3000);
  });

  it('says so when the bundle exports no handler', async () => {
    // Arrange
    const { host: broken } = host(bundle('users-fn', 'exports.main = async () => 1;'));

    // Act
    const invocation = await broken.invoke({});

    // Assert
    expect(invocation).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.HandlerNotFound' },
    });
    expect(!invocation.ok && invocation.error.errorMessage).toMatch(
      /index\.handler is undefined or not exported/,
    );
  });

  it('hands the caller the JSON of the result, as Lambda serialises it', async () => {
    // Arrange
    const { host: serialising } = host(
      bundle(
        'users-fn',
        `exports.handler = async (event) => event.kind === 'plain'
          ? { statusCode: 200, headers: { a: 'b' }, body: '{}', list: [1, 'x', null, true] }
          : { when: new Date(0), gone: undefined, nan: NaN, list: [undefined, 1], nested: { toJSON: () => 'j' }, minusZero: -0 };`,
      ),
    );

    // Act
    const plain = await serialising.invoke({ kind: 'plain' });
    const rich = await serialising.invoke({ kind: 'rich' });

    // Assert
    expect(plain).toMatchObject({
      ok: true,
      result: { statusCode: 200, headers: { a: 'b' }, body: '{}', list: [1, 'x', null, true] },
    });
    expect(rich.ok && rich.result).toStrictEqual({
      when: '1970-01-01T00:00:00.000Z',
      nan: null,
      list: [null, 1],
      nested: 'j',
      minusZero: 0,
    });
  });

  it("routes the bundle's process.on to the real process and keeps its env its own", async () => {
    // Arrange
    const { host: listening } = host(
      bundle(
        'users-fn',
        `const seen = [];
         process.on('peer-rewards-test', (value) => seen.push(value)).once('peer-rewards-test', () => seen.push('once'));
         exports.handler = async () => ({ seen, table: process.env.TABLE_NAME, same: process.pid === require('node:process').pid });`,
      ),
    );
    await listening.invoke({});

    // Act
    const emitted = process.emit('peer-rewards-test' as never, 'from outside' as never);
    const invocation = await listening.invoke({});
    process.removeAllListeners('peer-rewards-test');

    // Assert
    expect(emitted).toBe(true);
    expect(invocation).toMatchObject({
      ok: true,
      result: { seen: ['from outside', 'once'], table: 'table-a', same: true },
    });
    expect(process.env.TABLE_NAME).not.toBe('table-a');
  });
});
