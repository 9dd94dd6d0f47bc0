import type { UserProfile } from '../api/api-types';
import { agoShort } from '../format/relative-time';
import { Avatar } from './avatar';

export interface SyncState {
  /** Epoch ms of the last successful refresh. */
  lastOk?: number;
  /** Why the last refresh failed, while it keeps failing. */
  error?: string;
}

interface AppHeaderProps {
  me?: UserProfile;
  sync: SyncState;
  now: number;
  onSignOut: () => void;
}

/** Brand, live status ("updated 3 s ago" or why not), the signed-in user and sign-out. */
export const AppHeader = ({ me, sync, now, onSignOut }: AppHeaderProps) => (
  <header class="app-header">
    <div class="app-header-inner">
      <p class="brand">
        <span aria-hidden="true">🏆</span> Peer Rewards
      </p>
      {/* The ticking text is not live (it would be read out every second); outages are. */}
      <p class="visually-hidden" aria-live="polite">
        {sync.error ? `Cannot reach the service: ${sync.error}` : ''}
      </p>
      <p class={`sync${sync.error ? ' sync-error' : ''}`}>
        <span class="sync-dot" aria-hidden="true" />
        {sync.error
          ? `Offline — ${sync.error}${sync.lastOk ? ` Last updated ${agoShort(sync.lastOk, now)}.` : ''}`
          : sync.lastOk
            ? `Live · updated ${agoShort(sync.lastOk, now)}`
            : 'Connecting…'}
      </p>
      <div class="me">
        {me && (
          <>
            <Avatar avatar={me.avatar} name={me.displayName} size="sm" />
            <bdi class="me-name">{me.displayName}</bdi>
            {me.stats.allowanceLeft !== undefined && (
              <span class="chip" title="Points you can still give this month">
                {me.stats.allowanceLeft} pts left
              </span>
            )}
          </>
        )}
        <button type="button" class="button button-quiet" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </div>
  </header>
);
