import {
  DependencyUnavailableError,
  DomainError,
  SlackUserNotLinkedError,
  type FieldProblem,
  type Reward,
  type SlackBalance,
} from '@peer-rewards/rewards-domain';
import { escapeForSlack } from './slack-markup';

/** A slash command's answer: visible to the caller only, or posted to the channel. */
export interface SlackReply {
  readonly response_type: 'ephemeral' | 'in_channel';
  readonly text: string;
}

const privately = (text: string): SlackReply => ({ response_type: 'ephemeral', text });

export const helpReply = (command: string): SlackReply =>
  privately(
    [
      '*Peer Rewards* — give a colleague points with a message:',
      `• \`${command} +10 @alex thanks for the demo\` gives 10 points to @alex`,
      `• \`${command} balance\` shows the points you have left this month`,
      `• \`${command} link\` links your Slack user to your Peer Rewards profile (once)`,
      `• \`${command} help\` shows this`,
    ].join('\n'),
  );

export const linkReply = (url: string, linkedTo: string | undefined): SlackReply =>
  privately(
    [
      linkedTo
        ? `You are linked to the profile *@${escapeForSlack(linkedTo)}* already; a Slack user stays with the profile it was linked to.`
        : 'Link your Slack user to your Peer Rewards profile:',
      `<${url}|Open Peer Rewards and sign in> — the link works once, within 10 minutes. Do not share it.`,
    ].join('\n'),
  );

export const balanceReply = (balance: SlackBalance): SlackReply =>
  privately(
    `You have *${balance.left}* of your ${balance.allowance} points left this month (@${escapeForSlack(balance.username)}).`,
  );

/** Posted to the channel: both people by mention, the points and the message. */
export const givenReply = (giverUserId: string, recipientUserId: string, reward: Reward) => ({
  response_type: 'in_channel' as const,
  text: `<@${giverUserId}> gave <@${recipientUserId}> *+${reward.points}* ${reward.points === 1 ? 'point' : 'points'}: ${escapeForSlack(reward.message)}`,
});

const FIELD_NAMES: Readonly<Record<string, string>> = {
  points: 'The points',
  message: 'The message',
  user_id: "Slack's user_id",
  team_id: "Slack's team_id",
  trigger_id: "Slack's trigger_id",
};

const describeProblem = (problem: FieldProblem): string =>
  `${FIELD_NAMES[problem.path] ?? problem.path} ${problem.message}`;

/**
 * The private answer to a refused command (nothing was written), or undefined for an outage
 * or a failure of ours, which stay server errors.
 */
export const refusalReply = (error: unknown, command: string): SlackReply | undefined => {
  if (error instanceof SlackUserNotLinkedError) {
    return privately(
      error.role === 'caller'
        ? `Your Slack user is not linked to a Peer Rewards profile yet. Run \`${command} link\` first.`
        : `<@${error.userId}> has not linked a Peer Rewards profile yet; ask them to run \`${command} link\`.`,
    );
  }
  if (error instanceof DependencyUnavailableError || !(error instanceof DomainError)) {
    return undefined;
  }
  if (error.code === 'validation-failed' && error.details?.length) {
    return privately(`That did not work: ${error.details.map(describeProblem).join('; ')}.`);
  }
  return privately(escapeForSlack(error.message));
};

/** The private answer to text that is no command. */
export const invalidReply = (problem: string, command: string): SlackReply =>
  privately(`${problem} \`${command} help\` shows what works.`);
