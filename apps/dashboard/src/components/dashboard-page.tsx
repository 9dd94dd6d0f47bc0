import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { listAllUsers, type ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Leaderboard, Period, Reward, User, UserProfile } from '../api/api-types';
import { useNow } from '../hooks/use-now';
import { usePolling } from '../hooks/use-polling';
import {
  appendPage,
  mergeFreshPage,
  newRewards,
  prependReward,
  type FeedState,
} from '../state/feed-merge';
import { AppHeader, type SyncState } from './app-header';
import { FeedPanel } from './feed-panel';
import { GiveRewardPanel } from './give-reward-panel';
import { LeaderboardPanel } from './leaderboard-panel';
import { ProfileSetup } from './profile-setup';

/** How often the feed and the board refresh while the page is visible. */
export const POLL_INTERVAL_MS = 5_000;
const FEED_PAGE = 20;
const BOARD_SIZE = 10;
/** How long a new reward stays highlighted. */
const FRESH_MS = 6_000;

interface DashboardPageProps {
  api: ApiClient;
  /** Name and avatar to suggest on the profile form (from the local sign-in list). */
  suggestedProfile?: { displayName?: string; avatar?: string };
  onSignOut: () => void;
}

const messageOf = (error: unknown): string =>
  error instanceof ApiError ? error.message : 'Something went wrong.';

/** The signed-in page: Last rewards, Best colleagues and their BFFs, and Give a reward. */
export const DashboardPage = ({ api, suggestedProfile, onSignOut }: DashboardPageProps) => {
  const now = useNow(1_000);
  const [me, setMe] = useState<UserProfile | undefined>();
  const [profileNeeded, setProfileNeeded] = useState(false);
  const [directory, setDirectory] = useState<ReadonlyMap<string, User>>(new Map());
  const [feed, setFeed] = useState<FeedState>({ rewards: [] });
  const [feedLoaded, setFeedLoaded] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<string | undefined>();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [period, setPeriod] = useState<Period>('week');
  const [board, setBoard] = useState<Leaderboard | undefined>();
  const [sync, setSync] = useState<SyncState>({});

  const periodRef = useRef(period);
  periodRef.current = period;
  const feedRef = useRef(feed);
  feedRef.current = feed;
  const directoryRef = useRef(directory);
  directoryRef.current = directory;
  const askedFor = useRef(new Set<string>());

  const remember = useCallback((users: readonly User[]) => {
    if (users.length === 0) return;
    setDirectory((current) => {
      const next = new Map(current);
      for (const user of users) next.set(user.username, user);
      return next;
    });
  }, []);

  /** Looks up names the directory does not know yet (a colleague who joined after page load). */
  const resolveNames = useCallback(
    async (usernames: readonly string[]) => {
      const unknown = [...new Set(usernames)].filter(
        (name) => !directoryRef.current.has(name) && !askedFor.current.has(name),
      );
      if (unknown.length === 0) return;
      for (const name of unknown) askedFor.current.add(name);
      const result = await api.usersByName(unknown.slice(0, 100)).catch(() => undefined);
      if (result) remember(result.users);
    },
    [api, remember],
  );

  const highlight = useCallback((rewards: readonly Reward[]) => {
    if (rewards.length === 0) return;
    const ids = rewards.map((reward) => reward.id);
    setFresh((current) => new Set([...current, ...ids]));
    setTimeout(() => {
      setFresh((current) => new Set([...current].filter((id) => !ids.includes(id))));
    }, FRESH_MS);
  }, []);

  const announce = useCallback((rewards: readonly Reward[]) => {
    const names = directoryRef.current;
    const name = (username: string) => names.get(username)?.displayName ?? username;
    const [first] = rewards;
    if (!first) return;
    const more = rewards.length > 1 ? ` and ${rewards.length - 1} more new rewards` : '';
    setAnnouncement(`${name(first.from)} gave ${name(first.to)} ${first.points} points${more}.`);
  }, []);

  const loadMe = useCallback(async () => {
    try {
      const profile = await api.me();
      setMe(profile);
      setProfileNeeded(false);
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.code === 'profile-required' || error.status === 404)
      ) {
        setProfileNeeded(true);
        return;
      }
      throw error;
    }
  }, [api]);

  const loadBoard = useCallback(
    async (wanted: Period) => {
      const result = await api.leaderboard(wanted, BOARD_SIZE);
      // A slow answer for a period the user has already left must not replace the new one.
      if (wanted === periodRef.current) setBoard(result);
    },
    [api],
  );

  const loadFeed = useCallback(async () => {
    const page = await api.listRewards({ limit: FEED_PAGE });
    const before = feedRef.current;
    const after = mergeFreshPage(before, page);
    if (after !== before) {
      const added = newRewards(before, after);
      setFeed(after);
      // The first load is not "new": only later arrivals are highlighted and announced.
      if (before.rewards.length > 0) {
        highlight(added);
        announce(added);
      }
    }
    setFeedLoaded(true);
    void resolveNames(page.rewards.flatMap((reward) => [reward.from, reward.to]));
  }, [api, highlight, announce, resolveNames]);

  const refresh = useCallback(async () => {
    const results = await Promise.allSettled([loadFeed(), loadBoard(periodRef.current), loadMe()]);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) {
      setSync((current) => ({ ...current, error: messageOf(failure.reason) }));
    } else {
      setSync({ lastOk: Date.now() });
    }
  }, [loadFeed, loadBoard, loadMe]);

  usePolling(refresh, POLL_INTERVAL_MS);

  useEffect(() => {
    listAllUsers(api).then(remember, () => undefined);
  }, [api, remember]);

  const changePeriod = (next: Period) => {
    setPeriod(next);
    periodRef.current = next;
    loadBoard(next).catch((error: unknown) =>
      setSync((current) => ({ ...current, error: messageOf(error) })),
    );
  };

  const loadMore = async () => {
    if (!feed.nextCursor) return;
    setLoadingMore(true);
    setLoadMoreError(undefined);
    try {
      const page = await api.listRewards({ limit: FEED_PAGE, cursor: feed.nextCursor });
      setFeed((current) => appendPage(current, page));
      void resolveNames(page.rewards.flatMap((reward) => [reward.from, reward.to]));
    } catch (error) {
      setLoadMoreError(messageOf(error));
    } finally {
      setLoadingMore(false);
    }
  };

  const onGiven = (reward: Reward) => {
    setFeed((current) => prependReward(current, reward));
    highlight([reward]);
    void Promise.allSettled([loadBoard(periodRef.current), loadMe()]);
  };

  const colleagues = useMemo(
    () =>
      [...directory.values()]
        .filter((user) => user.username !== me?.username)
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [directory, me?.username],
  );

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader me={me} sync={sync} now={now} onSignOut={onSignOut} />
      <main id="main" class="layout" tabIndex={-1}>
        <h1 class="visually-hidden">Peer Rewards dashboard</h1>
        <FeedPanel
          feed={feed}
          directory={directory}
          now={now}
          loaded={feedLoaded}
          loadingMore={loadingMore}
          loadMoreError={loadMoreError}
          fresh={fresh}
          announcement={announcement}
          onLoadMore={loadMore}
        />
        <LeaderboardPanel
          period={period}
          board={board}
          me={me?.username}
          onPeriodChange={changePeriod}
        />
        {profileNeeded ? (
          <ProfileSetup
            api={api}
            suggestedName={suggestedProfile?.displayName}
            suggestedAvatar={suggestedProfile?.avatar}
            onSaved={() => {
              void loadMe();
              void listAllUsers(api).then(remember, () => undefined);
            }}
          />
        ) : (
          <GiveRewardPanel
            api={api}
            colleagues={colleagues}
            allowanceLeft={me?.stats.allowanceLeft}
            onGiven={onGiven}
          />
        )}
      </main>
    </>
  );
};
