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
  ] as Array<[string, HttpRequestSpec, number, string]>)(
    'refuses %s',
    async (_name, spec, status, code) => {
      // Act
      const parse = parsedBody(spec);
      // Assert
      await expect(parse).rejects.toMatchObject({ status, code });
    },
  );

  it('leaves the body of a GET alone', async () => {
    // Act
    const body = await parsedBody({ method: 'GET', path: '/echo', body: 'not json' });
    // Assert
    expect(body).toBe('not json');
  });
});
