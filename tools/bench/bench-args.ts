import path from 'node:path';

/** A flag's kind: a path (resolved), or a whole count from 1 to the number given. */
export type FlagKind = 'path' | number;

/**
 * `--flag value` pairs of a benchmark: counts checked against their range, paths resolved.
 * Throws a one-line message (with the usage) on an unknown flag, a missing or bad value.
 */
export const parseBenchFlags = <K extends string>(
  argv: readonly string[],
  usage: string,
  kinds: Readonly<Record<K, FlagKind>>,
): Partial<Record<K, string | number>> => {
  const values: Partial<Record<K, string | number>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[(i += 1)];
    const name = flag.replace(/^--/, '') as K;
    if (!flag.startsWith('--') || !(name in kinds))
      throw new Error(`unknown option ${flag}. ${usage}`);
    if (value === undefined) throw new Error(`${flag} needs a value. ${usage}`);
    const kind: FlagKind = kinds[name];
    if (kind === 'path') {
      values[name] = path.resolve(value);
      continue;
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > kind) throw new Error(`${flag} is 1..${kind}.`);
    values[name] = n;
  }
  return values;
};
