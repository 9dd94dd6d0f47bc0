import { useMemo, useState } from 'preact/hooks';
import { createApiClient } from '../api/api-client';
import type { AppConfig } from '../auth/app-config';
import {
  beginOidcSignIn,
  clearSession,
  saveSession,
  signInLocal,
  type Session,
} from '../auth/session';
import { DashboardPage } from './dashboard-page';
import { SignInScreen } from './sign-in-screen';
import { SlackLinkNotice } from './slack-link-notice';

interface AppProps {
  config: AppConfig;
  initialSession?: Session;
  initialNotice?: string;
}

/** Signed out: the sign-in screen. Signed in: the dashboard, until sign-out or a 401. */
export const App = ({ config, initialSession, initialNotice }: AppProps) => {
  const [session, setSession] = useState<Session | undefined>(initialSession);
  const [username, setUsername] = useState<string | undefined>();
  const [notice, setNotice] = useState(initialNotice);

  const signIn = (next: Session, who?: string) => {
    saveSession(sessionStorage, next);
    setUsername(who);
    setNotice(undefined);
    setSession(next);
  };

  const signOut = (why?: string) => {
    clearSession(sessionStorage);
    setSession(undefined);
    setNotice(why);
    if (!why && config.auth.mode === 'oidc' && config.auth.logoutUrl) {
      location.assign(config.auth.logoutUrl);
    }
  };

  const api = useMemo(
    () =>
      session
        ? createApiClient({
            baseUrl: config.apiBaseUrl,
            getToken: () => session.token,
            onUnauthorized: () => signOut('Your sign-in has expired. Please sign in again.'),
          })
        : undefined,
    // signOut only closes over stable values; the client is rebuilt per session.
    [session, config.apiBaseUrl],
  );

  if (!session || !api) {
    return (
      <SignInScreen
        config={config}
        notice={notice}
        onLocalSignIn={async (name) => {
          if (config.auth.mode !== 'local') return;
          signIn(await signInLocal(config.auth, name), name);
        }}
        onOidcSignIn={async () => {
          if (config.auth.mode !== 'oidc') return;
          await beginOidcSignIn(
            config.auth,
            sessionStorage,
            (url) => location.assign(url),
            location.pathname + location.search + location.hash,
          );
        }}
      />
    );
  }

  const suggested =
    config.auth.mode === 'local' && username
      ? config.auth.users.find((user) => user.username === username)
      : undefined;

  return (
    <>
      <DashboardPage
        key={session.token}
        api={api}
        suggestedProfile={suggested}
        onSignOut={() => signOut()}
      />
      <SlackLinkNotice key={`slack-${session.token}`} api={api} />
    </>
  );
};
