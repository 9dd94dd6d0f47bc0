/**
 * Slack's message markup both ways: what a command's text says in plain words (for a reward's
 * message, which the dashboard shows as it is), and text made safe to post back to a channel.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** `<…>` tokens of Slack markup, and the three entities Slack escapes. */
const MARKUP = /<([^<>]*)>|&(?:amp|lt|gt);/g;

const plainToken = (inner: string): string => {
  const [target, label] = inner.split('|', 2);
  if (target.startsWith('@')) return `@${label || target.slice(1)}`;
  if (target.startsWith('#')) return `#${label || target.slice(1)}`;
  if (target.startsWith('!subteam^')) return label || '@group';
  if (target.startsWith('!date^')) return label || '';
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  return label || target.replace(/^mailto:/, '');
};

/**
 * Plain text of Slack markup: `<@U123|alex>` → `@alex`, `<@U123>` → `@U123`, `<#C1|general>` →
 * `#general`, `<!here>` → `@here`, `<https://x|a link>` → `a link`, `&lt;` → `<`.
 */
export const plainTextOf = (markup: string): string =>
  markup.replace(MARKUP, (match, inner: string | undefined) =>
    inner === undefined ? ENTITIES[match] : plainToken(inner),
  );

/** Text Slack shows as written: no mention, channel ping or link can be smuggled in. */
export const escapeForSlack = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
