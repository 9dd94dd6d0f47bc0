/**
 * The esbuild options the functions are bundled with, read from where Nx takes them (the
 * `bundle` target defaults in nx.json, merged with a project's own options), as esbuild's API
 * takes them — so a benchmark can bundle something else exactly the same way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

interface NxBundleOptions {
  readonly platform?: BuildOptions['platform'];
  readonly target?: string;
  readonly format?: readonly BuildOptions['format'][];
  readonly bundle?: boolean;
  readonly thirdParty?: boolean;
  readonly minify?: boolean;
  readonly sourcemap?: boolean;
  readonly esbuildOptions?: BuildOptions;
}

interface TargetConfig {
  readonly filter?: { readonly projects?: readonly string[] };
  readonly options?: NxBundleOptions;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The `bundle` options a project of the given tag gets, its own options on top. */
export const bundleOptionsOf = (root: string, project: string): NxBundleOptions => {
  const nx = readJson<{ targetDefaults?: { bundle?: TargetConfig | TargetConfig[] } }>(
    path.join(root, 'nx.json'),
  );
  const own = readJson<{ tags?: string[]; targets?: { bundle?: { options?: NxBundleOptions } } }>(
    path.join(root, project, 'project.json'),
  );
  const defaults = [nx.targetDefaults?.bundle ?? []].flat();
  const tags = (own.tags ?? []).map((tag) => `tag:${tag}`);
  const matching = defaults.find(
    (entry) => !entry.filter?.projects || entry.filter.projects.some((p) => tags.includes(p)),
  );
  const merged = { ...matching?.options, ...own.targets?.bundle?.options };
  return {
    ...merged,
    esbuildOptions: { ...matching?.options?.esbuildOptions, ...merged.esbuildOptions },
  };
};

/** Those options as esbuild's `build()` takes them, for one entry point and output file. */
export const esbuildOptionsOf = (
  options: NxBundleOptions,
  entry: string,
  outfile: string,
  tsconfig: string,
): BuildOptions => {
  const { outExtension: _outExtension, ...esbuildOptions } = options.esbuildOptions ?? {};
  return {
    entryPoints: [entry],
    outfile,
    tsconfig,
    bundle: options.bundle ?? true,
    platform: options.platform ?? 'node',
    target: options.target ?? 'node20',
    format: options.format?.[0] ?? 'cjs',
    minify: options.minify ?? false,
    sourcemap: options.sourcemap ?? false,
    ...(options.thirdParty === false ? { packages: 'external' } : {}),
    ...esbuildOptions,
    logLevel: 'warning',
  };
};
