/**
 * The one-time code of a Slack link (`/?code=…`, sent privately by the Slack command `link`).
 * It is taken off the address at once — it must not stay in history, and an OAuth redirect also
 * carries a `code` (always with a `state`) — and kept in this tab's `sessionStorage` until the
 * signed-in page has redeemed it, across the identity provider's redirect.
 */
type CodeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'peer-rewards.slack-link-code';

/** Keeps a Slack link code found on `href`; returns the address without it, or undefined. */
export const takeSlackLinkCode = (href: string, storage: CodeStorage): string | undefined => {
  const url = new URL(href);
  const code = url.searchParams.get('code');
  if (!code || url.searchParams.has('state') || url.searchParams.has('error')) return undefined;
  storage.setItem(KEY, code);
  url.searchParams.delete('code');
  return url.pathname + url.search + url.hash;
};

export const pendingSlackLinkCode = (storage: CodeStorage): string | undefined =>
  storage.getItem(KEY) ?? undefined;

export const clearSlackLinkCode = (storage: CodeStorage): void => storage.removeItem(KEY);
