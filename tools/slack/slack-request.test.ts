import { asSlackText, signSlackBody, slackCommandRequest } from './slack-request';

describe('signSlackBody', () => {
  it('signs Slack’s documented example exactly', () => {
    // Arrange: the example of Slack's "Verifying requests from Slack".
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    // Act
    const signature = signSlackBody('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body);
    // Assert
    expect(signature).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });
});

describe('slackCommandRequest', () => {
  it('sends the fields Slack sends, signed over the exact body', () => {
    // Act
    const request = slackCommandRequest(
      { userId: 'U0ALEX', text: '+10 <@U0MARKUS> danke & tschüss', triggerId: '1.2.3' },
      { secret: 'secret', timestamp: 1_800_000_000 },
    );
    // Assert
    const form = new URLSearchParams(request.body);
    expect(Object.fromEntries(form)).toMatchObject({
      team_id: 'T0LOCAL',
      user_id: 'U0ALEX',
      command: '/give',
      text: '+10 <@U0MARKUS> danke & tschüss',
      trigger_id: '1.2.3',
    });
    expect(request.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': '1800000000',
      'x-slack-signature': signSlackBody('secret', 1_800_000_000, request.body),
    });
  });

  it('leaves the signature out when there is no secret', () => {
    // Act
    const request = slackCommandRequest({ userId: 'U0ALEX', text: 'help' });
    // Assert
    expect(request.headers['x-slack-signature']).toBeUndefined();
  });
});

describe('asSlackText', () => {
  it('turns a typed @U… into the mention Slack sends, and leaves other words alone', () => {
    // Act / Assert
    expect(asSlackText('+10 @U0MARKUS thanks @alex, see user@U0X')).toBe(
      '+10 <@U0MARKUS> thanks @alex, see user@U0X',
    );
    expect(asSlackText('+10 @U2 thanks')).toBe('+10 <@U2> thanks');
  });
});
