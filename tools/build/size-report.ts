/**
 * `npm run size`: the size of every function's artifact against the budget (256 KB zipped).
 *
 *   npm run size -- [--json <file>] [--markdown] [--baseline <json file>] [--dist <dist/apps>]
 *
 * Exits 1 when a function is over budget or not built, after printing every size it could read.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import {
  BUDGET_BYTES,
  deterministicZip,
  rawSize,
  readArtifactFiles,
} from '@peer-rewards/lambda-events';

export type SizeStatus = 'ok' | 'over-budget' | 'not-built';

export interface FunctionSize {
  readonly name: string;
  readonly status: SizeStatus;
  readonly rawBytes: number | null;
  readonly zippedBytes: number | null;
  readonly budgetBytes: number;
  /** Zipped size as a share of the budget, one decimal. */
  readonly percentOfBudget: number | null;
  /** Zipped bytes minus the baseline's, when a baseline was given and knew the function. */
  readonly changeBytes: number | null;
}

export interface SizeReport {
  readonly budgetBytes: number;
  readonly functions: readonly FunctionSize[];
}

/** Zipped sizes by function name from an earlier `--json` report. */
export type Baseline = ReadonlyMap<string, number>;

export const readBaseline = (file: string): Baseline => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the baseline ${file}: ${(error as Error).message}`);
  }
  const functions = (parsed as Partial<SizeReport> | null)?.functions;
  if (!Array.isArray(functions)) {
    throw new Error(`The baseline ${file} is not a size report: it has no "functions" list.`);
  }
  const baseline = new Map<string, number>();
  for (const entry of functions as Partial<FunctionSize>[]) {
    if (typeof entry.name === 'string' && typeof entry.zippedBytes === 'number') {
      baseline.set(entry.name, entry.zippedBytes);
    }
  }
  return baseline;
};

export const measureFunction = (
  name: string,
  distDir: string,
  baseline?: Baseline,
  budgetBytes = BUDGET_BYTES,
): FunctionSize => {
  const dir = path.join(distDir, name);
  const notBuilt: FunctionSize = {
    name,
    status: 'not-built',
    rawBytes: null,
    zippedBytes: null,
    budgetBytes,
    percentOfBudget: null,
    changeBytes: null,
  };
  if (!existsSync(dir)) return notBuilt;
  const files = readArtifactFiles(dir);
  if (files.length === 0) return notBuilt;
  // The zip the build wrote is what ships; zipping in memory gives the same bytes when it is missing.
  const zipFile = path.join(distDir, `${name}.zip`);
  const zippedBytes = existsSync(zipFile)
    ? readFileSync(zipFile).byteLength
    : deterministicZip(files).byteLength;
  const base = baseline?.get(name);
  return {
    name,
    status: zippedBytes > budgetBytes ? 'over-budget' : 'ok',
    rawBytes: rawSize(files),
    zippedBytes,
    budgetBytes,
    percentOfBudget: Math.round((zippedBytes / budgetBytes) * 1000) / 10,
    changeBytes: base === undefined ? null : zippedBytes - base,
  };
};

export const buildSizeReport = (options: {
  distDir: string;
  names?: readonly string[];
  baseline?: Baseline;
  budgetBytes?: number;
}): SizeReport => {
  const budgetBytes = options.budgetBytes ?? BUDGET_BYTES;
  return {
    budgetBytes,
    functions: (options.names ?? FUNCTION_NAMES).map((name) =>
      measureFunction(name, options.distDir, options.baseline, budgetBytes),
    ),
  };
};

const formatBytes = (bytes: number | null): string =>
  bytes === null ? '-' : bytes.toLocaleString('en-US');
const formatChange = (size: FunctionSize): string => {
  if (size.changeBytes === null) return size.status === 'not-built' ? '-' : 'new';
  if (size.changeBytes === 0) return '±0';
  return `${size.changeBytes > 0 ? '+' : '−'}${Math.abs(size.changeBytes).toLocaleString('en-US')}`;
};
const formatPercent = (size: FunctionSize): string =>
  size.percentOfBudget === null ? '-' : `${size.percentOfBudget.toFixed(1)} %`;
const statusText: Record<SizeStatus, string> = {
  ok: 'ok',
  'over-budget': 'OVER BUDGET',
  'not-built': 'NOT BUILT',
};

const rows = (report: SizeReport, withChange: boolean): string[][] =>
  report.functions.map((size) => [
    size.name,
    formatBytes(size.rawBytes),
    formatBytes(size.zippedBytes),
    formatBytes(size.budgetBytes),
    formatPercent(size),
    ...(withChange ? [formatChange(size)] : []),
    statusText[size.status],
  ]);

const headers = (withChange: boolean): string[] => [
  'function',
  'raw bytes',
  'zipped bytes',
  'budget',
  '% of budget',
  ...(withChange ? ['vs baseline'] : []),
  'status',
];

/** A plain-text table for a terminal; numbers right-aligned. */
export const formatTable = (report: SizeReport, withChange = false): string => {
  const table = [headers(withChange), ...rows(report, withChange)];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 || column === row.length - 1
            ? cell.padEnd(widths[column])
            : cell.padStart(widths[column]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/** A GitHub-flavoured Markdown table (for a CI job summary). */
export const formatMarkdown = (report: SizeReport, withChange = false): string => {
  const head = headers(withChange);
  const align = head.map((_, column) =>
    column === 0 || column === head.length - 1 ? ':--' : '--:',
  );
  return [head, align, ...rows(report, withChange)]
    .map((row) => `| ${row.join(' | ')} |`)
    .join('\n');
};

/** One line per problem; empty when every function is built and within budget. */
export const problemsOf = (report: SizeReport): string[] =>
  report.functions.flatMap((size) => {
    if (size.status === 'not-built')
      return [`${size.name} is not built: run npx nx run ${size.name}:build.`];
    if (size.status === 'over-budget') {
      return [
        `${size.name} is over budget: ${formatBytes(size.zippedBytes)} bytes zipped, budget ${formatBytes(size.budgetBytes)} bytes.`,
      ];
    }
    return [];
  });

interface CliOptions {
  json?: string;
  markdown: boolean;
  baseline?: string;
  distDir: string;
}

const parseArgs = (argv: readonly string[]): CliOptions => {
  const options: CliOptions = {
    markdown: false,
    distDir: path.resolve(__dirname, '../../dist/apps'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (!next || next.startsWith('--')) throw new Error(`${arg} needs a value.`);
      i += 1;
      return next;
    };
    if (arg === '--json') options.json = value();
    else if (arg === '--markdown') options.markdown = true;
    else if (arg === '--baseline') options.baseline = value();
    else if (arg === '--dist') options.distDir = path.resolve(value());
    else
      throw new Error(
        `Unknown option ${arg}. Options: --json <file>, --markdown, --baseline <json file>, --dist <folder>.`,
      );
  }
  return options;
};

export const main = (argv: readonly string[], out = console.log, err = console.error): number => {
  let options: CliOptions;
  let baseline: Baseline | undefined;
  try {
    options = parseArgs(argv);
    baseline = options.baseline ? readBaseline(options.baseline) : undefined;
  } catch (error) {
    err(`size-report: ${(error as Error).message}`);
    return 2;
  }
  const report = buildSizeReport({ distDir: options.distDir, baseline });
  const withChange = baseline !== undefined;
  out(options.markdown ? formatMarkdown(report, withChange) : formatTable(report, withChange));
  if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  const problems = problemsOf(report);
  for (const problem of problems) err(`size-report: ${problem}`);
  return problems.length > 0 ? 1 : 0;
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
