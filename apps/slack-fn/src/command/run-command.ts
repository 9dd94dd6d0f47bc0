import type {
  GiveRewardAsSlackUserInput,
  GiveRewardOutcome,
  IssuedLinkCode,
  SlackBalance,
  SlackIdentity,
} from '@peer-rewards/rewards-domain';
import type { CommandForm } from './command-form';
import { parseCommandText } from './command-text';
import {
  balanceReply,
  givenReply,
  helpReply,
  invalidReply,
  linkReply,
  refusalReply,
  type SlackReply,
} from './replies';

export interface CommandDeps {
  readonly give: (input: GiveRewardAsSlackUserInput) => Promise<GiveRewardOutcome>;
  readonly issueLinkCode: (identity: SlackIdentity) => Promise<IssuedLinkCode>;
  readonly balance: (identity: SlackIdentity) => Promise<SlackBalance>;
  /** The dashboard's address; the link page is this with `?code=`. */
  readonly dashboardUrl: string;
}

const linkUrlOf = (dashboardUrl: string, code: string): string => {
  const url = new URL(dashboardUrl);
  url.searchParams.set('code', code);
  return url.toString();
};

/**
 * Answers one verified slash command. Every refusal is a private answer and writes nothing;
 * only an outage or a failure of ours is thrown, to become a 5xx.
 */
export const runCommand =
  (deps: CommandDeps) =>
  async (form: CommandForm): Promise<SlackReply> => {
    const identity = { teamId: form.teamId, userId: form.userId };
    const command = parseCommandText(form.text);
    try {
      switch (command.kind) {
        case 'help':
          return helpReply(form.command);
        case 'invalid':
          return invalidReply(command.problem, form.command);
        case 'link': {
          const issued = await deps.issueLinkCode(identity);
          return linkReply(linkUrlOf(deps.dashboardUrl, issued.code), issued.linkedTo);
        }
        case 'balance':
          return balanceReply(await deps.balance(identity));
        case 'give': {
          const { reward } = await deps.give({
            giver: identity,
            recipientUserId: command.recipientUserId,
            points: command.points,
            message: command.message,
            deliveryId: form.triggerId,
          });
          return givenReply(form.userId, command.recipientUserId, reward);
        }
      }
    } catch (error) {
      const reply = refusalReply(error, form.command);
      if (reply) return reply;
      throw error;
    }
  };
