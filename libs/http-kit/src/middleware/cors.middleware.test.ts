import middy from '@middy/core';
import { httpRequestEvent, lambdaContext } from '../testing';
import { cors } from './cors.middleware';

const answerFor = async (origin: string) => {
  const handler = middy(async () => ({ statusCode: 200, headers: {} })).use(
    cors({ origins: ['http://localhost:3000'] }),
  );
  return handler(
    httpRequestEvent({ method: 'GET', path: '/things', headers: { origin } }),
    lambdaContext(),
  );
};

describe('cors', () => {
  it('allows a configured origin and exposes Retry-After, Allow and ETag', async () => {
    // Act
    const response = await answerFor('http://localhost:3000');
    // Assert
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'http://localhost:3000',
      'Access-Control-Expose-Headers': 'retry-after,allow,etag',
    });
  });

  it('adds no CORS header for another origin', async () => {
    // Act
    const response = await answerFor('https://evil.example');
    // Assert
    expect(response.headers).not.toHaveProperty('Access-Control-Allow-Origin');
  });

  it('refuses an origin of "*"', () => {
    // Act
    const create = () => cors({ origins: ['http://localhost:3000', ' * '] });
    // Assert
    expect(create).toThrow(/CORS/);
  });
});
