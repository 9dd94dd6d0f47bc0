/** The business rules' numbers. Defaults are the product's; a stage may change them. */
export interface RewardRules {
  /** Smallest number of points one reward carries. */
  readonly minPoints: number;
  /** Largest number of points one reward carries. */
  readonly maxPoints: number;
  /** Points each giver may give per UTC calendar month. */
  readonly monthlyAllowance: number;
  /** Longest message, in user-perceived characters (grapheme clusters). */
  readonly maxMessageLength: number;
}

export const DEFAULT_RULES: RewardRules = {
  minPoints: 1,
  maxPoints: 100,
  monthlyAllowance: 100,
  maxMessageLength: 280,
};

/** Rules with the given overrides; rejects combinations that could never be satisfied. */
export const createRules = (overrides: Partial<RewardRules> = {}): RewardRules => {
  const rules = { ...DEFAULT_RULES, ...overrides };
  const positive = (value: number) => Number.isInteger(value) && value > 0;
  if (
    !positive(rules.minPoints) ||
    !positive(rules.maxPoints) ||
    !positive(rules.monthlyAllowance) ||
    !positive(rules.maxMessageLength) ||
    rules.minPoints > rules.maxPoints ||
    // nobody could ever give the smallest reward
    rules.minPoints > rules.monthlyAllowance
  ) {
    throw new RangeError(`Invalid reward rules: ${JSON.stringify(rules)}`);
  }
  return rules;
};
