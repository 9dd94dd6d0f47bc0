import { createHmac } from 'node:crypto';
import middy from '@middy/core';
import { errorHandler, type HttpEvent } from '@peer-rewards/http-kit';
import { httpRequestEvent, lambdaContext } from '@peer-rewards/http-kit/testing';
import { slackSignature, slackSignatureOf } from './slack-signature.middleware';

// The example of Slack's "Verifying requests from Slack" documentation.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
  '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
  '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOCUMENTED_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`, computed here from the documented format. */
const sign = (timestamp: string, body: string, secret = SECRET) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

const AT_TIMESTAMP_MS = Number(TIMESTAMP) * 1000;

/** A handler behind the middleware that records what reached it. */
const setUp = (now = AT_TIMESTAMP_MS, secret: string | null = SECRET) => {
  const reached: HttpEvent[] = [];
  const handler = middy<HttpEvent>()
    .use(errorHandler())
    .use(slackSignature({ signingSecret: async () => secret ?? undefined, now: () => now }))
    .handler(async (event) => {
      reached.push(event);
      return { statusCode: 200, body: 'ok' };
    });
  return { handler, reached };
};

const event = (headers: Record<string, string>, body = BODY, base64 = false) =>
  httpRequestEvent({
    method: 'POST',
    path: '/slack/commands',
    body,
    base64,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

const signed = (timestamp = TIMESTAMP, body = BODY) => ({
  'x-slack-request-timestamp': timestamp,
  'x-slack-signature': sign(timestamp, body),
});

describe('slackSignatureOf', () => {
  it('matches the example of Slack’s documentation', () => {
    // Act
    const signature = slackSignatureOf(SECRET, TIMESTAMP, Buffer.from(BODY));
    // Assert
    expect(signature).toBe(sign(TIMESTAMP, BODY));
    expect(signature).toBe(DOCUMENTED_SIGNATURE);
  });
});

describe('slackSignature', () => {
  it('lets a signed request through with the verified body as text', async () => {
    // Arrange
    const { handler, reached } = setUp();
    // Act
    const response = await handler(event(signed()), lambdaContext());
    // Assert
    expect(response.statusCode).toBe(200);
    expect(reached[0].body).toBe(BODY);
  });

  it('verifies the decoded bytes of a base64 body, as API Gateway sends form posts', async () => {
    // Arrange
    const { handler, reached } = setUp();
    const text = `${BODY}&text=${encodeURIComponent('+10 <@U2> Grüße 🎉')}`;
    // Act
    const response = await handler(event(signed(TIMESTAMP, text), text, true), lambdaContext());
    // Assert
    expect(response.statusCode).toBe(200);
    expect(reached[0]).toMatchObject({ body: text, isBase64Encoded: false });
  });

  it.each([
    ['no signature headers', {}],
    ['no timestamp', { 'x-slack-signature': sign(TIMESTAMP, BODY) }],
    [
      'a signature of another secret',
      { ...signed(), 'x-slack-signature': sign(TIMESTAMP, BODY, 'other') },
    ],
    [
      'a signature of another body',
      { ...signed(), 'x-slack-signature': sign(TIMESTAMP, `${BODY}&x=1`) },
    ],
    [
      'a signature of another timestamp',
      { ...signed(), 'x-slack-request-timestamp': '1531420619' },
    ],
    [
      'a truncated signature',
      { ...signed(), 'x-slack-signature': sign(TIMESTAMP, BODY).slice(0, 40) },
    ],
    [
      'a signature in upper case',
      { ...signed(), 'x-slack-signature': sign(TIMESTAMP, BODY).toUpperCase() },
    ],
    ['a timestamp that is no number', signed('1531420618.5')],
  ])('refuses %s with 401 before the handler', async (_, headers) => {
    // Arrange
    const { handler, reached } = setUp();
    // Act
    const response = await handler(event(headers), lambdaContext());
    // Assert
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(String(response.body))).toMatchObject({ error: { code: 'unauthorized' } });
    expect(reached).toHaveLength(0);
  });

  it('refuses a correctly signed request more than five minutes old or ahead', async () => {
    // Arrange
    const late = setUp(AT_TIMESTAMP_MS + 301_000);
    const early = setUp(AT_TIMESTAMP_MS - 301_000);
    const edge = setUp(AT_TIMESTAMP_MS + 300_000);
    // Act
    const responses = await Promise.all(
      [late, early, edge].map(({ handler }) => handler(event(signed()), lambdaContext())),
    );
    // Assert
    expect(responses.map((response) => response.statusCode)).toEqual([401, 401, 200]);
    expect(late.reached).toHaveLength(0);
    expect(early.reached).toHaveLength(0);
  });

  it('refuses everything when no signing secret is configured', async () => {
    // Arrange
    const { handler, reached } = setUp(AT_TIMESTAMP_MS, null);
    // Act
    const response = await handler(event(signed()), lambdaContext());
    // Assert
    expect(response.statusCode).toBe(401);
    expect(reached).toHaveLength(0);
  });

  it('refuses a body over 16 KB with 413', async () => {
    // Arrange
    const { handler, reached } = setUp();
    const big = `${BODY}&text=${'a'.repeat(16 * 1024)}`;
    // Act
    const response = await handler(event(signed(TIMESTAMP, big), big), lambdaContext());
    // Assert
    expect(response.statusCode).toBe(413);
    expect(reached).toHaveLength(0);
  });
});
