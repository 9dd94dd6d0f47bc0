import type { FunctionInventory } from './lambda-inventory';
import { planPrune } from './plan-prune';

const inventory = (count: number, aliases: FunctionInventory['aliases']): FunctionInventory => ({
  functionName: 'dev-users-fn',
  versions: Array.from({ length: count }, (_, i) => ({ version: String(i + 1), codeSize: 100 })),
  aliases,
});

describe('planPrune', () => {
  it('keeps the newest N numerically (10 is newer than 9) plus alias targets', () => {
    // Arrange
    const state = inventory(11, [{ name: 'live', version: '3', additionalWeights: {} }]);

    // Act
    const plan = planPrune(state, 2);

    // Assert
    expect(plan.keep.map((k) => k.version)).toEqual(['11', '10', '3']);
    expect(plan.remove.map((r) => r.version)).toEqual(['1', '2', '4', '5', '6', '7', '8', '9']);
    expect(plan.freedBytes).toBe(800);
  });

  it('keeps the additional version of a weighted alias even when it is old', () => {
    // Arrange
    const state = inventory(8, [{ name: 'live', version: '2', additionalWeights: { '1': 0.25 } }]);

    // Act
    const plan = planPrune(state, 1);

    // Assert
    expect(plan.keep).toEqual([
      { version: '8', reasons: ['newest 1'] },
      { version: '2', reasons: ['alias live'] },
      { version: '1', reasons: ['canary of live at 25%'] },
    ]);
  });

  it('rejects a keep count below one', () => {
    // Act / Assert
    expect(() => planPrune(inventory(3, []), 0)).toThrow(RangeError);
  });
});
