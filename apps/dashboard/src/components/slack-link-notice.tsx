import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { clearSlackLinkCode, pendingSlackLinkCode } from '../auth/slack-link-code';

type LinkState =
  | { kind: 'none' }
  | { kind: 'linking' }
  | { kind: 'linked'; username: string }
  | { kind: 'failed'; message: string; canRetry: boolean };

/**
 * After sign-in, redeems the Slack link code the page was opened with (`POST /slack/link`) and
 * says how it went. A code is spent by the attempt, except when the profile does not exist yet:
 * then it is kept, to be tried again once the profile is saved.
 */
export const SlackLinkNotice = ({ api }: { api: ApiClient }) => {
  const [state, setState] = useState<LinkState>({ kind: 'none' });

  const link = useCallback(async () => {
    const code = pendingSlackLinkCode(sessionStorage);
    if (!code) return;
    setState({ kind: 'linking' });
    try {
      const { username } = await api.linkSlack(code);
      clearSlackLinkCode(sessionStorage);
      setState({ kind: 'linked', username });
    } catch (error) {
      const canRetry = error instanceof ApiError && error.code === 'profile-required';
      if (!canRetry) clearSlackLinkCode(sessionStorage);
      const message = canRetry
        ? 'Save your profile first, then link your Slack user.'
        : error instanceof ApiError
          ? error.message
          : 'Linking your Slack user failed.';
      setState({ kind: 'failed', message, canRetry });
    }
  }, [api]);

  useEffect(() => {
    void link();
  }, [link]);

  if (state.kind === 'none') return null;
  return (
    <div class="notice slack-link-notice" role="status">
      {state.kind === 'linking' && <span>Linking your Slack user…</span>}
      {state.kind === 'linked' && (
        <span>
          Your Slack user is linked to <bdi>@{state.username}</bdi>: give rewards from Slack now.
        </span>
      )}
      {state.kind === 'failed' && <span>{state.message}</span>}
      {state.kind === 'failed' && state.canRetry && (
        <button type="button" class="button" onClick={() => void link()}>
          Link Slack
        </button>
      )}
      {state.kind !== 'linking' && (
        <button
          type="button"
          class="button"
          aria-label="Dismiss"
          onClick={() => setState({ kind: 'none' })}
        >
          ×
        </button>
      )}
    </div>
  );
};
