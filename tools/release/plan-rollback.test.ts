import type { AliasState, FunctionInventory } from './lambda-inventory';
import { describeRollback, planRollback } from './plan-rollback';

const inventory = (versions: string[], live?: Partial<AliasState>): FunctionInventory => ({
  functionName: 'prod-rewards-fn',
  versions: versions.map((version) => ({ version, codeSize: 1 })),
  aliases: live ? [{ name: 'live', version: '1', additionalWeights: {}, ...live }] : [],
});

describe('planRollback', () => {
  it('picks the last version recorded as fully live, not the next lower number', () => {
    // Arrange: 11 failed its canary (never recorded); 9 and then 12 were fully live.
    const state = inventory(['2', '9', '10', '11', '12'], { version: '12' });

    // Act
    const decision = planRollback({ inventory: state, alias: 'live', history: ['2', '9', '12'] });

    // Assert
    expect(decision).toEqual({ ok: true, plan: expect.objectContaining({ from: '12', to: '9' }) });
  });

  it('skips a recorded version that has been pruned since', () => {
    // Arrange
    const state = inventory(['5', '7'], { version: '7' });

    // Act
    const decision = planRollback({ inventory: state, alias: 'live', history: ['5', '6', '7'] });

    // Assert
    expect(decision).toEqual({ ok: true, plan: expect.objectContaining({ to: '5' }) });
  });

  it('refuses when no other version was recorded as fully live', () => {
    // Arrange: 3 is published but never went fully live.
    const state = inventory(['3', '4'], { version: '4' });

    // Act
    const decision = planRollback({ inventory: state, alias: 'live', history: ['4'] });

    // Assert
    expect(decision).toEqual({
      ok: false,
      reason:
        'prod-rewards-fn:live is on version 4 and no other published version was recorded as fully live; name one with --to.',
    });
  });

  it('cancels a canary in flight and keeps the stable version', () => {
    // Arrange
    const state = inventory(['6', '7'], { version: '6', additionalWeights: { '7': 0.1 } });

    // Act
    const decision = planRollback({ inventory: state, alias: 'live', history: [] });

    // Assert
    expect(decision).toEqual({
      ok: true,
      plan: expect.objectContaining({ from: '6', to: '6', cancelledCanary: ['7'] }),
    });
    if (decision.ok) {
      expect(describeRollback(decision.plan)).toBe(
        'prod-rewards-fn:live stays on version 6 (cancelling the canary of version 7)',
      );
    }
  });

  it('refuses a target that is not published', () => {
    // Act
    const decision = planRollback({
      inventory: inventory(['1', '2'], { version: '2' }),
      alias: 'live',
      history: [],
      to: '5',
    });

    // Assert
    expect(decision).toEqual({
      ok: false,
      reason: 'prod-rewards-fn has no published version 5 (published: 1, 2).',
    });
  });

  it('refuses $LATEST and a move to the version already live', () => {
    // Arrange
    const state = inventory(['1', '2'], { version: '2' });

    // Act
    const latest = planRollback({ inventory: state, alias: 'live', history: [], to: '$LATEST' });
    const same = planRollback({ inventory: state, alias: 'live', history: [], to: '2' });

    // Assert
    expect(latest.ok).toBe(false);
    expect(same).toEqual({
      ok: false,
      reason: expect.stringContaining('already points at version 2'),
    });
  });

  it('refuses when the alias does not exist', () => {
    // Act
    const decision = planRollback({ inventory: inventory(['1']), alias: 'live', history: [] });

    // Assert
    expect(decision).toEqual({ ok: false, reason: expect.stringContaining('has no alias "live"') });
  });
});
