import { functionUnderTest } from '@peer-rewards/function-runtime/testing';
import { httpRequest, type HttpRequestSpec } from '@peer-rewards/http-kit/testing';
import { slackSignatureOf } from './signature/slack-signature.middleware';

const SECRET = 'handler-test-signing-secret';
const TEAM = 'T0TEAM';
const DASHBOARD = 'https://rewards.example.com/';

interface Send {
  readonly user?: string;
  readonly text: string;
  readonly trigger?: string;
  readonly fields?: Record<string, string>;
  /** Seconds the request is signed before now. */
  readonly age?: number;
  readonly secret?: string;
  readonly base64?: boolean;
}

let deliveries = 0;

/** A slash command as Slack posts it: form-encoded, signed with the app's secret. */
const command = (send: Send): HttpRequestSpec => {
  deliveries += 1;
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM,
    team_domain: 'peers',
    channel_id: 'C0GENERAL',
    user_id: send.user ?? 'U0ALEX',
    user_name: 'someone',
    command: '/give',
    text: send.text,
    response_url: 'https://hooks.slack.com/commands/T0TEAM/1/abc',
    trigger_id: send.trigger ?? `trigger.${deliveries}.${Date.now()}`,
    ...send.fields,
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000) - (send.age ?? 0));
  return {
    method: 'POST',
    path: '/slack/commands',
    body,
    base64: send.base64 ?? true,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignatureOf(send.secret ?? SECRET, timestamp, Buffer.from(body)),
    },
  };
};

interface Reply {
  response_type: string;
  text: string;
}

describe('slack-fn handler', () => {
  const fn = functionUnderTest('slack-fn', () => import('./index'), {
    env: { SLACK_SIGNING_SECRET: SECRET, DASHBOARD_URL: DASHBOARD, MONTHLY_ALLOWANCE: '100' },
    profiles: ['alex', 'markus', 'jana'],
  });

  const say = async (send: Send) => {
    const response = await fn.call(command(send));
    return { status: response.statusCode, ...(response.body as Reply) };
  };

  /** Runs `link` as the Slack user and redeems the code as the profile. */
  const link = async (slackUser: string, username: string) => {
    const reply = await say({ user: slackUser, text: 'link' });
    const code = new URL(/<([^|>]+)\|/.exec(reply.text)?.[1] ?? DASHBOARD).searchParams.get('code');
    return fn.call(httpRequest('POST /slack/link', { user: username, body: { code } }));
  };

  const feed = async () => (await fn.rewards().feed({ limit: 50 })).items;

  beforeAll(async () => {
    await link('U0ALEX', 'alex');
    await link('U0MARKUS', 'markus');
  });

  it('answers help privately, with the command’s own name', async () => {
    // Act
    const reply = await say({ text: 'help' });
    // Assert
    expect(reply).toMatchObject({ status: 200, response_type: 'ephemeral' });
    expect(reply.text).toContain('`/give +10 @alex thanks for the demo`');
  });

  it('links a Slack user with a one-time code to the dashboard', async () => {
    // Act
    const reply = await say({ user: 'U0JANA', text: 'link' });
    const url = new URL(/<([^|>]+)\|/.exec(reply.text)?.[1] ?? '');
    const code = url.searchParams.get('code');
    const linked = await fn.call(httpRequest('POST /slack/link', { user: 'jana', body: { code } }));
    const again = await fn.call(httpRequest('POST /slack/link', { user: 'jana', body: { code } }));
    const balance = await say({ user: 'U0JANA', text: 'balance' });
    // Assert
    expect(reply.response_type).toBe('ephemeral');
    expect(url.origin + url.pathname).toBe(DASHBOARD);
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(linked).toMatchObject({
      statusCode: 200,
      body: { teamId: TEAM, userId: 'U0JANA', username: 'jana' },
    });
    expect(again).toMatchObject({
      statusCode: 410,
      body: { error: { code: 'link-code-invalid' } },
    });
    expect(balance.text).toBe('You have *100* of your 100 points left this month (@jana).');
  });

  it('never moves a linked Slack user to another profile', async () => {
    // Act
    const response = await link('U0ALEX', 'jana');
    // Assert
    expect(response).toMatchObject({
      statusCode: 409,
      body: { error: { code: 'slack-user-linked' } },
    });
  });

  it('refuses to link without a token or a well-formed code', async () => {
    // Act
    const anonymous = await fn.call(
      httpRequest('POST /slack/link', { body: { code: 'x'.repeat(43) } }),
    );
    const malformed = await fn.call(
      httpRequest('POST /slack/link', { user: 'alex', body: { code: 'short' } }),
    );
    const unknown = await fn.call(
      httpRequest('POST /slack/link', { user: 'alex', body: { code: 'x'.repeat(43) } }),
    );
    // Assert
    expect(anonymous.statusCode).toBe(401);
    expect(malformed).toMatchObject({
      statusCode: 400,
      body: { error: { code: 'validation-failed' } },
    });
    expect(unknown.statusCode).toBe(410);
  });

  it('gives a reward, announced in the channel, once per delivery', async () => {
    // Arrange
    const send = {
      text: '+10 <@U0MARKUS|markus> for the <#C1|release> &amp; the demo 🎉',
      trigger: 'once.1',
    };
    // Act
    const first = await say(send);
    const redelivered = await say({ ...send, base64: false });
    // Assert
    expect(first).toEqual({
      status: 200,
      response_type: 'in_channel',
      text: '<@U0ALEX> gave <@U0MARKUS> *+10* points: for the #release &amp; the demo 🎉',
    });
    expect(redelivered).toEqual(first);
    const given = (await feed()).filter((reward) => reward.message.includes('#release'));
    expect(given).toEqual([
      expect.objectContaining({
        from: 'alex',
        to: 'markus',
        points: 10,
        message: 'for the #release & the demo 🎉',
      }),
    ]);
  });

  it.each([
    [
      'no signature',
      (spec: HttpRequestSpec) => ({
        ...spec,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ],
    [
      'a forged signature',
      (spec: HttpRequestSpec) => ({
        ...spec,
        headers: { ...spec.headers, 'x-slack-signature': `v0=${'0'.repeat(64)}` },
      }),
    ],
  ])('refuses a command with %s: 401 and nothing written', async (_, tamper) => {
    // Arrange
    const before = await feed();
    // Act
    const response = await fn.call(tamper(command({ text: '+5 <@U0MARKUS> forged' })));
    // Assert
    expect(response.statusCode).toBe(401);
    expect(await feed()).toEqual(before);
  });

  it('refuses stale requests and those signed with another secret: 401, nothing written', async () => {
    // Arrange
    const before = await feed();
    // Act
    const stale = await say({ text: '+5 <@U0MARKUS> stale', age: 6 * 60 });
    const otherSecret = await say({ text: '+5 <@U0MARKUS> wrong secret', secret: 'not-ours' });
    // Assert
    expect([stale.status, otherSecret.status]).toEqual([401, 401]);
    expect(await feed()).toEqual(before);
  });

  it.each([
    ['self-reward', { text: '+5 <@U0ALEX> me' }, 'You cannot give a reward to yourself.'],
    [
      'an unlinked caller',
      { user: 'U0NEW', text: '+5 <@U0MARKUS> hi' },
      'Your Slack user is not linked to a Peer Rewards profile yet. Run `/give link` first.',
    ],
    [
      'an unlinked recipient',
      { text: '+5 <@U0NOBODY> hi' },
      '<@U0NOBODY> has not linked a Peer Rewards profile yet; ask them to run `/give link`.',
    ],
    ['+0', { text: '+0 <@U0MARKUS> zero' }, 'That did not work: The points must be at least 1.'],
    [
      '+1e3',
      { text: '+1e3 <@U0MARKUS> lots' },
      'Points are a whole number after the plus sign, like `+10`. `/give help` shows what works.',
    ],
    [
      '+-5',
      { text: '+-5 <@U0MARKUS> minus' },
      'Points are a whole number after the plus sign, like `+10`. `/give help` shows what works.',
    ],
    [
      'an empty message',
      { text: '+5 <@U0MARKUS>' },
      'That did not work: The message must not be empty.',
    ],
    [
      'a garbage mention',
      { text: '+5 @markus hi' },
      'Name the colleague with an @-mention after the points, like `+10 @alex`. `/give help` shows what works.',
    ],
    [
      'text over the limit',
      { text: `+5 <@U0MARKUS> ${'a'.repeat(4000)}` },
      'The text is 4015 characters long; at most 4000 fit. `/give help` shows what works.',
    ],
    [
      'a missing user_id',
      { text: '+5 <@U0MARKUS> hi', fields: { user_id: '' } },
      "That did not work: Slack's user_id is required.",
    ],
  ])('refuses %s privately with 200 and writes nothing', async (_, send, text) => {
    // Arrange
    const before = await feed();
    // Act
    const reply = await say(send);
    // Assert
    expect(reply).toEqual({ status: 200, response_type: 'ephemeral', text });
    expect(await feed()).toEqual(before);
  });

  it('refuses a reward over the allowance, saying what is left', async () => {
    // Arrange
    await say({ user: 'U0MARKUS', text: '+95 <@U0ALEX> big thanks' });
    // Act
    const reply = await say({ user: 'U0MARKUS', text: '+10 <@U0ALEX> more' });
    // Assert
    expect(reply).toEqual({
      status: 200,
      response_type: 'ephemeral',
      text: 'You have 5 of your 100 points left this month; this reward needs 10.',
    });
    expect(await fn.rewards().spent('markus', new Date().toISOString().slice(0, 7))).toBe(95);
  });

  it('answers other methods with 405 and counts every answer in the metric contract', async () => {
    // Act
    const response = await fn.call(httpRequest('GET /slack/commands'));
    // Assert
    expect(response).toMatchObject({ statusCode: 405, headers: { Allow: 'POST' } });
    const records = fn.metrics();
    expect(records.length).toBeGreaterThan(10);
    expect(records.at(-1)).toMatchObject({
      dimensions: { FunctionName: 'slack-fn' },
      metrics: { Requests: 1, ServerErrors: 0 },
    });
  });
});
