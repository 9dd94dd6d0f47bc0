import { LinkCodeInvalidError, ProfileRequiredError, SlackUserLinkedError } from '../errors';
import type { SlackIdentity, SlackLink, SlackLinkRepository } from '../ports';
import { InMemoryStore } from './in-memory-repositories';

interface StoredCode {
  readonly identity: SlackIdentity;
  readonly expiresAt: string;
  used: boolean;
}

const identityKey = (identity: SlackIdentity) => `${identity.teamId}#${identity.userId}`;

/** Slack links and link codes in memory; profiles come from the shared store. */
export class InMemorySlackLinkRepository implements SlackLinkRepository {
  private readonly codes = new Map<string, StoredCode>();
  private readonly links = new Map<string, SlackLink>();

  constructor(private readonly store: InMemoryStore = new InMemoryStore()) {}

  async issueCode(code: string, identity: SlackIdentity, expiresAt: string): Promise<void> {
    if (this.codes.has(code)) throw new Error('A link code was drawn twice.');
    this.codes.set(code, { identity: { ...identity }, expiresAt, used: false });
  }

  async redeemCode(code: string, username: string, now: string): Promise<SlackLink> {
    const stored = this.codes.get(code);
    if (!stored || stored.used || Date.parse(stored.expiresAt) <= Date.parse(now)) {
      throw new LinkCodeInvalidError();
    }
    const key = identityKey(stored.identity);
    const existing = this.links.get(key);
    if (existing && existing.username !== username) throw new SlackUserLinkedError();
    if (!this.store.users.has(username)) throw new ProfileRequiredError(username);
    const link = existing ?? { ...stored.identity, username, linkedAt: now };
    stored.used = true;
    this.links.set(key, link);
    return link;
  }

  async linkOf(identity: SlackIdentity): Promise<SlackLink | null> {
    return this.links.get(identityKey(identity)) ?? null;
  }
}
