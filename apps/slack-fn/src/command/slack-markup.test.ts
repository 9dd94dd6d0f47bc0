import { escapeForSlack, plainTextOf } from './slack-markup';

describe('plainTextOf', () => {
  it.each([
    ['<@U123|alex>', '@alex'],
    ['<@U123>', '@U123'],
    ['<#C1|general>', '#general'],
    ['<#C1>', '#C1'],
    ['<!channel>', '@channel'],
    ['<!subteam^S1|@devs>', '@devs'],
    ['<!date^1392734382^{date}|Feb 18, 2014>', 'Feb 18, 2014'],
    ['<https://example.com>', 'https://example.com'],
    ['<mailto:a@example.com|a@example.com>', 'a@example.com'],
    ['1 &lt; 2 &amp;&amp; 3 &gt; 2', '1 < 2 && 3 > 2'],
    ['&amp;lt;', '&lt;'],
    ['Danke 🎉', 'Danke 🎉'],
  ])('reads %p as %p', (markup, plain) => {
    // Act / Assert
    expect(plainTextOf(markup)).toBe(plain);
  });
});

describe('escapeForSlack', () => {
  it('keeps mentions, pings and links from being made of plain text', () => {
    // Act
    const text = escapeForSlack('<!channel> & <@U1> <https://evil.example|click>');
    // Assert
    expect(text).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://evil.example|click&gt;');
  });
});
