import { SlackUserNotLinkedError, ValidationError } from '../errors';
import { monthKey } from '../periods';
import type { GiveRewardOutcome, SlackIdentity, SlackLinkRepository } from '../ports';
import { giveReward, type GiveRewardDeps } from './give-reward';
import { parseSlackIdentity } from './slack-link';

export interface SlackRewardDeps extends GiveRewardDeps {
  readonly slackLinks: SlackLinkRepository;
}

export interface GiveRewardAsSlackUserInput {
  readonly giver: SlackIdentity;
  /** The recipient's Slack user id, in the giver's workspace. */
  readonly recipientUserId: string;
  readonly points: unknown;
  readonly message: unknown;
  /** Slack's id of this delivery of the command (`trigger_id`): the same on a redelivery. */
  readonly deliveryId: string;
}

const DELIVERY_ID = /^[\x21-\x7e]{1,90}$/;

/** The profile behind a Slack user, or `SlackUserNotLinkedError`. */
const linkedUsername = async (
  links: SlackLinkRepository,
  identity: SlackIdentity,
  role: 'caller' | 'recipient',
): Promise<string> => {
  const link = await links.linkOf(identity);
  if (!link) throw new SlackUserNotLinkedError(identity.userId, role);
  return link.username;
};

/**
 * Gives a reward from one Slack user to another with the rules of `POST /rewards`.
 * 1. check the ids and find both linked profiles at once (an unlinked caller hears it first);
 * 2. give through `giveReward`, keyed `slack:<team>:<delivery>` for the giver, so a command
 *    Slack delivers twice gives once.
 */
export const giveRewardAsSlackUser = (deps: SlackRewardDeps) => {
  const give = giveReward(deps);
  return async (input: GiveRewardAsSlackUserInput): Promise<GiveRewardOutcome> => {
    const giver = parseSlackIdentity(input.giver);
    const recipient = parseSlackIdentity({ teamId: giver.teamId, userId: input.recipientUserId });
    if (!DELIVERY_ID.test(input.deliveryId)) {
      const message = 'must be 1-90 printable ASCII characters';
      throw new ValidationError(`The trigger_id ${message}.`, [{ path: 'trigger_id', message }]);
    }
    const [from, to] = await Promise.all([
      linkedUsername(deps.slackLinks, giver, 'caller'),
      linkedUsername(deps.slackLinks, recipient, 'recipient').catch((error: unknown) => error),
    ]);
    if (typeof to !== 'string') throw to;
    return give({
      giver: from,
      body: { to, points: input.points, message: input.message },
      idempotencyKey: `slack:${giver.teamId}:${input.deliveryId}`,
    });
  };
};

export interface SlackBalanceDeps {
  readonly slackLinks: SlackLinkRepository;
  readonly rewards: GiveRewardDeps['rewards'];
  readonly clock: GiveRewardDeps['clock'];
  readonly rules: GiveRewardDeps['rules'];
}

export interface SlackBalance {
  readonly username: string;
  readonly left: number;
  readonly allowance: number;
}

/**
 * The points a linked Slack user has left to give this UTC month.
 * 1. find the linked profile; 2. subtract the month's spend from the allowance.
 */
export const slackBalance =
  (deps: SlackBalanceDeps) =>
  async (input: SlackIdentity): Promise<SlackBalance> => {
    const identity = parseSlackIdentity(input);
    const username = await linkedUsername(deps.slackLinks, identity, 'caller');
    const spent = await deps.rewards.spent(username, monthKey(deps.clock.now()));
    const allowance = deps.rules.monthlyAllowance;
    return { username, left: Math.max(0, allowance - spent), allowance };
  };
