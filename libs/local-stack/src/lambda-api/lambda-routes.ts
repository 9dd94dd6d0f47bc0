/**
 * The subset of the Lambda REST API (2015-03-31) the release CLI and the pre-traffic check use,
 * at the paths `@aws-sdk/client-lambda` sends: GetFunction, DeleteFunction (with Qualifier),
 * PublishVersion, ListVersionsByFunction, Create/Get/Update/ListAliases and Invoke.
 */
import { createAlias, getAlias, updateAlias, type AliasInput } from './function-aliases';
import { invalid, LambdaApiError, notFound } from './lambda-errors';
import { aliasConfiguration, functionConfiguration, versionKeys } from './lambda-shapes';
import type { LocalLambda } from './local-lambda';
import { LATEST, type LocalFunction } from './local-function';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface ApiAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON-serialised unless a Buffer. */
  readonly body?: unknown;
}

const FUNCTIONS_PATH =
  /^\/2015-03-31\/functions\/([^/]+)(?:\/(versions|aliases|invocations|configuration)(?:\/([^/]+))?)?\/?$/;

/** `name`, `name:qualifier`, `123456789012:function:name[:q]` or the full ARN. */
const parseFunctionName = (raw: string): { name: string; qualifier?: string } => {
  const parts = decodeURIComponent(raw).split(':');
  const at = parts.indexOf('function');
  const [name, qualifier] = at >= 0 ? parts.slice(at + 1) : parts;
  return qualifier ? { name, qualifier } : { name };
};

const jsonBody = (body: Buffer): Record<string, unknown> => {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Answered below, as Lambda does.
  }
  throw new LambdaApiError(
    'InvalidRequestContentException',
    'Could not parse request body into json',
  );
};

/**
 * One page of `keys` (in their listing order): MaxItems 1..10000 (default 50) and an opaque
 * Marker naming the last key of the previous page; `isAfter` finds where to go on when that key
 * was deleted meanwhile.
 */
const page = <T>(
  keys: readonly string[],
  query: URLSearchParams,
  item: (key: string) => T,
  isAfter: (key: string, marker: string) => boolean,
) => {
  const maxItems = query.has('MaxItems') ? Number(query.get('MaxItems')) : 50;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10_000) {
    throw invalid('MaxItems must be between 1 and 10000.');
  }
  const marker = query.get('Marker');
  let start = 0;
  if (marker) {
    const after = Buffer.from(marker, 'base64url').toString('utf8');
    start = keys.findIndex((key) => isAfter(key, after));
    if (start < 0) start = keys.length;
  }
  const items = keys.slice(start, start + maxItems);
  const more = start + items.length < keys.length;
  return {
    items: items.map(item),
    nextMarker: more
      ? Buffer.from(items[items.length - 1], 'utf8').toString('base64url')
      : undefined,
  };
};

/** `$LATEST` comes first, then the numbers in order. */
const versionRank = (version: string): number => (version === LATEST ? 0 : Number(version));

const invoke = async (
  lambda: LocalLambda,
  fn: LocalFunction,
  qualifier: string | undefined,
  request: ApiRequest,
): Promise<ApiAnswer> => {
  if (request.body.length > 6 * 1024 * 1024) {
    throw new LambdaApiError(
      'RequestTooLargeException',
      'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    );
  }
  const type = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  const event = jsonBody(request.body.length === 0 ? Buffer.from('{}') : request.body);
  fn.resolve(qualifier);
  if (type === 'DryRun') return { status: 204 };
  const running = lambda.invoke(fn, event, qualifier);
  if (type === 'Event') {
    void running;
    return { status: 202 };
  }
  const invocation = await running;
  const headers: Record<string, string> = { 'x-amz-executed-version': invocation.version };
  if (invocation.ok) return { status: 200, headers, body: invocation.result };
  const { errorType, errorMessage, stack } = invocation.error;
  return {
    status: 200,
    headers: { ...headers, 'x-amz-function-error': 'Unhandled' },
    body: { errorType, errorMessage, trace: stack ?? [] },
  };
};

/** Answers one request to `/2015-03-31/functions/…`; a LambdaApiError carries Lambda's refusal. */
export const lambdaRoute = async (lambda: LocalLambda, request: ApiRequest): Promise<ApiAnswer> => {
  const match = FUNCTIONS_PATH.exec(request.path);
  if (!match)
    throw new LambdaApiError(
      'UnknownOperationException',
      `No operation at ${request.method} ${request.path}.`,
    );
  const [, rawName, collection, item] = match;
  const { name, qualifier: inName } = parseFunctionName(rawName);
  const fn = lambda.functions.get(name);
  if (!fn) throw notFound('Function', name);
  const qualifier = request.query.get('Qualifier') ?? inName ?? undefined;
  const method = request.method;
  const alias = item ? decodeURIComponent(item) : undefined;

  if (!collection && method === 'GET') {
    const version =
      qualifier === undefined ? LATEST : (fn.aliases.get(qualifier)?.functionVersion ?? qualifier);
    if (version !== LATEST && !fn.versions.has(version))
      throw notFound('Function', fn.functionName, qualifier);
    return {
      status: 200,
      body: {
        Configuration: functionConfiguration(fn, version, {
          unqualifiedArn: qualifier === undefined,
        }),
        Code: { RepositoryType: 'S3', Location: `file://local/${fn.functionName}/${version}` },
      },
    };
  }
  if (!collection && method === 'DELETE') {
    if (qualifier === undefined) {
      throw invalid(
        `The local stack's functions come from the platform manifest: delete a version of ${fn.functionName} with Qualifier instead.`,
      );
    }
    fn.deleteVersion(qualifier);
    return { status: 204 };
  }
  if (collection === 'configuration' && method === 'GET') {
    return { status: 200, body: functionConfiguration(fn, qualifier ?? LATEST) };
  }
  if (collection === 'versions' && !item && method === 'POST') {
    const input = jsonBody(request.body);
    const published = fn.publish({
      ...(typeof input.CodeSha256 === 'string' ? { codeSha256: input.CodeSha256 } : {}),
      ...(typeof input.Description === 'string' ? { description: input.Description } : {}),
      ...(typeof input.RevisionId === 'string' ? { revisionId: input.RevisionId } : {}),
    });
    return { status: 201, body: functionConfiguration(fn, published.version) };
  }
  if (collection === 'versions' && !item && method === 'GET') {
    const { items, nextMarker } = page(
      versionKeys(fn),
      request.query,
      (v) => functionConfiguration(fn, v),
      (key, marker) => versionRank(key) > versionRank(marker),
    );
    return {
      status: 200,
      body: { Versions: items, ...(nextMarker ? { NextMarker: nextMarker } : {}) },
    };
  }
  if (collection === 'aliases' && !alias && method === 'POST') {
    return { status: 201, body: aliasConfiguration(fn, createAlias(fn, jsonBody(request.body))) };
  }
  if (collection === 'aliases' && !alias && method === 'GET') {
    const version = request.query.get('FunctionVersion');
    const names = [...fn.aliases.values()]
      .filter((a) => !version || a.functionVersion === version)
      .map((a) => a.name)
      .sort();
    const { items, nextMarker } = page(
      names,
      request.query,
      (n) => aliasConfiguration(fn, getAlias(fn, n)),
      (key, marker) => key > marker,
    );
    return {
      status: 200,
      body: { Aliases: items, ...(nextMarker ? { NextMarker: nextMarker } : {}) },
    };
  }
  if (collection === 'aliases' && alias && method === 'GET') {
    return { status: 200, body: aliasConfiguration(fn, getAlias(fn, alias)) };
  }
  if (collection === 'aliases' && alias && method === 'PUT') {
    return {
      status: 200,
      body: aliasConfiguration(fn, updateAlias(fn, alias, jsonBody(request.body) as AliasInput)),
    };
  }
  if (collection === 'invocations' && !item && method === 'POST') {
    return invoke(lambda, fn, qualifier, request);
  }
  throw new LambdaApiError(
    'UnknownOperationException',
    `No operation at ${method} ${request.path}.`,
  );
};
