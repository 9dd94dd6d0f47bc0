import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SAMPLE_EVENT_FILES, sampleScheduledEvent } from '@peer-rewards/lambda-events';
import { main as eventMain } from './event';
import { loadEventFixture } from './event-fixtures';
import { main as invokeMain } from './invoke';
import { createLocalIssuer } from './local-issuer';
import { parseDuration, parseStartArgs } from './start';
import { isProcessAlive, readStackFile, removeStackFile, writeStackFile } from './stack-file';
import { main as tokenMain } from './token';

const FIXTURES = path.join(__dirname, '..', 'test', 'fixtures', 'apps');

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) },
  };
};

describe('npm run token', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'token-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints only a token signed with the key in the data folder', () => {
    // Arrange
    const { out, io } = capture();

    // Act
    const code = tokenMain(['mia', '--expires-in', '60', '--data-dir', dataDir], io.out, io.err);

    // Assert
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const verified = createLocalIssuer({ keyFile: path.join(dataDir, 'local-issuer.json') }).verify(
      out[0],
    );
    expect(verified).toMatchObject({ ok: true, claims: { username: 'mia', sub: 'mia' } });
    const claims = verified.ok ? verified.claims : {};
    expect(Number(claims.exp) - Number(claims.iat)).toBe(60);
  });

  it('refuses an invalid username', () => {
    // Arrange
    const { err, io } = capture();

    // Act
    const code = tokenMain(['Not Valid', '--data-dir', dataDir], io.out, io.err);

    // Assert
    expect(code).toBe(2);
    expect(err[0]).toMatch(/is not a valid username/);
  });
});

describe('npm run event', () => {
  it('prints the HTTP event of a request with route, claims and body', () => {
    // Arrange
    const { out, io } = capture();

    // Act
    const code = eventMain(
      [
        'http',
        'POST',
        '/rewards',
        '--user',
        'alex',
        '--body',
        '{"to":"tom","points":5,"message":"🎉"}',
        '--query',
        'a=b',
      ],
      io.out,
      io.err,
    );

    // Assert
    expect(code).toBe(0);
    const event = JSON.parse(out.join('\n'));
    expect(event).toMatchObject({
      routeKey: 'ANY /rewards',
      rawQueryString: 'a=b',
      body: '{"to":"tom","points":5,"message":"🎉"}',
      requestContext: {
        http: { method: 'POST' },
        authorizer: { jwt: { claims: { username: 'alex' } } },
      },
    });
  });

  it('prints a scheduled event and rejects a body that is not JSON', () => {
    // Arrange
    const schedule = capture();
    const bad = capture();

    // Act
    const scheduleCode = eventMain(['schedule'], schedule.io.out, schedule.io.err);
    const badCode = eventMain(
      ['http', 'POST', '/rewards', '--body', '{oops'],
      bad.io.out,
      bad.io.err,
    );

    // Assert
    expect(scheduleCode).toBe(0);
    expect(JSON.parse(schedule.out.join('\n'))).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
    });
    expect(badCode).toBe(2);
    expect(bad.err[0]).toMatch(/--body is not JSON/);
  });
});

describe('npm run invoke', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'invoke-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const invoke = async (args: string[]) => {
    const captured = capture();
    const code = await invokeMain(
      [...args, '--dist', FIXTURES, '--data-dir', dataDir, '--table', `invoke-test-${Date.now()}`],
      captured.io,
    );
    return { code, ...captured };
  };

  it("runs AWS's own HTTP API sample event unchanged and prints the result and the REPORT line", async () => {
    // Act
    const { code, out, err } = await invoke(['rewards-fn', '--event', SAMPLE_EVENT_FILES.httpApi]);

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ statusCode: 404 });
    expect(err).toContainEqual(
      expect.stringMatching(/^\[rewards-fn\] REPORT RequestId: .+\tInit Duration: /),
    );
  });

  it('runs a scheduled event against the table of DYNAMODB_ENDPOINT', async () => {
    // Act
    const { code, out } = await invoke(['generator-fn', '--event', SAMPLE_EVENT_FILES.scheduled]);

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({
      created: 1,
      eventId: sampleScheduledEvent().id,
    });
  });

  it("exits non-zero with Lambda's error JSON when the function throws", async () => {
    // Arrange
    const eventFile = path.join(dataDir, 'throw.json');
    const event = loadEventFixture<{
      rawPath: string;
      routeKey: string;
      pathParameters?: Record<string, string>;
    }>('http/get-reward.json');
    event.rawPath = '/rewards/throw';
    event.pathParameters = { id: 'throw' };
    writeFileSync(eventFile, JSON.stringify(event));

    // Act
    const { code, out } = await invoke(['rewards-fn', '--event', eventFile]);

    // Assert
    expect(code).toBe(1);
    expect(JSON.parse(out.join('\n'))).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'fixture failure',
    });
  });

  it('explains what is wrong with the arguments', async () => {
    // Act
    const unknown = await invoke(['payments-fn', '--event', 'x.json']);
    const noEvent = await invoke(['users-fn']);

    // Assert
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/payments-fn is not a function of this project/);
    expect(noEvent.err[0]).toMatch(/which event\?/);
  });
});

describe('npm start arguments', () => {
  it('reads ports, durations and flags', () => {
    // Act
    const args = parseStartArgs(
      ['--in-memory', '--generate-every', '10s', '--quiet', '--no-seed'],
      { PORT: '4000', DYNAMODB_ENDPOINT: 'http://db:8000' },
    );

    // Assert
    expect(args.stack).toMatchObject({
      port: 4000,
      inMemory: true,
      seed: false,
      quiet: true,
      generate: { everyMs: 10_000 },
      dynamodbEndpoint: 'http://db:8000',
    });
    expect(parseStartArgs([], {}).stack).toMatchObject({ port: 3000, generate: false, seed: true });
    expect(parseStartArgs(['--generate'], {}).stack.generate).toBe(true);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(() => parseDuration('soon')).toThrow(/is not a duration/);
    expect(() => parseStartArgs(['--port', 'x'], {})).toThrow(/is not a port/);
  });
});

describe('local-stack.json', () => {
  it('is read back while its process lives and removed only by its writer', () => {
    // Arrange
    const dataDir = mkdtempSync(path.join(tmpdir(), 'stack-file-'));
    try {
      const stack = {
        pid: process.pid,
        url: 'http://localhost:1',
        dynamodbEndpoint: 'http://127.0.0.1:2',
        tableName: 't',
      };
      writeStackFile(dataDir, stack);

      // Act
      const read = readStackFile(dataDir);
      removeStackFile(dataDir, process.pid + 1);
      const afterForeignRemove = readStackFile(dataDir);
      removeStackFile(dataDir);

      // Assert
      expect(read).toEqual(stack);
      expect(afterForeignRemove).toEqual(stack);
      expect(readStackFile(dataDir)).toBeNull();
      expect(isProcessAlive(process.pid)).toBe(true);
      expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
