/**
 * The shapes of the HTTP API, from the domain package that defines them (type-only: nothing of
 * it, zod included, reaches the browser bundle).
 */
export type {
  ApiErrorBody,
  Bff,
  Leaderboard,
  LeaderboardEntry,
  Period,
  Reward,
  RewardList,
  SlackLink,
  User,
  UserList,
  UserProfile,
} from '@peer-rewards/rewards-domain';
