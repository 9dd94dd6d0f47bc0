/**
 * The source files a TypeScript entry point reaches through its imports, read at one commit:
 * relative imports and the workspace's `tsconfig.base.json` path aliases, followed file by file.
 * Packages from node_modules end the walk (their versions are in `package-lock.json`).
 */
import path from 'node:path';

/** Reads a file of the commit, or undefined when it does not exist there. */
export type ReadFile = (file: string) => string | undefined;

const SPECIFIERS =
  /(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

const CANDIDATES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx', '.json'];

const pathAliases = (read: ReadFile): Map<string, string> => {
  const text = read('tsconfig.base.json');
  const paths = text
    ? ((JSON.parse(text) as { compilerOptions?: { paths?: Record<string, string[]> } })
        .compilerOptions?.paths ?? {})
    : {};
  return new Map(Object.entries(paths).map(([alias, [target]]) => [alias, target]));
};

export const importClosure = (entries: readonly string[], read: ReadFile): Set<string> => {
  const aliases = pathAliases(read);
  const seen = new Set<string>();
  const resolve = (from: string, specifier: string): string | undefined => {
    const base = specifier.startsWith('.')
      ? path.posix.join(path.posix.dirname(from), specifier)
      : aliases.get(specifier);
    if (base === undefined) return undefined;
    return CANDIDATES.map((suffix) => `${base}${suffix}`).find(
      (file) => /\.(tsx?|json)$/.test(file) && read(file) !== undefined,
    );
  };
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    const text = read(file);
    if (text === undefined) continue;
    seen.add(file);
    if (file.endsWith('.json')) continue;
    for (const match of text.matchAll(SPECIFIERS)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
      const target = resolve(file, specifier);
      if (target && !seen.has(target)) pending.push(target);
    }
  }
  return seen;
};
