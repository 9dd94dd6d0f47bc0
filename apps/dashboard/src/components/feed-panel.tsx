import type { Reward, User } from '../api/api-types';
import { relativeTime } from '../format/relative-time';
import type { FeedState } from '../state/feed-merge';
import { Avatar } from './avatar';
import { PersonName } from './person-name';

interface FeedPanelProps {
  feed: FeedState;
  directory: ReadonlyMap<string, User>;
  now: number;
  loaded: boolean;
  loadingMore: boolean;
  loadMoreError?: string;
  /** Ids of rewards that just arrived, highlighted for a moment. */
  fresh: ReadonlySet<string>;
  /** Text for the polite live region ("Alex gave Sam 10 points"). */
  announcement: string;
  onLoadMore: () => void;
}

const nameOf = (directory: ReadonlyMap<string, User>, username: string) =>
  directory.get(username)?.displayName ?? username;

const RewardCard = ({
  reward,
  directory,
  now,
  isFresh,
}: {
  reward: Reward;
  directory: ReadonlyMap<string, User>;
  now: number;
  isFresh: boolean;
}) => {
  const from = nameOf(directory, reward.from);
  const to = nameOf(directory, reward.to);
  return (
    <li class={`reward${isFresh ? ' reward-fresh' : ''}`}>
      <article aria-label={`${from} gave ${to} ${reward.points} points`}>
        <span class="reward-avatars" aria-hidden="true">
          <Avatar avatar={directory.get(reward.from)?.avatar} name={from} />
          <Avatar avatar={directory.get(reward.to)?.avatar} name={to} size="sm" />
        </span>
        <div class="reward-body">
          <div class="reward-line">
            <p class="reward-people">
              <PersonName displayName={from} username={reward.from} strong />
              <span class="reward-arrow"> → </span>
              <PersonName displayName={to} username={reward.to} strong />
            </p>
            <span class="points-badge">+{reward.points}</span>
          </div>
          {/* Rendered as text: a message can never inject markup. */}
          <p class="reward-message">
            <bdi>{reward.message}</bdi>
          </p>
          <time class="reward-time muted" dateTime={reward.createdAt} title={reward.createdAt}>
            {relativeTime(reward.createdAt, now)}
          </time>
        </div>
      </article>
    </li>
  );
};

/** "Last rewards": the feed, newest first, with "Load more" for older pages. */
export const FeedPanel = (props: FeedPanelProps) => {
  const { feed, directory, now, loaded } = props;
  return (
    <section class="panel panel-feed" aria-labelledby="feed-heading">
      <header class="panel-header">
        <h2 id="feed-heading">Last rewards</h2>
      </header>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {props.announcement}
      </p>
      {!loaded ? (
        <p class="muted placeholder">Loading rewards…</p>
      ) : feed.rewards.length === 0 ? (
        <p class="muted placeholder">No rewards yet. Be the first to thank someone! 🎉</p>
      ) : (
        <ol class="reward-list" aria-label="Rewards, newest first">
          {feed.rewards.map((reward) => (
            <RewardCard
              key={reward.id}
              reward={reward}
              directory={directory}
              now={now}
              isFresh={props.fresh.has(reward.id)}
            />
          ))}
        </ol>
      )}
      {feed.nextCursor && (
        <div class="panel-footer">
          <button
            type="button"
            class="button"
            onClick={props.onLoadMore}
            disabled={props.loadingMore}
          >
            {props.loadingMore ? 'Loading…' : 'Load more'}
          </button>
          {props.loadMoreError && <p class="field-error">{props.loadMoreError}</p>}
        </div>
      )}
    </section>
  );
};
