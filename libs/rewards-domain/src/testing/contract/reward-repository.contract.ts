import { useContractWorld, type ContractOptions, type MakeRepositories } from './contract-setup';
import { describeBoardCases } from './board.contract-cases';
import { describeGiveCases } from './give.contract-cases';
import { describeReadCases } from './reads.contract-cases';

/**
 * The cases every `RewardRepository` passes (with the `UserRepository` it shares a store with):
 * the allowance at its boundary, required profiles, idempotent replays, conflicts and expiry,
 * paging and filters of the feed, the order, cut and tie rule of the board and the BFF, how fresh
 * its names are, totals per period.
 */
export const describeRewardRepositoryContract = (
  name: string,
  make: MakeRepositories,
  options: ContractOptions = {},
): void => {
  describe(`${name} (RewardRepository contract)`, () => {
    const { world, timeout } = useContractWorld(make, options);
    describeGiveCases(world, timeout);
    describeReadCases(world, timeout);
    describeBoardCases(world, timeout);
  });
};
