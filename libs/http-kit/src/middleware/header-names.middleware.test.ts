import middy from '@middy/core';
import { httpRequestEvent, lambdaContext } from '../testing';
import { headerNames } from './header-names.middleware';

/** The headers the handler behind the middleware sees for an event carrying `headers`. */
const headersSeen = async (headers: Record<string, string> | undefined) => {
  const handler = middy(
    async (event: { headers?: Record<string, string | undefined> }) => event.headers,
  ).use(headerNames());
  const event = { ...httpRequestEvent({ method: 'GET', path: '/things' }), headers };
  return handler(event as never, lambdaContext());
};

describe('headerNames', () => {
  it('lower-cases the names a client sent in any case and keeps their values', async () => {
    // Act
    const headers = await headersSeen({
      'Content-Type': 'Application/JSON',
      'If-None-Match': 'W/"abc"',
      ORIGIN: 'http://localhost:3000',
    });
    // Assert
    expect(headers).toEqual({
      'content-type': 'Application/JSON',
      'if-none-match': 'W/"abc"',
      origin: 'http://localhost:3000',
    });
  });

  it('leaves an event without headers as it is', async () => {
    // Act
    const headers = await headersSeen(undefined);
    // Assert
    expect(headers).toBeUndefined();
  });
});
