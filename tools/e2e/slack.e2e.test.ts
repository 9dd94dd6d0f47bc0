/**
 * slack-fn as Slack calls it, over the local stack's HTTP with `SLACK_SIGNING_SECRET` set: the
 * requests are signed by `tools/slack`, written apart from the function's own verification.
 */
import {
  linkIn,
  sendSlackCommand,
  slackCommandRequest,
  type SlackCommandInput,
  type SigningOptions,
} from '@peer-rewards/slack-tools';
import { startApi, type ApiClient } from './api-client';

const SECRET = `e2e-signing-secret-${Math.random().toString(36).slice(2)}`;

interface Feed {
  rewards: Array<{ from: string; to: string; points: number; message: string }>;
}

describe('Slack commands over the local stack', () => {
  let api: ApiClient;
  const previousSecret = process.env.SLACK_SIGNING_SECRET;

  const slack = (input: SlackCommandInput, signing: SigningOptions = { secret: SECRET }) =>
    sendSlackCommand(api.stack.url, slackCommandRequest(input, signing));
  /** What a forged command could have changed: the feed and alex's allowance. */
  const observable = async () => ({
    feed: (await api.request<Feed>('GET', '/rewards?limit=100', { user: 'alex' })).body.rewards,
    me: (await api.request('GET', '/users/me', { user: 'alex' })).body,
  });

  /** `link` as the Slack user, then the dashboard's call as the signed-in profile. */
  const link = async (userId: string, username: string) => {
    const answer = await slack({ userId, text: 'link' });
    const url = new URL(linkIn(answer.body.text) ?? '');
    const code = url.searchParams.get('code');
    return api.request('POST', '/slack/link', { user: username, body: { code } });
  };

  beforeAll(async () => {
    process.env.SLACK_SIGNING_SECRET = SECRET;
    api = await startApi('e2e-slack');
  });

  afterAll(async () => {
    await api?.stop();
    if (previousSecret === undefined) delete process.env.SLACK_SIGNING_SECRET;
    else process.env.SLACK_SIGNING_SECRET = previousSecret;
  });

  it('links two users with their one-time codes, once each', async () => {
    // Act
    const alex = await link('U0ALEX', 'alex');
    const markus = await link('U0MARKUS', 'markus');
    const answer = await slack({ userId: 'U0JANA', text: 'link' });
    const url = new URL(linkIn(answer.body.text) ?? '');
    const redeem = () =>
      api.request('POST', '/slack/link', {
        user: 'jana',
        body: { code: url.searchParams.get('code') },
      });
    const first = await redeem();
    const second = await redeem();
    // Assert
    expect(alex).toMatchObject({ status: 200, body: { userId: 'U0ALEX', username: 'alex' } });
    expect(markus).toMatchObject({ status: 200, body: { userId: 'U0MARKUS', username: 'markus' } });
    expect(url.origin).toBe(api.stack.url);
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ status: 410, body: { error: { code: 'link-code-invalid' } } });
  });

  it('gives a reward that shows in the feed, once for a command delivered twice', async () => {
    // Arrange
    const command = {
      userId: 'U0ALEX',
      text: '+10 <@U0MARKUS> thanks for the demo 🎉',
      triggerId: '1.2.e2e',
    };
    // Act
    const first = await slack(command);
    const again = await slack(command);
    const { feed } = await observable();
    // Assert
    expect(first).toMatchObject({
      status: 200,
      body: {
        response_type: 'in_channel',
        text: '<@U0ALEX> gave <@U0MARKUS> *+10* points: thanks for the demo 🎉',
      },
    });
    expect(again.body).toEqual(first.body);
    expect(feed.filter((reward) => reward.message === 'thanks for the demo 🎉')).toEqual([
      expect.objectContaining({ from: 'alex', to: 'markus', points: 10 }),
    ]);
  });

  it.each([
    ['a forged', { secret: 'not-the-signing-secret' }],
    ['a stale', { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['an unsigned', {}],
  ])('refuses %s command with 401 and writes nothing', async (_, signing) => {
    // Arrange
    const before = await observable();
    // Act
    const answer = await slack(
      { userId: 'U0ALEX', text: '+5 <@U0MARKUS> not from Slack' },
      signing,
    );
    // Assert
    expect(answer.status).toBe(401);
    expect(await observable()).toEqual(before);
  });

  it.each([
    ['a reward to yourself', 'U0ALEX', '+5 <@U0ALEX> me', 'You cannot give a reward to yourself.'],
    [
      'an unlinked user',
      'U0STRANGER',
      '+5 <@U0MARKUS> hello',
      'Your Slack user is not linked to a Peer Rewards profile yet. Run `/give link` first.',
    ],
    [
      'an amount over the allowance',
      'U0ALEX',
      '+95 <@U0MARKUS> everything',
      'You have 90 of your 100 points left this month; this reward needs 95.',
    ],
  ])('refuses %s privately with 200 and writes nothing', async (_, userId, text, expected) => {
    // Arrange
    const before = await observable();
    // Act
    const answer = await slack({ userId, text });
    // Assert
    expect(answer).toMatchObject({
      status: 200,
      body: { response_type: 'ephemeral', text: expected },
    });
    expect(await observable()).toEqual(before);
  });

  it('answers help privately', async () => {
    // Act
    const answer = await slack({ userId: 'U0STRANGER', text: 'help' });
    // Assert
    expect(answer.status).toBe(200);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toContain('/give +10 @alex thanks for the demo');
  });
});
