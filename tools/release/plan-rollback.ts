/**
 * Deciding where `live` goes on a rollback, without touching AWS: the caller reads the inventory,
 * this decides, the caller applies. Keeping the decision pure keeps every refusal testable.
 */
import {
  LATEST,
  type AliasState,
  type FunctionInventory,
  type PublishedVersion,
} from './lambda-inventory';

export interface RollbackPlan {
  readonly functionName: string;
  readonly alias: string;
  /** The version `live` points at now. */
  readonly from: string;
  /** The version `live` will point at. */
  readonly to: string;
  /** Canary versions that stop receiving traffic (their weights are cleared). */
  readonly cancelledCanary: readonly string[];
  readonly revisionId?: string;
}

export type RollbackDecision =
  | { readonly ok: true; readonly plan: RollbackPlan }
  | { readonly ok: false; readonly reason: string };

export interface RollbackRequest {
  readonly inventory: FunctionInventory;
  readonly alias: string;
  /** An explicit target version; otherwise the last recorded fully-live version before the current. */
  readonly to?: string;
  /** Versions that were fully live after a successful deployment, newest last. */
  readonly history: readonly string[];
}

const refuse = (reason: string): RollbackDecision => ({ ok: false, reason });

/**
 * The newest recorded fully-live version other than the current one that is still published. A
 * version number alone says nothing: the one just below the current may have failed its canary.
 */
const lastFullyLive = (
  versions: readonly PublishedVersion[],
  history: readonly string[],
  current: string,
): string | undefined =>
  [...history].reverse().find((v) => v !== current && versions.some((p) => p.version === v));

/**
 * Plans a rollback of `alias`:
 * 1. during a canary (the alias has additional version weights) without `to`, the canary is
 *    cancelled and `live` stays on its stable version;
 * 2. otherwise `live` moves to `to`, or to the last version recorded as fully live before the
 *    current one (never merely the next lower number, which may be a version that failed);
 * 3. it refuses when there is no such version, when `to` is not published, or when nothing would change.
 */
export const planRollback = ({
  inventory,
  alias: aliasName,
  to,
  history,
}: RollbackRequest): RollbackDecision => {
  const { functionName, versions } = inventory;
  const alias: AliasState | undefined = inventory.aliases.find((a) => a.name === aliasName);
  if (!alias) {
    return refuse(`${functionName} has no alias "${aliasName}": it has not been deployed yet.`);
  }
  const canary = Object.keys(alias.additionalWeights);
  const base = {
    functionName,
    alias: alias.name,
    from: alias.version,
    cancelledCanary: canary,
    ...(alias.revisionId ? { revisionId: alias.revisionId } : {}),
  };

  if (to !== undefined) {
    if (to === LATEST) {
      return refuse(
        `"${LATEST}" is mutable and cannot be a rollback target; name a published version.`,
      );
    }
    if (!versions.some((v) => v.version === to)) {
      const known = versions.map((v) => v.version).join(', ') || 'none';
      return refuse(`${functionName} has no published version ${to} (published: ${known}).`);
    }
    if (to === alias.version && canary.length === 0) {
      return refuse(
        `${functionName}:${alias.name} already points at version ${to}; nothing to do.`,
      );
    }
    return { ok: true, plan: { ...base, to } };
  }

  if (canary.length > 0) {
    return { ok: true, plan: { ...base, to: alias.version } };
  }

  const previous = lastFullyLive(versions, history, alias.version);
  if (previous === undefined) {
    return refuse(
      `${functionName}:${alias.name} is on version ${alias.version} and no other published version was recorded as fully live; name one with --to.`,
    );
  }
  return { ok: true, plan: { ...base, to: previous } };
};

/** One line saying what a plan does, for logs and the job summary. */
export const describeRollback = (plan: RollbackPlan): string => {
  const canary =
    plan.cancelledCanary.length > 0
      ? ` (cancelling the canary of version ${plan.cancelledCanary.join(', ')})`
      : '';
  return plan.from === plan.to
    ? `${plan.functionName}:${plan.alias} stays on version ${plan.to}${canary}`
    : `${plan.functionName}:${plan.alias} ${plan.from} → ${plan.to}${canary}`;
};
