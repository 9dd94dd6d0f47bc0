import { plainTextOf } from './slack-markup';

/** Longest command text accepted: Slack's limit for a message's text. */
export const MAX_TEXT_LENGTH = 4000;

export type ParsedCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'link' }
  | { readonly kind: 'balance' }
  | {
      readonly kind: 'give';
      readonly points: number;
      readonly recipientUserId: string;
      /** In plain text: mentions, channels and links as they read. */
      readonly message: string;
    }
  | { readonly kind: 'invalid'; readonly problem: string };

const GIVE = /^\+(\S*)(?:\s+(\S+))?(?:\s+([\s\S]*))?$/;
/** A user mention as Slack escapes it: `<@U123ABC>` or `<@U123ABC|alex>`. */
const MENTION = /^<@([A-Z0-9]{2,32})(?:\|[^<>|]*)?>$/;

const invalid = (problem: string): ParsedCommand => ({ kind: 'invalid', problem });

/**
 * The text after the command's name: `+<points> @someone [message]`, `link`, `balance` or
 * `help` (also the empty text). Anything else is `invalid` with a sentence saying why; the
 * amount is checked only for its form here, its range by the rules of a reward.
 */
export const parseCommandText = (text: string): ParsedCommand => {
  if (text.length > MAX_TEXT_LENGTH) {
    return invalid(`The text is ${text.length} characters long; at most ${MAX_TEXT_LENGTH} fit.`);
  }
  const trimmed = text.trim();
  const word = trimmed.toLowerCase();
  if (word === '' || word === 'help') return { kind: 'help' };
  if (word === 'link') return { kind: 'link' };
  if (word === 'balance') return { kind: 'balance' };
  const give = GIVE.exec(trimmed);
  if (!give) return invalid('Start with the points, like `+10 @alex thanks for the demo`.');
  const [, amount, mention = '', message = ''] = give;
  if (!/^\d{1,6}$/.test(amount)) {
    return invalid('Points are a whole number after the plus sign, like `+10`.');
  }
  const recipient = MENTION.exec(mention);
  if (!recipient) {
    return invalid('Name the colleague with an @-mention after the points, like `+10 @alex`.');
  }
  return {
    kind: 'give',
    points: Number(amount),
    recipientUserId: recipient[1],
    message: plainTextOf(message).trim(),
  };
};
