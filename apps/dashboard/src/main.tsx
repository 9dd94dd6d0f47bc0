import { render } from 'preact';
import { ConfigError, parseAppConfig, type AppConfig } from './auth/app-config';
import { completeOidcSignIn, loadSession, saveSession, type Session } from './auth/session';
import { takeSlackLinkCode } from './auth/slack-link-code';
import { App } from './components/app';
import './styles.css';

const showFatal = (root: HTMLElement, message: string) => {
  render(
    <main id="main" class="sign-in">
      <div class="card sign-in-card" role="alert">
        <h1>Peer Rewards cannot start</h1>
        <p>{message}</p>
      </div>
    </main>,
    root,
  );
};

const loadConfig = async (): Promise<AppConfig> => {
  const response = await fetch('config.json', { cache: 'no-store' }).catch(() => undefined);
  if (!response?.ok) {
    throw new ConfigError(
      `config.json could not be loaded (${response?.status ?? 'network error'}).`,
    );
  }
  return parseAppConfig(await response.json().catch(() => undefined));
};

const start = async (root: HTMLElement) => {
  let config: AppConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    showFatal(root, error instanceof Error ? error.message : String(error));
    return;
  }
  // A Slack link code is kept for after sign-in and taken off the address before the sign-in
  // looks at it: the provider's redirect carries a `code` of its own.
  const withoutLinkCode = takeSlackLinkCode(location.href, sessionStorage);
  if (withoutLinkCode) history.replaceState(history.state, '', withoutLinkCode);
  let session: Session | undefined;
  let notice: string | undefined;
  if (config.auth.mode === 'oidc') {
    try {
      session = await completeOidcSignIn(config.auth, sessionStorage, location.href, (url) =>
        history.replaceState(history.state, '', url),
      );
      if (session) saveSession(sessionStorage, session);
    } catch (error) {
      notice = error instanceof Error ? error.message : 'Sign-in failed.';
    }
  }
  session ??= loadSession(sessionStorage);
  render(<App config={config} initialSession={session} initialNotice={notice} />, root);
};

const root = document.getElementById('app');
if (root) void start(root);
