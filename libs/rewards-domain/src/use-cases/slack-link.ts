import type {
  Clock,
  SecretGenerator,
  SlackIdentity,
  SlackLink,
  SlackLinkRepository,
} from '../ports';
import { slackIdSchema, slackLinkBodySchema } from '../schemas/slack.schema';
import { usernameSchema } from '../schemas/user.schema';
import { parseInput } from '../validation';

/** How long a link code can be redeemed after it was issued. */
export const LINK_CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface SlackLinkDeps {
  readonly slackLinks: SlackLinkRepository;
  readonly clock: Clock;
}

export interface IssueSlackLinkCodeDeps extends SlackLinkDeps {
  readonly secrets: SecretGenerator;
}

export interface IssuedLinkCode {
  readonly code: string;
  readonly expiresAt: string;
  /** The profile the Slack user is linked to already, if any. */
  readonly linkedTo?: string;
}

/** The Slack ids, checked: they become parts of keys. */
export const parseSlackIdentity = (identity: SlackIdentity): SlackIdentity => ({
  teamId: parseInput(slackIdSchema, identity.teamId, 'team_id'),
  userId: parseInput(slackIdSchema, identity.userId, 'user_id'),
});

/**
 * Issues the one-time code that links a Slack user to the profile of whoever redeems it.
 * 1. check the Slack ids;
 * 2. draw an unguessable code and store it, valid for 10 minutes;
 * 3. say which profile the Slack user is linked to already, if any.
 */
export const issueSlackLinkCode =
  (deps: IssueSlackLinkCodeDeps) =>
  async (input: SlackIdentity): Promise<IssuedLinkCode> => {
    const identity = parseSlackIdentity(input);
    const now = deps.clock.now();
    const code = deps.secrets.next();
    const expiresAt = new Date(now.getTime() + LINK_CODE_LIFETIME_MS).toISOString();
    const [existing] = await Promise.all([
      deps.slackLinks.linkOf(identity),
      deps.slackLinks.issueCode(code, identity, expiresAt, now.toISOString()),
    ]);
    return { code, expiresAt, ...(existing ? { linkedTo: existing.username } : {}) };
  };

export interface LinkSlackUserInput {
  /** The caller, from the verified token. */
  readonly caller: string;
  /** `{ code }` */
  readonly body: unknown;
}

/**
 * Links the Slack user a code was issued to with the caller's profile.
 * 1. check the caller and the body;
 * 2. spend the code and write the link in one conditional write: a code links once, within its
 *    lifetime, and never moves a Slack user away from another profile.
 */
export const linkSlackUser =
  (deps: SlackLinkDeps) =>
  async (input: LinkSlackUserInput): Promise<SlackLink> => {
    const caller = parseInput(usernameSchema, input.caller, 'token.username');
    const { code } = parseInput(slackLinkBodySchema, input.body);
    return deps.slackLinks.redeemCode(code, caller, deps.clock.now().toISOString());
  };
