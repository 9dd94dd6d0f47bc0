/** The JSON shapes Lambda answers with: `FunctionConfiguration` and `AliasConfiguration`. */
import { LOCAL_ACCOUNT_ID } from '@peer-rewards/lambda-events';
import { LATEST, type Alias, type LocalFunction } from './local-function';

/** The runtime the versions really run on here: the local Node's major. */
const RUNTIME = `nodejs${process.versions.node.split('.')[0]}.x`;
const ARCHITECTURE = process.arch === 'arm64' ? 'arm64' : 'x86_64';

/**
 * A version's configuration. `$LATEST` is listed with a qualified ARN, as Lambda lists it, and
 * answered unqualified by GetFunction without a Qualifier.
 */
export const functionConfiguration = (
  fn: LocalFunction,
  version: string,
  options: { unqualifiedArn?: boolean } = {},
): Record<string, unknown> => {
  const published = version === LATEST ? undefined : fn.version(version);
  const code = published
    ? { sha256: published.codeSha256, size: published.codeSize }
    : fn.latestCode();
  return {
    FunctionName: fn.functionName,
    FunctionArn: options.unqualifiedArn ? fn.arn() : fn.arn(version),
    Runtime: RUNTIME,
    Role: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${fn.functionName}`,
    Handler: 'index.handler',
    CodeSize: code?.size ?? 0,
    CodeSha256: code?.sha256 ?? '',
    Description: published?.description ?? '',
    Timeout: fn.spec.timeoutSeconds,
    MemorySize: fn.spec.memoryMb,
    LastModified: published?.lastModified ?? fn.latestModifiedAt,
    Version: version,
    RevisionId: published?.revisionId ?? fn.latestRevision,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [ARCHITECTURE],
  };
};

export const aliasConfiguration = (fn: LocalFunction, alias: Alias): Record<string, unknown> => ({
  AliasArn: fn.arn(alias.name),
  Name: alias.name,
  FunctionVersion: alias.functionVersion,
  Description: alias.description,
  ...(Object.keys(alias.weights).length > 0
    ? { RoutingConfig: { AdditionalVersionWeights: { ...alias.weights } } }
    : {}),
  RevisionId: alias.revisionId,
});

/** Every version Lambda lists for a function: `$LATEST` first, then the published ones in order. */
export const versionKeys = (fn: LocalFunction): string[] => [LATEST, ...fn.versions.keys()];
