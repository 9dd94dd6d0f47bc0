/** @peer-rewards/rewards-domain: the rules of peer rewards, free of I/O. */
export { DEFAULT_RULES, createRules, type RewardRules } from './rules';
export {
  AVATAR_MAX_BYTES,
  MAX_CODE_POINTS_PER_CHARACTER,
  countGraphemes,
  findHiddenCharacter,
  findOverlongCharacter,
  graphemes,
  hasControlCharacters,
  hasVisibleCharacter,
  hiddenCharacterProblem,
  isEmojiSequence,
  isSingleEmoji,
  isWellFormedText,
  utf8Length,
  type HiddenCharacter,
  type HiddenCharacterKind,
} from './text';
export {
  PERIODS,
  isoWeekKey,
  monthKey,
  periodKeyOf,
  periodKeysOf,
  type Period,
  type PeriodKeys,
} from './periods';
export {
  AllowanceExceededError,
  DependencyUnavailableError,
  DomainError,
  IdempotencyConflictError,
  InvalidCursorError,
  LinkCodeInvalidError,
  NotFoundError,
  ProfileRequiredError,
  SelfRewardError,
  SlackUserLinkedError,
  SlackUserNotLinkedError,
  ValidationError,
  type FieldProblem,
} from './errors';
export { checkInput, parseInput, problemsOf } from './validation';
export { hashSeed, pick, randomInt, seededRandom } from './random';
export {
  RESERVED_USERNAMES,
  USERNAME_PATTERN,
  avatarSchema,
  bffSchema,
  displayNameSchema,
  profileInputSchema,
  userProfileSchema,
  userSchema,
  userStatsSchema,
  usernameSchema,
  type Bff,
  type ProfileInput,
  type User,
  type UserProfile,
  type UserStats,
} from './schemas/user.schema';
export {
  giveRewardBodySchema,
  messageSchema,
  pointsSchema,
  rewardSchema,
  type GiveRewardBody,
  type Reward,
} from './schemas/reward.schema';
export {
  leaderboardEntrySchema,
  leaderboardSchema,
  periodSchema,
  type Leaderboard,
  type LeaderboardEntry,
} from './schemas/leaderboard.schema';
export {
  apiErrorBodySchema,
  feedQuerySchema,
  healthSchema,
  leaderboardQuerySchema,
  listUsersQuerySchema,
  rewardIdParamsSchema,
  rewardListSchema,
  userBatchSchema,
  userListSchema,
  usernameParamsSchema,
  type ApiErrorBody,
  type FeedQuery,
  type Health,
  type LeaderboardQuery,
  type ListUsersQuery,
  type RewardList,
  type UserBatch,
  type UserList,
} from './schemas/api.schema';
export type {
  BoardLine,
  Clock,
  FeedRequest,
  GiveRewardCommand,
  GiveRewardOutcome,
  IdGenerator,
  Page,
  PageRequest,
  PointsTally,
  ProfileWrite,
  Random,
  RewardRepository,
  SecretGenerator,
  SlackIdentity,
  SlackLink,
  SlackLinkRepository,
  UserRepository,
  UserStanding,
  UserTotals,
} from './ports';
export {
  SLACK_ID_PATTERN,
  linkCodeSchema,
  slackIdSchema,
  slackLinkBodySchema,
  slackLinkSchema,
  type SlackLinkBody,
} from './schemas/slack.schema';
export { registerProfile, type RegisterProfileDeps } from './use-cases/register-profile';
export { getUsersByName, listUsers, type GetUsersDeps } from './use-cases/get-users';
export { getProfile, type GetProfileDeps } from './use-cases/get-profile';
export { giveReward, type GiveRewardDeps, type GiveRewardInput } from './use-cases/give-reward';
export { getFeed, getReward, type GetRewardsDeps } from './use-cases/get-rewards';
export { getLeaderboard, rankTallies, type GetLeaderboardDeps } from './use-cases/get-leaderboard';
export {
  DEMO_MESSAGES,
  generateRandomRewards,
  type GenerateRandomRewardsDeps,
  type GenerateRandomRewardsInput,
  type GenerateRandomRewardsResult,
} from './use-cases/generate-random-rewards';
export {
  LINK_CODE_LIFETIME_MS,
  issueSlackLinkCode,
  linkSlackUser,
  type IssueSlackLinkCodeDeps,
  type IssuedLinkCode,
  type LinkSlackUserInput,
  type SlackLinkDeps,
} from './use-cases/slack-link';
export {
  giveRewardAsSlackUser,
  slackBalance,
  type GiveRewardAsSlackUserInput,
  type SlackBalance,
  type SlackBalanceDeps,
  type SlackRewardDeps,
} from './use-cases/slack-rewards';
