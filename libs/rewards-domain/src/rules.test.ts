import { DEFAULT_RULES, createRules } from './rules';

describe('createRules', () => {
  it('starts from the product defaults', () => {
    // Act
    const rules = createRules();

    // Assert
    expect(rules).toEqual({
      minPoints: 1,
      maxPoints: 100,
      monthlyAllowance: 100,
      maxMessageLength: 280,
    });
    expect(DEFAULT_RULES).toEqual(rules);
  });

  it('applies the overrides of a stage', () => {
    // Act
    const rules = createRules({ monthlyAllowance: 250, maxMessageLength: 500 });

    // Assert
    expect(rules).toEqual({
      minPoints: 1,
      maxPoints: 100,
      monthlyAllowance: 250,
      maxMessageLength: 500,
    });
  });

  it.each([
    ['a zero minimum', { minPoints: 0 }],
    ['a negative maximum', { maxPoints: -5 }],
    ['a fractional allowance', { monthlyAllowance: 99.5 }],
    ['an allowance that is not a number', { monthlyAllowance: Number.NaN }],
    ['a zero message length', { maxMessageLength: 0 }],
    ['a minimum above the maximum', { minPoints: 50, maxPoints: 10 }],
    ['a minimum above the allowance', { minPoints: 20, monthlyAllowance: 10 }],
  ])('rejects %s', (_label, overrides) => {
    // Act
    const act = () => createRules(overrides);

    // Assert
    expect(act).toThrow(RangeError);
    expect(act).toThrow(/Invalid reward rules/);
  });

  it('accepts a maximum above the allowance: a reward just cannot use all of it', () => {
    // Act
    const rules = createRules({ maxPoints: 100, monthlyAllowance: 50 });

    // Assert
    expect(rules.monthlyAllowance).toBe(50);
  });
});
