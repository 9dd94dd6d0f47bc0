/**
 * The local account's Lambda: one `LocalFunction` per function of the platform manifest, the
 * record of what each invocation did (for the deployment controller), and the parameters the
 * release CLI keeps in SSM. At start each built function gets version 1 with `live` on it, as a
 * first deployment would; `deployAllAtOnce` is what dev's all-at-once deployment does after a
 * rebuild (`npm start -- --watch`).
 */
import path from 'node:path';
import {
  deployedFunctionNameOf,
  formatLiveHistory,
  FUNCTIONS,
  LIVE_ALIAS,
  liveHistoryParameterOf,
  parseLiveHistory,
  withLive,
  type FunctionSpec,
} from '@peer-rewards/platform-manifest';
import type { Invocation } from '../function-host';
import { createAlias, updateAlias } from './function-aliases';
import { InvocationLog } from './invocation-log';
import { LocalFunction } from './local-function';
import { LocalParameters } from './local-parameters';

export interface LocalLambdaOptions {
  /** Names functions `<stage>-<fn>`; default `local`. */
  readonly stage?: string;
  /** `$LATEST` of each function is `<distDir>/<fn>/`. */
  readonly distDir: string;
  /** Published versions keep their copies in `<versionsDir>/<fn>/<version>/`. */
  readonly versionsDir: string;
  /** The environment of the functions, or of each function. */
  readonly env:
    Readonly<Record<string, string>> | ((spec: FunctionSpec) => Readonly<Record<string, string>>);
  readonly log?: (line: string) => void;
  /** Default the manifest's. */
  readonly functions?: readonly FunctionSpec[];
}

export interface Deployment {
  readonly function: string;
  readonly version: string;
  /** False when the code was unchanged and `live` already served it. */
  readonly changed: boolean;
}

export class LocalLambda {
  readonly stage: string;
  /** By name in the account (`local-users-fn`). */
  readonly functions = new Map<string, LocalFunction>();
  /** By name in the manifest (`users-fn`). */
  readonly byManifestName = new Map<string, LocalFunction>();
  readonly invocations = new InvocationLog();
  readonly parameters = new LocalParameters();

  constructor(options: LocalLambdaOptions) {
    this.stage = options.stage ?? 'local';
    for (const spec of options.functions ?? FUNCTIONS) {
      const functionName = deployedFunctionNameOf(this.stage, spec.name);
      const fn = new LocalFunction({
        spec,
        functionName,
        codeDir: path.join(options.distDir, spec.name),
        versionsDir: path.join(options.versionsDir, spec.name),
        env: typeof options.env === 'function' ? options.env(spec) : options.env,
        log: options.log,
        onInvocation: (invocation) => this.invocations.add(functionName, invocation),
      });
      this.functions.set(fn.functionName, fn);
      this.byManifestName.set(spec.name, fn);
    }
  }

  /**
   * Publishes `$LATEST` of a built function and moves `live` onto it at once, then records it as
   * fully live; null when the function has no build.
   */
  deployAllAtOnce(name: string): Deployment | null {
    const fn = this.byManifestName.get(name);
    if (!fn?.latestCode()) return null;
    const version = fn.publish({ description: 'deployed all at once' }).version;
    const live = fn.aliases.get(LIVE_ALIAS);
    const changed = live?.functionVersion !== version || Object.keys(live.weights).length > 0;
    if (!live) createAlias(fn, { Name: LIVE_ALIAS, FunctionVersion: version });
    else if (changed) {
      updateAlias(fn, LIVE_ALIAS, {
        FunctionVersion: version,
        RoutingConfig: { AdditionalVersionWeights: {} },
      });
    }
    this.recordLive(name, version);
    this.unloadUnrouted(fn);
    return { function: name, version, changed };
  }

  /** Appends `version` to the record of fully live versions, as `release record-live` does. */
  recordLive(name: string, version: string): void {
    const parameter = liveHistoryParameterOf(this.stage, name);
    const history = parseLiveHistory(this.parameters.get(parameter));
    this.parameters.put(parameter, formatLiveHistory(withLive(history, version)));
  }

  /** A version no alias routes to gets no traffic: free its container (it stays published). */
  private unloadUnrouted(fn: LocalFunction): void {
    for (const version of fn.versions.values()) {
      if (fn.aliasesOf(version.version).length === 0) version.host.unload();
    }
  }

  /**
   * One invocation with `qualifier` (an alias, a version, or none for `$LATEST`); its host
   * records it in `invocations` as it ends.
   */
  invoke(fn: LocalFunction, event: unknown, qualifier?: string): Promise<Invocation> {
    return fn.invoke(event, qualifier);
  }

  /**
   * What API Gateway and EventBridge do: invoke the function's `live` alias. A function that had
   * no build when the stack started has no version yet, and runs `$LATEST`.
   */
  invokeLive(name: string, event: unknown): Promise<Invocation> {
    const fn = this.byManifestName.get(name);
    if (!fn) throw new Error(`${name} is not a function of the manifest.`);
    return this.invoke(fn, event, fn.aliases.has(LIVE_ALIAS) ? LIVE_ALIAS : undefined);
  }

  unloadAll(): void {
    for (const fn of this.functions.values()) fn.unloadAll();
  }
}
