/**
 * CreateAlias and UpdateAlias with Lambda's rules: an alias names a version and at most one
 * additional version with a weight between 0 and 1; both must be published versions when the
 * traffic is split; an update carrying a stale `RevisionId` is refused with 412.
 */
import { randomUUID } from 'node:crypto';
import { invalid, LambdaApiError, notFound, staleRevision } from './lambda-errors';
import { LATEST, type Alias, type LocalFunction } from './local-function';

export interface AliasInput {
  readonly FunctionVersion?: unknown;
  readonly Description?: unknown;
  readonly RoutingConfig?: { readonly AdditionalVersionWeights?: unknown } | null;
  readonly RevisionId?: unknown;
}

/** Alias names are 1..128 of `[a-zA-Z0-9-_]` and never all digits (those are versions). */
const ALIAS_NAME = /^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/;

const optionalString = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${field} must be a string.`);
  return value;
};

const checkVersion = (fn: LocalFunction, version: string): void => {
  if (version !== LATEST) fn.version(version);
};

const parseWeights = (
  fn: LocalFunction,
  primary: string,
  routing: AliasInput['RoutingConfig'],
): Record<string, number> => {
  const raw = routing?.AdditionalVersionWeights ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid('RoutingConfig.AdditionalVersionWeights must map a version to a weight.');
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > 1) {
    throw invalid(
      `Number of items in AdditionalVersionWeights (${entries.length}) exceeds the limit of 1: an alias routes to at most two versions.`,
    );
  }
  const weights: Record<string, number> = {};
  for (const [version, weight] of entries) {
    if (!/^[0-9]+$/.test(version)) {
      throw invalid(`AdditionalVersionWeights key ${version} is not a published version number.`);
    }
    if (typeof weight !== 'number' || !(weight >= 0 && weight <= 1)) {
      throw invalid(
        `The weight of version ${version} must be a number between 0.0 and 1.0 (got ${String(weight)}).`,
      );
    }
    if (version === primary) {
      throw invalid(
        `Version ${version} is the alias's primary version and cannot also be an additional version.`,
      );
    }
    if (primary === LATEST) {
      throw invalid('An alias that splits traffic must point at a published version, not $LATEST.');
    }
    fn.version(version);
    weights[version] = weight;
  }
  return weights;
};

export const createAlias = (fn: LocalFunction, input: AliasInput & { Name?: unknown }): Alias => {
  const name = optionalString(input.Name, 'Name');
  if (!name || !ALIAS_NAME.test(name)) {
    throw invalid(`Alias name ${String(name)} must match (?!^[0-9]+$)([a-zA-Z0-9-_]+).`);
  }
  const version = optionalString(input.FunctionVersion, 'FunctionVersion');
  if (!version) throw invalid('FunctionVersion is required.');
  if (fn.aliases.has(name)) {
    throw new LambdaApiError('ResourceConflictException', `Alias already exists: ${fn.arn(name)}`);
  }
  checkVersion(fn, version);
  const alias: Alias = {
    name,
    functionVersion: version,
    weights: parseWeights(fn, version, input.RoutingConfig),
    description: optionalString(input.Description, 'Description') ?? '',
    revisionId: randomUUID(),
  };
  fn.aliases.set(name, alias);
  return alias;
};

export const getAlias = (fn: LocalFunction, name: string): Alias => {
  const alias = fn.aliases.get(name);
  if (!alias) throw notFound('Alias', fn.functionName, name);
  return alias;
};

/** UpdateAlias: fields left out keep their value; an empty weight map ends a split. */
export const updateAlias = (fn: LocalFunction, name: string, input: AliasInput): Alias => {
  const current = getAlias(fn, name);
  const revisionId = optionalString(input.RevisionId, 'RevisionId');
  if (revisionId !== undefined && revisionId !== current.revisionId) throw staleRevision();
  const version =
    optionalString(input.FunctionVersion, 'FunctionVersion') ?? current.functionVersion;
  checkVersion(fn, version);
  const weights =
    input.RoutingConfig === undefined
      ? parseWeights(fn, version, { AdditionalVersionWeights: current.weights })
      : parseWeights(fn, version, input.RoutingConfig);
  const updated: Alias = {
    name,
    functionVersion: version,
    weights,
    description: optionalString(input.Description, 'Description') ?? current.description,
    revisionId: randomUUID(),
  };
  fn.aliases.set(name, updated);
  return updated;
};
