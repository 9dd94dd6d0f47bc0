import { responseFromResult } from './http-response';

describe('responseFromResult', () => {
  it('lower-cases header names and leaves out the CORS headers a function set itself', () => {
    // Act
    const mapped = responseFromResult({
      statusCode: 200,
      headers: {
        'Content-Type': 'application/json',
        ETag: 'W/"1"',
        'Access-Control-Allow-Origin': '*',
        'access-control-max-age': '600',
        'X-Empty': null,
      },
      body: '{}',
    });

    // Assert
    expect(mapped).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', etag: 'W/"1"' },
      body: '{}',
    });
  });

  it('sends cookies as set-cookie headers and a base64 body as bytes', () => {
    // Act
    const mapped = responseFromResult({
      statusCode: 201,
      cookies: ['a=1', 'b=2'],
      body: Buffer.from('bytes').toString('base64'),
      isBase64Encoded: true,
    });

    // Assert
    expect(mapped).toMatchObject({ statusCode: 201, headers: { 'set-cookie': ['a=1', 'b=2'] } });
    expect('body' in mapped && Buffer.isBuffer(mapped.body) && mapped.body.toString()).toBe(
      'bytes',
    );
  });

  it('treats a result without a status code as a JSON body and flags a malformed one', () => {
    expect(responseFromResult({ hello: 'world' })).toMatchObject({
      statusCode: 200,
      body: '{"hello":"world"}',
    });
    expect(responseFromResult({ statusCode: 99 })).toEqual({
      malformed: 'statusCode 99 is not an HTTP status',
    });
    expect(responseFromResult({ statusCode: 200, body: 5 })).toEqual({
      malformed: 'body must be a string',
    });
  });
});
