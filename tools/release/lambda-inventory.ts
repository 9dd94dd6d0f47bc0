/**
 * What Lambda knows about one deployed function: its published versions and its aliases, read
 * page by page (`Marker`/`NextMarker`) so a function with hundreds of versions is seen whole.
 */
import {
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  type AliasConfiguration,
  type FunctionConfiguration,
  type LambdaClient,
} from '@aws-sdk/client-lambda';

import { deployedFunctionNameOf } from '@peer-rewards/platform-manifest';

/** The alias every route, schedule and CodeDeploy deployment group points at. */
export { LIVE_ALIAS } from '@peer-rewards/platform-manifest';

/** The unpublished, mutable version; it is never an alias target we move to, nor deleted. */
export const LATEST = '$LATEST';

export interface PublishedVersion {
  /** Lambda's version number, as Lambda spells it (`"7"`). */
  readonly version: string;
  readonly codeSize: number;
  readonly lastModified?: string;
  readonly description?: string;
}

export interface AliasState {
  readonly name: string;
  /** The version that takes the traffic not routed elsewhere. */
  readonly version: string;
  /** Versions that take a share of traffic during a canary, with their weight (0..1). */
  readonly additionalWeights: Readonly<Record<string, number>>;
  /** Lets an update fail instead of overwriting a change made meanwhile. */
  readonly revisionId?: string;
}

export interface FunctionInventory {
  readonly functionName: string;
  /** Published versions, oldest first (`$LATEST` excluded). */
  readonly versions: readonly PublishedVersion[];
  readonly aliases: readonly AliasState[];
}

/** The deployed function's name for a stage, e.g. `prod-users-fn`. */
export const deployedFunctionName = deployedFunctionNameOf;

/** Orders version numbers numerically ("10" after "9"). */
export const byVersionNumber = (a: string, b: string): number => Number(a) - Number(b);

const toPublishedVersion = (config: FunctionConfiguration): PublishedVersion | undefined => {
  if (!config.Version || config.Version === LATEST) return undefined;
  return {
    version: config.Version,
    codeSize: config.CodeSize ?? 0,
    ...(config.LastModified ? { lastModified: config.LastModified } : {}),
    ...(config.Description ? { description: config.Description } : {}),
  };
};

const toAliasState = (alias: AliasConfiguration): AliasState | undefined => {
  if (!alias.Name || !alias.FunctionVersion) return undefined;
  return {
    name: alias.Name,
    version: alias.FunctionVersion,
    additionalWeights: { ...(alias.RoutingConfig?.AdditionalVersionWeights ?? {}) },
    ...(alias.RevisionId ? { revisionId: alias.RevisionId } : {}),
  };
};

/** Every published version of a function, oldest first. */
export const listVersions = async (
  client: LambdaClient,
  functionName: string,
): Promise<PublishedVersion[]> => {
  const versions: PublishedVersion[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker }),
    );
    for (const config of page.Versions ?? []) {
      const version = toPublishedVersion(config);
      if (version) versions.push(version);
    }
    marker = page.NextMarker;
  } while (marker);
  return versions.sort((a, b) => byVersionNumber(a.version, b.version));
};

/** Every alias of a function. */
export const listAliases = async (
  client: LambdaClient,
  functionName: string,
): Promise<AliasState[]> => {
  const aliases: AliasState[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(
      new ListAliasesCommand({ FunctionName: functionName, Marker: marker }),
    );
    for (const config of page.Aliases ?? []) {
      const alias = toAliasState(config);
      if (alias) aliases.push(alias);
    }
    marker = page.NextMarker;
  } while (marker);
  return aliases.sort((a, b) => a.name.localeCompare(b.name));
};

/** Versions and aliases of one function, read together. */
export const readInventory = async (
  client: LambdaClient,
  functionName: string,
): Promise<FunctionInventory> => {
  const [versions, aliases] = await Promise.all([
    listVersions(client, functionName),
    listAliases(client, functionName),
  ]);
  return { functionName, versions, aliases };
};
