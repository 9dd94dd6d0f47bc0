import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpRequestEvent, lambdaContext } from '../testing';
import { etag, etagOf, matchesIfNoneMatch } from './etag.middleware';

const BODY = JSON.stringify({ entries: [{ username: 'alex', points: 10 }] });

const answer = async (
  request: { method?: string; headers?: Record<string, string> },
  response: APIGatewayProxyStructuredResultV2 = {
    statusCode: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: BODY,
  },
) => {
  const handler = middy(async () => response).use(etag());
  return handler(
    httpRequestEvent({
      method: request.method ?? 'GET',
      path: '/leaderboard',
      headers: request.headers,
    }),
    lambdaContext(),
  );
};

describe('etag', () => {
  it('tags a 200 answer to a GET with a hash of its body, revalidated on every poll', async () => {
    // Act
    const response = await answer({});
    // Assert
    expect(response.body).toBe(BODY);
    expect(response.headers).toMatchObject({
      etag: etagOf(BODY),
      'cache-control': 'private, no-cache',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(etagOf(BODY)).toMatch(/^W\/"[\w-]{22}"$/);
    expect(etagOf(`${BODY} `)).not.toBe(etagOf(BODY));
  });

  it('answers 304 without a body when If-None-Match names the tag, weak or strong', async () => {
    // Arrange
    const tag = etagOf(BODY);
    // Act
    const weak = await answer({ headers: { 'if-none-match': tag } });
    const strong = await answer({ headers: { 'if-none-match': `"other", ${tag.slice(2)}` } });
    // Assert
    for (const response of [weak, strong]) {
      expect(response).toEqual({
        statusCode: 304,
        headers: { etag: tag, 'cache-control': 'private, no-cache' },
      });
    }
  });

  it('answers in full when the tag is another', async () => {
    // Act
    const response = await answer({ headers: { 'if-none-match': 'W/"stale"' } });
    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(BODY);
  });

  it("keeps a route's own Cache-Control", async () => {
    // Act
    const response = await answer(
      {},
      { statusCode: 200, headers: { 'cache-control': 'public, max-age=300' }, body: BODY },
    );
    // Assert
    expect(response.headers).toMatchObject({ 'cache-control': 'public, max-age=300' });
  });

  it('leaves writes and errors untagged', async () => {
    // Act
    const created = await answer(
      { method: 'POST', headers: { 'if-none-match': '*' } },
      { statusCode: 201, headers: {}, body: BODY },
    );
    const failed = await answer({}, { statusCode: 503, headers: {}, body: BODY });
    // Assert
    expect(created).toEqual({ statusCode: 201, headers: {}, body: BODY });
    expect(failed.headers).not.toHaveProperty('etag');
  });

  it('matches If-None-Match lists and "*", and nothing when it is absent', () => {
    // Assert
    expect(matchesIfNoneMatch('*', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b", W/"a"', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b"', 'W/"a"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, 'W/"a"')).toBe(false);
  });
});
