import { useState } from 'preact/hooks';
import type { AppConfig } from '../auth/app-config';
import { Avatar } from './avatar';

interface SignInScreenProps {
  config: AppConfig;
  /** Why the user is here again, e.g. an expired token or a failed redirect. */
  notice?: string;
  onLocalSignIn: (username: string) => Promise<void>;
  onOidcSignIn: () => Promise<void>;
}

/** Local stack: "Sign in as" one of its demo users. AWS: one button to the identity provider. */
export const SignInScreen = ({
  config,
  notice,
  onLocalSignIn,
  onOidcSignIn,
}: SignInScreenProps) => {
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Sign-in failed.');
      setBusy(undefined);
    }
  };

  return (
    <main id="main" class="sign-in">
      <div class="card sign-in-card">
        <p class="brand brand-large" aria-hidden="true">
          🏆
        </p>
        <h1>Peer Rewards</h1>
        <p class="muted">Thank a colleague with points and a message. See who is helping whom.</p>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {config.auth.mode === 'local' ? (
          <section aria-labelledby="sign-in-as">
            <h2 id="sign-in-as" class="sign-in-heading">
              Sign in as
            </h2>
            {config.auth.users.length === 0 ? (
              <p class="muted">The local stack lists no users.</p>
            ) : (
              <ul class="sign-in-users">
                {config.auth.users.map((user) => (
                  <li key={user.username}>
                    <button
                      type="button"
                      class="user-button"
                      disabled={busy !== undefined}
                      onClick={() => run(user.username, () => onLocalSignIn(user.username))}
                    >
                      <Avatar avatar={user.avatar} name={user.displayName} />
                      <bdi class="user-button-name">{user.displayName}</bdi>
                      <span class="muted">@{user.username}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : (
          <button
            type="button"
            class="button button-primary button-wide"
            disabled={busy !== undefined}
            onClick={() => run('oidc', onOidcSignIn)}
          >
            {busy ? 'Redirecting…' : 'Sign in'}
          </button>
        )}
        <p class="field-error" role="alert">
          {error}
        </p>
      </div>
    </main>
  );
};
