/** @peer-rewards/slack-tools: slash commands as Slack sends them, signed. */
export {
  LOCAL_TEAM_ID,
  asSlackText,
  linkIn,
  newTriggerId,
  sendSlackCommand,
  signSlackBody,
  slackCommandRequest,
  type SigningOptions,
  type SlackAnswer,
  type SlackCommandInput,
  type SlackRequest,
} from './slack-request';
