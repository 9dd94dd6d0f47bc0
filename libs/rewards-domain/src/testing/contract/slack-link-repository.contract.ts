/// <reference types="jest" />
import { LinkCodeInvalidError, ProfileRequiredError, SlackUserLinkedError } from '../../errors';
import type { SlackIdentity, SlackLinkRepository, UserRepository } from '../../ports';
import { CONTRACT_NOW, failureOf, type ContractOptions } from './contract-setup';

/** The repositories under test: the Slack links and the profiles they point at, one store. */
export interface SlackLinkContractRepositories {
  readonly users: UserRepository;
  readonly slackLinks: SlackLinkRepository;
  readonly dispose?: () => Promise<void>;
}

export type MakeSlackLinkRepositories = () =>
  SlackLinkContractRepositories | Promise<SlackLinkContractRepositories>;

const JANA: SlackIdentity = { teamId: 'T0001', userId: 'U0JANA' };
const LATER = '2026-11-27T09:09:59.000Z';
const EXPIRES = '2026-11-27T09:10:00.000Z';
const code = (n: number) => `contract-code-${String(n).padStart(12, '0')}`;

/**
 * The cases every `SlackLinkRepository` passes: a code links once and only within its lifetime,
 * a refused redemption changes nothing, and a Slack user is never moved to another profile.
 */
export const describeSlackLinkRepositoryContract = (
  name: string,
  make: MakeSlackLinkRepositories,
  options: ContractOptions = {},
): void => {
  describe(`${name} (SlackLinkRepository contract)`, () => {
    const timeout = options.timeoutMs ?? 60_000;
    let current: SlackLinkContractRepositories | undefined;
    const repos = () => {
      if (!current) throw new Error('The repositories exist only inside a case.');
      return current;
    };
    beforeEach(async () => {
      current = await make();
      for (const username of ['jana', 'lena']) {
        await current.users.upsert({ username, displayName: username }, CONTRACT_NOW);
      }
    }, timeout);
    afterEach(async () => {
      await current?.dispose?.();
      current = undefined;
    }, timeout);

    it(
      'links the Slack user of a code to the profile that redeems it, once',
      async () => {
        // Arrange
        await repos().slackLinks.issueCode(code(1), JANA, EXPIRES, CONTRACT_NOW);
        // Act
        const link = await repos().slackLinks.redeemCode(code(1), 'jana', LATER);
        const again = await failureOf(repos().slackLinks.redeemCode(code(1), 'jana', LATER));
        // Assert
        expect(link).toEqual({ ...JANA, username: 'jana', linkedAt: LATER });
        expect(await repos().slackLinks.linkOf(JANA)).toEqual(link);
        expect(again).toBeInstanceOf(LinkCodeInvalidError);
      },
      timeout,
    );

    it(
      'refuses an expired or unknown code and links nobody',
      async () => {
        // Arrange
        await repos().slackLinks.issueCode(code(2), JANA, EXPIRES, CONTRACT_NOW);
        // Act
        const expired = await failureOf(repos().slackLinks.redeemCode(code(2), 'jana', EXPIRES));
        const unknown = await failureOf(repos().slackLinks.redeemCode(code(3), 'jana', LATER));
        // Assert
        expect(expired).toBeInstanceOf(LinkCodeInvalidError);
        expect(unknown).toBeInstanceOf(LinkCodeInvalidError);
        expect(await repos().slackLinks.linkOf(JANA)).toBeNull();
      },
      timeout,
    );

    it(
      'never moves a linked Slack user to another profile, and keeps the code for its owner',
      async () => {
        // Arrange
        await repos().slackLinks.issueCode(code(4), JANA, EXPIRES, CONTRACT_NOW);
        await repos().slackLinks.redeemCode(code(4), 'jana', CONTRACT_NOW);
        await repos().slackLinks.issueCode(code(5), JANA, EXPIRES, CONTRACT_NOW);
        // Act
        const moved = await failureOf(repos().slackLinks.redeemCode(code(5), 'lena', LATER));
        const same = await repos().slackLinks.redeemCode(code(5), 'jana', LATER);
        // Assert
        expect(moved).toBeInstanceOf(SlackUserLinkedError);
        expect(same).toEqual({ ...JANA, username: 'jana', linkedAt: CONTRACT_NOW });
        expect((await repos().slackLinks.linkOf(JANA))?.username).toBe('jana');
      },
      timeout,
    );

    it(
      'refuses to link to a profile that does not exist, leaving the code usable',
      async () => {
        // Arrange
        await repos().slackLinks.issueCode(code(6), JANA, EXPIRES, CONTRACT_NOW);
        // Act
        const failure = await failureOf(repos().slackLinks.redeemCode(code(6), 'nobody', LATER));
        const link = await repos().slackLinks.redeemCode(code(6), 'jana', LATER);
        // Assert
        expect(failure).toBeInstanceOf(ProfileRequiredError);
        expect(link.username).toBe('jana');
      },
      timeout,
    );

    it(
      'tells the same user id in two workspaces apart',
      async () => {
        // Arrange
        const elsewhere = { teamId: 'T0002', userId: JANA.userId };
        await repos().slackLinks.issueCode(code(7), JANA, EXPIRES, CONTRACT_NOW);
        // Act
        await repos().slackLinks.redeemCode(code(7), 'jana', LATER);
        // Assert
        expect(await repos().slackLinks.linkOf(elsewhere)).toBeNull();
      },
      timeout,
    );
  });
};
