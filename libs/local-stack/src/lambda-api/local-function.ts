/**
 * One function of the local account as Lambda keeps it: `$LATEST` (the built folder, which a
 * rebuild changes), immutable published versions (each a copy of the code it was published
 * from, with its own warm container), and aliases that route each invocation to a version —
 * with `AdditionalVersionWeights`, a weighted random pick per invocation.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { FunctionSpec } from '@peer-rewards/platform-manifest';
import { FunctionHost, type Invocation } from '../function-host';
import { CodeReader, writeSnapshot } from './function-code';
import { functionArn, invalid, LambdaApiError, notFound, staleRevision } from './lambda-errors';

export const LATEST = '$LATEST';

export interface PublishedVersion {
  readonly version: string;
  readonly codeSha256: string;
  readonly codeSize: number;
  readonly description: string;
  readonly lastModified: string;
  readonly revisionId: string;
  /** The version's own copy of the code. */
  readonly dir: string;
  readonly host: FunctionHost;
}

export interface Alias {
  readonly name: string;
  readonly functionVersion: string;
  /** Version → share of the traffic (0..1) routed to it instead of `functionVersion`. */
  readonly weights: Readonly<Record<string, number>>;
  readonly description: string;
  readonly revisionId: string;
}

export interface LocalFunctionOptions {
  readonly spec: FunctionSpec;
  /** Its name in the account, e.g. `local-users-fn`. */
  readonly functionName: string;
  /** `$LATEST`: the built folder, `dist/apps/<fn>`. */
  readonly codeDir: string;
  /** Where published versions keep their copies: `<dir>/<version>/`. */
  readonly versionsDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly log?: (line: string) => void;
  /** Told of every invocation of every version as it ends. */
  readonly onInvocation?: (invocation: Invocation) => void;
}

/** Lambda's `LastModified` format: `2026-12-01T10:00:00.000+0000`. */
export const lambdaTimestamp = (date = new Date()): string =>
  date.toISOString().replace('Z', '+0000');

export class LocalFunction {
  readonly spec: FunctionSpec;
  readonly functionName: string;
  readonly versions = new Map<string, PublishedVersion>();
  readonly aliases = new Map<string, Alias>();
  private readonly code: CodeReader;
  private lastVersionNumber = 0;
  private latest: { host: FunctionHost; sha256: string } | null = null;
  private latestRevisionId = randomUUID();
  private latestSha256: string | null = null;
  private latestModified = lambdaTimestamp();

  constructor(private readonly options: LocalFunctionOptions) {
    this.spec = options.spec;
    this.functionName = options.functionName;
    this.code = new CodeReader(options.codeDir);
  }

  private host(version: string, dir: string): FunctionHost {
    return new FunctionHost({
      name: this.spec.name,
      functionName: this.functionName,
      version,
      file: path.join(dir, 'index.js'),
      memoryMb: this.spec.memoryMb,
      timeoutSeconds: this.spec.timeoutSeconds,
      env: this.options.env,
      log: this.options.log,
      onEnd: this.options.onInvocation,
    });
  }

  /** The code of `$LATEST` now; a changed build gives `$LATEST` a new revision, as an update would. */
  latestCode() {
    const code = this.code.read();
    if (code && code.sha256 !== this.latestSha256) {
      if (this.latestSha256 !== null) {
        this.latestRevisionId = randomUUID();
        this.latestModified = lambdaTimestamp();
      }
      this.latestSha256 = code.sha256;
    }
    return code;
  }

  get latestRevision(): string {
    this.latestCode();
    return this.latestRevisionId;
  }

  get latestModifiedAt(): string {
    return this.latestModified;
  }

  newestVersion(): PublishedVersion | undefined {
    return [...this.versions.values()].at(-1);
  }

  /**
   * PublishVersion: an immutable copy of `$LATEST`. Unchanged code returns the newest version
   * instead of publishing another; numbers are never reused, even after a deletion.
   */
  publish(input: { codeSha256?: string; description?: string; revisionId?: string } = {}) {
    const code = this.latestCode();
    if (!code) {
      throw invalid(
        `${this.functionName} has no code: ${this.options.codeDir} holds no build (npx nx build ${this.spec.name}).`,
      );
    }
    if (input.revisionId !== undefined && input.revisionId !== this.latestRevisionId) {
      throw staleRevision();
    }
    if (input.codeSha256 !== undefined && input.codeSha256 !== code.sha256) {
      throw invalid(
        `CodeSHA256 (${input.codeSha256}) is different from current CodeSHA256 in $LATEST (${code.sha256}). Please try again with the CodeSHA256 in $LATEST.`,
      );
    }
    const newest = this.newestVersion();
    if (newest && newest.codeSha256 === code.sha256) return newest;
    this.lastVersionNumber += 1;
    const version = String(this.lastVersionNumber);
    const dir = path.join(this.options.versionsDir, version);
    writeSnapshot(code, dir);
    const published: PublishedVersion = {
      version,
      codeSha256: code.sha256,
      codeSize: code.size,
      description: input.description ?? '',
      lastModified: lambdaTimestamp(),
      revisionId: randomUUID(),
      dir,
      host: this.host(version, dir),
    };
    this.versions.set(version, published);
    return published;
  }

  /** A published version, or ResourceNotFoundException. */
  version(version: string): PublishedVersion {
    const found = this.versions.get(version);
    if (!found) throw notFound('Function', this.functionName, version);
    return found;
  }

  /** The aliases that route traffic to `version`, as its primary or an additional version. */
  aliasesOf(version: string): string[] {
    return [...this.aliases.values()]
      .filter((alias) => alias.functionVersion === version || version in alias.weights)
      .map((alias) => alias.name);
  }

  /** DeleteFunction with a Qualifier: a version no alias needs. */
  deleteVersion(qualifier: string): void {
    if (qualifier === LATEST) {
      throw invalid('$LATEST version cannot be deleted without deleting the function.');
    }
    if (this.aliases.has(qualifier)) {
      throw invalid(
        'Deletion of aliases is not supported by DeleteFunction; call DeleteAlias instead.',
      );
    }
    const version = this.version(qualifier);
    const referencedBy = this.aliasesOf(qualifier);
    if (referencedBy.length > 0) {
      throw new LambdaApiError(
        'ResourceConflictException',
        `Unable to delete version because the following aliases reference it: [${referencedBy.join(', ')}]`,
      );
    }
    version.host.unload();
    this.versions.delete(qualifier);
    rmSync(version.dir, { recursive: true, force: true });
  }

  private latestHost(): FunctionHost {
    const code = this.latestCode();
    const sha256 = code?.sha256 ?? '';
    if (!this.latest || this.latest.sha256 !== sha256) {
      this.latest = { host: this.host(LATEST, this.options.codeDir), sha256 };
    }
    return this.latest.host;
  }

  /** The container an invocation with `qualifier` runs in: an alias picks by its weights. */
  resolve(qualifier: string | undefined): FunctionHost {
    if (qualifier === undefined || qualifier === LATEST) return this.latestHost();
    const alias = this.aliases.get(qualifier);
    if (alias) {
      let version = alias.functionVersion;
      let draw = Math.random();
      for (const additional in alias.weights) {
        const weight = alias.weights[additional];
        if (draw < weight) {
          version = additional;
          break;
        }
        draw -= weight;
      }
      return version === LATEST ? this.latestHost() : this.version(version).host;
    }
    if (/^[0-9]+$/.test(qualifier)) return this.version(qualifier).host;
    throw notFound('Function', this.functionName, qualifier);
  }

  invoke(event: unknown, qualifier?: string): Promise<Invocation> {
    return this.resolve(qualifier).invoke(event, qualifier ? { qualifier } : {});
  }

  /** Drops every loaded container (the stack stops, or the version copies go away). */
  unloadAll(): void {
    this.latest?.host.unload();
    for (const version of this.versions.values()) version.host.unload();
  }

  arn(qualifier?: string): string {
    return functionArn(this.functionName, qualifier);
  }
}
