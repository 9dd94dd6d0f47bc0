import middy from '@middy/core';
import { httpRequestEvent, lambdaContext, type HttpRequestSpec } from '../testing';
import { jsonBody } from './json-body.middleware';

/** The body the handler behind the middleware sees. */
const parsedBody = async (spec: HttpRequestSpec) => {
  const handler = middy(async (event: { body?: unknown }) => event.body).use(jsonBody());
  return handler(httpRequestEvent(spec), lambdaContext());
};

const post = (body: unknown, contentType = 'application/json'): HttpRequestSpec => ({
  method: 'POST',
  path: '/echo',
  body,
  headers: { 'content-type': contentType },
});

describe('jsonBody', () => {
  it.each([
    'application/json',
    'Application/JSON',
    'application/json ; charset=UTF-8',
    'application/problem+json',
  ])('parses a body sent as %s', async (contentType) => {
    // Act
    const body = await parsedBody(post('{"a":1}', contentType));
    // Assert
    expect(body).toEqual({ a: 1 });
  });

  it('decodes a base64 body as API Gateway sends it', async () => {
    // Act
    const body = await parsedBody({ ...post({ b: '🎉' }), base64: true });
    // Assert
    expect(body).toEqual({ b: '🎉' });
  });

  it.each([
    ['a body over 16 KB', post({ text: 'x'.repeat(16 * 1024) }), 413, 'payload-too-large'],
    ['no body', { method: 'PUT', path: '/echo' }, 400, 'validation-failed'],
    [
      'a form body',
      post('a=1', 'application/x-www-form-urlencoded'),
      415,
      'unsupported-media-type',
    ],
    ['JSONP', post('{"a":1}', 'application/jsonp'), 415, 'unsupported-media-type'],
    ['plain text', post('{"a":1}', 'text/plain'), 415, 'unsupported-media-type'],
    ['malformed JSON', post('{"a":'), 400, 'validation-failed'],
    ['JSON cut off in a base64 body', { ...post('{"a":'), base64: true }, 400, 'validation-failed'],
    ['an XML body', post('<a/>', 'application/xml'), 415, 'unsupported-media-type'],
  ] as Array<[string, HttpRequestSpec, number, string]>)(
    'refuses %s',
    async (_name, spec, status, code) => {
      // Act
      const parse = parsedBody(spec);
      // Assert
      await expect(parse).rejects.toMatchObject({ status, code });
    },
  );

  it('refuses a body without a content type', async () => {
    // Arrange
    const event = httpRequestEvent(post('{"a":1}'));
    delete event.headers['content-type'];
    const handler = middy(async (request: { body?: unknown }) => request.body).use(jsonBody());
    // Act
    const parse = handler(event, lambdaContext());
    // Assert
    await expect(parse).rejects.toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });

  it('names the body as the problem of malformed JSON', async () => {
    // Act
    const parse = parsedBody(post('{"points": 10,}'));
    // Assert
    await expect(parse).rejects.toMatchObject({
      status: 400,
      message: 'The body is not valid JSON.',
      details: [{ path: '(body)', message: 'is not valid JSON' }],
    });
  });

  it.each([
    ['a number', '42', 42],
    ['a string', '"hello"', 'hello'],
    ['null', 'null', null],
  ])('passes %s on for the use case to judge', async (_name, text, value) => {
    // Act
    const body = await parsedBody(post(text));
    // Assert
    expect(body).toEqual(value);
  });

  it('leaves the body of a GET alone', async () => {
    // Act
    const body = await parsedBody({ method: 'GET', path: '/echo', body: 'not json' });
    // Assert
    expect(body).toBe('not json');
  });
});
