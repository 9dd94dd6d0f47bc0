import { checkScratchFolder, healthAnswer, serverlessYml } from './offline';

const SETTINGS = {
  handler: 'rewards-fn/index.handler',
  region: 'us-east-1',
  httpPort: 41001,
  lambdaPort: 41002,
  environment: { TABLE_NAME: 'local-peer-rewards', LOG_LEVEL: 'warn' },
};

describe('serverlessYml', () => {
  it('serves GET /health from the bundle as an HTTP API route, the handler run in-process and loaded once', () => {
    // Act
    const yml = serverlessYml(SETTINGS);
    // Assert
    expect(yml).toContain(
      [
        'functions:',
        '  rewards:',
        '    handler: "rewards-fn/index.handler"',
        '    events:',
        '      - httpApi:',
        '          method: GET',
        '          path: /health',
      ].join('\n'),
    );
    expect(yml).toContain("  httpApi:\n    payload: '2.0'\n");
    expect(yml).toContain('plugins:\n  - serverless-offline\n');
    expect(yml).toContain(
      [
        'custom:',
        '  serverless-offline:',
        '    host: 127.0.0.1',
        '    httpPort: 41001',
        '    lambdaPort: 41002',
        '    useInProcess: true',
        '    reloadHandler: false',
        '    noPrependStageInUrl: true',
        '    noTimeout: true',
      ].join('\n'),
    );
  });

  it('gives the function its environment, sorted, each value a quoted string', () => {
    // Act
    const yml = serverlessYml({
      ...SETTINGS,
      environment: { TABLE_NAME: 'local-peer-rewards', CORS_ORIGINS: 'http://a: "b"', STAGE: '1' },
    });
    // Assert
    expect(yml).toContain(
      [
        '  environment:',
        '    CORS_ORIGINS: "http://a: \\"b\\""',
        '    STAGE: "1"',
        '    TABLE_NAME: "local-peer-rewards"',
        'functions:',
      ].join('\n'),
    );
  });

  it('leaves the environment out when there is none', () => {
    // Act
    const yml = serverlessYml({ ...SETTINGS, environment: {} });
    // Assert
    expect(yml).not.toContain('environment:');
  });
});

describe('checkScratchFolder', () => {
  it('accepts a folder with the framework and the plugin installed', () => {
    // Act
    const check = () => checkScratchFolder('/scratch', () => true);
    // Assert
    expect(check).not.toThrow();
  });

  it('names what is missing and where the setup is described', () => {
    // Act
    const check = () =>
      checkScratchFolder('/scratch', (file) => !String(file).includes('serverless-offline'));
    // Assert
    expect(check).toThrow(
      '--offline /scratch: no node_modules/serverless-offline/package.json there; install serverless@3 and serverless-offline@13 in it first (tools/bench/README.md).',
    );
  });
});

describe('healthAnswer', () => {
  it('is ready on the handler’s own answer only', () => {
    // Assert
    expect(healthAnswer(200, '{"status":"ok","version":"floor","stage":"local","time":"t"}')).toBe(
      'ok',
    );
    expect(healthAnswer(404, '{"statusCode":404,"error":"Not Found"}')).toBeNull();
    expect(healthAnswer(502, 'Bad Gateway')).toBeNull();
  });

  it('reports a handler that failed, which serverless-offline answers with a 200', () => {
    // Act
    const answer = healthAnswer(
      200,
      '{"errorMessage":"Missing required environment variable TABLE_NAME","errorType":"Error"}',
    );
    // Assert
    expect(answer).toEqual({ failure: 'Missing required environment variable TABLE_NAME' });
  });
});
