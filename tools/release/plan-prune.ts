/**
 * Deciding which published versions can go. Lambda's code storage is capped per region (75 GB
 * by default) and every deploy publishes a version, so old ones must be deleted; but a version
 * an alias serves — including the new version of a canary in flight — must never be.
 */
import { byVersionNumber, type FunctionInventory } from './lambda-inventory';

export interface PrunePlan {
  readonly functionName: string;
  /** Kept versions, newest first, with why each one stays. */
  readonly keep: readonly { readonly version: string; readonly reasons: readonly string[] }[];
  /** Versions to delete, oldest first, with their code size. */
  readonly remove: readonly { readonly version: string; readonly codeSize: number }[];
  /** Bytes of code storage the deletions free. */
  readonly freedBytes: number;
}

/**
 * Plans a prune: keeps the newest `keep` published versions, every version an alias points at
 * and every version a weighted alias routes traffic to; everything else is removed.
 * `$LATEST` is not a published version and never appears in the plan.
 */
export const planPrune = (inventory: FunctionInventory, keep: number): PrunePlan => {
  if (!Number.isInteger(keep) || keep < 1) {
    throw new RangeError(`keep must be a whole number of at least 1 (got ${keep}).`);
  }
  const reasons = new Map<string, string[]>();
  const note = (version: string, reason: string): void => {
    reasons.set(version, [...(reasons.get(version) ?? []), reason]);
  };
  for (const alias of inventory.aliases) {
    note(alias.version, `alias ${alias.name}`);
    for (const [version, weight] of Object.entries(alias.additionalWeights)) {
      note(version, `canary of ${alias.name} at ${Math.round(weight * 100)}%`);
    }
  }
  const newestFirst = [...inventory.versions].sort((a, b) => byVersionNumber(b.version, a.version));
  for (const { version } of newestFirst.slice(0, keep)) note(version, `newest ${keep}`);

  const kept = newestFirst
    .filter((v) => reasons.has(v.version))
    .map((v) => ({ version: v.version, reasons: reasons.get(v.version) ?? [] }));
  const remove = newestFirst
    .filter((v) => !reasons.has(v.version))
    .reverse()
    .map((v) => ({ version: v.version, codeSize: v.codeSize }));
  return {
    functionName: inventory.functionName,
    keep: kept,
    remove,
    freedBytes: remove.reduce((sum, v) => sum + v.codeSize, 0),
  };
};
