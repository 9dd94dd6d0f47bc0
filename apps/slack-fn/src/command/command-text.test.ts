import { MAX_TEXT_LENGTH, parseCommandText } from './command-text';

describe('parseCommandText', () => {
  it.each([
    ['+10 <@U123ABC> thanks for the demo', 'U123ABC'],
    ['+10 <@U123ABC|alex> thanks for the demo', 'U123ABC'],
    ['  +10   <@W0123ABC|alex.k>   thanks for the demo  ', 'W0123ABC'],
  ])('reads a reward from %p', (text, recipientUserId) => {
    // Act
    const command = parseCommandText(text);
    // Assert
    expect(command).toEqual({
      kind: 'give',
      points: 10,
      recipientUserId,
      message: 'thanks for the demo',
    });
  });

  it('keeps a message over several lines and turns Slack markup into what it reads', () => {
    // Act
    const command = parseCommandText(
      '+5 <@U1AB> for <@U2CD|jana> &amp; the <#C9|release> fix &lt;3\n<https://x.example/pr/7|PR 7> <!here>',
    );
    // Assert
    expect(command).toMatchObject({
      kind: 'give',
      points: 5,
      message: 'for @jana & the #release fix <3\nPR 7 @here',
    });
  });

  it('leaves a missing message empty, for the rules to refuse', () => {
    // Act
    const command = parseCommandText('+10 <@U123ABC>');
    // Assert
    expect(command).toEqual({ kind: 'give', points: 10, recipientUserId: 'U123ABC', message: '' });
  });

  it.each(['+1e3', '+-5', '+1.5', '+', '+ten', '+0x10', '+1234567'])(
    'refuses the amount %p',
    (amount) => {
      // Act
      const command = parseCommandText(`${amount} <@U123ABC> thanks`);
      // Assert
      expect(command).toEqual({
        kind: 'invalid',
        problem: 'Points are a whole number after the plus sign, like `+10`.',
      });
    },
  );

  it('passes +0 on as zero points, which the rules refuse with their own words', () => {
    // Act
    const command = parseCommandText('+0 <@U123ABC> thanks');
    // Assert
    expect(command).toMatchObject({ kind: 'give', points: 0 });
  });

  it.each(['@alex', 'alex', '<@>', '<@u123abc>', '<#C123|general>', '<@U1<@U2>>', '<!here>', ''])(
    'refuses %p as the recipient',
    (mention) => {
      // Act
      const command = parseCommandText(`+10 ${mention} thanks`.replace('  ', ' '));
      // Assert
      expect(command).toEqual({
        kind: 'invalid',
        problem: 'Name the colleague with an @-mention after the points, like `+10 @alex`.',
      });
    },
  );

  it.each([
    ['', 'help'],
    ['help', 'help'],
    ['  HELP ', 'help'],
    ['link', 'link'],
    ['Balance', 'balance'],
  ])('reads %p as %s', (text, kind) => {
    // Act
    const command = parseCommandText(text);
    // Assert
    expect(command).toEqual({ kind });
  });

  it('refuses text that is no command, saying how to give', () => {
    // Act
    const command = parseCommandText('<@U123ABC> +10 thanks');
    // Assert
    expect(command).toEqual({
      kind: 'invalid',
      problem: 'Start with the points, like `+10 @alex thanks for the demo`.',
    });
  });

  it('refuses text over Slack’s 4,000 characters', () => {
    // Act
    const command = parseCommandText(`+10 <@U123ABC> ${'a'.repeat(MAX_TEXT_LENGTH)}`);
    // Assert
    expect(command).toEqual({
      kind: 'invalid',
      problem: 'The text is 4015 characters long; at most 4000 fit.',
    });
  });
});
