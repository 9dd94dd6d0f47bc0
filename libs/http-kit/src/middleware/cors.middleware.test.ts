import middy from '@middy/core';
import { httpRequestEvent, lambdaContext } from '../testing';
import { cors } from './cors.middleware';

const LOCAL = 'http://localhost:3000';

const answerFor = async (
  origin: string,
  origins: string[] = [LOCAL],
  routeHeaders: Record<string, string> = {},
) => {
  const handler = middy(async () => ({ statusCode: 200, headers: routeHeaders })).use(
    cors({ origins }),
  );
  return handler(
    httpRequestEvent({ method: 'GET', path: '/things', headers: { origin } }),
    lambdaContext(),
  );
};

describe('cors', () => {
  it('allows a configured origin and exposes Retry-After, Allow and ETag', async () => {
    // Act
    const response = await answerFor(LOCAL);
    // Assert
    expect(response.headers).toEqual({
      'Access-Control-Allow-Origin': LOCAL,
      'Access-Control-Allow-Headers': 'authorization,content-type,idempotency-key,if-none-match',
      'Access-Control-Allow-Methods': 'GET,POST,PUT,OPTIONS',
      'Access-Control-Expose-Headers': 'retry-after,allow,etag',
      'Access-Control-Max-Age': '600',
    });
  });

  it('adds no Access-Control-Allow-Origin for another origin', async () => {
    // Act
    const response = await answerFor('https://evil.example');
    // Assert
    expect(response.headers).not.toHaveProperty('Access-Control-Allow-Origin');
  });

  it('names the caller among several origins and says the answer varies by origin', async () => {
    // Act
    const response = await answerFor('https://rewards.example.com', [
      LOCAL,
      'https://rewards.example.com',
    ]);
    // Assert
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://rewards.example.com',
      Vary: 'Origin',
    });
  });

  it.each([
    ['https://team.example.com', 'https://team.example.com'],
    ['https://a.b.example.com', undefined],
    ['https://example.com', undefined],
  ])('matches %s against https://*.example.com: %s', async (origin, allowed) => {
    // Act
    const response = await answerFor(origin, ['https://*.example.com']);
    // Assert
    expect(response.headers['Access-Control-Allow-Origin']).toBe(allowed);
  });

  it("keeps the route's own headers and adds Origin to its Vary", async () => {
    // Act
    const response = await answerFor(
      'https://b.example',
      ['https://a.example', 'https://b.example'],
      {
        'Access-Control-Max-Age': '60',
        vary: 'Accept-Encoding',
      },
    );
    // Assert
    expect(response.headers).toMatchObject({
      'Access-Control-Max-Age': '60',
      vary: 'Accept-Encoding, Origin',
    });
  });

  it('adds its headers to the answer an error became', async () => {
    // Arrange: an error handler inside CORS turns the failure into an answer.
    const handler = middy(async () => {
      throw new Error('boom');
    })
      .use(cors({ origins: [LOCAL] }))
      .use({
        onError: (request) => {
          request.response = { statusCode: 503, headers: { 'retry-after': '1' } };
        },
      });
    // Act
    const response = await handler(
      httpRequestEvent({ method: 'GET', path: '/things', headers: { origin: LOCAL } }),
      lambdaContext(),
    );
    // Assert
    expect(response).toMatchObject({
      statusCode: 503,
      headers: { 'retry-after': '1', 'Access-Control-Allow-Origin': LOCAL },
    });
  });

  it('refuses an origin of "*"', () => {
    // Act
    const create = () => cors({ origins: [LOCAL, ' * '] });
    // Assert
    expect(create).toThrow(/CORS/);
  });
});
