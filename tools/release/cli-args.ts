/**
 * The command line of one release command: the options it declares and nothing else. Anything
 * else — an unknown option, one given twice, a missing value, a positional argument — is a
 * UsageError naming it. Values are checked by the command (`cli-options.ts`).
 */
import { UsageError } from './cli-options';

export interface OptionSpec {
  /** What follows a string option in the usage (`<fn>`, `5`); a flag has none. */
  readonly value?: string;
  readonly required?: boolean;
  /** One line for the command's `--help`. */
  readonly help: string;
}

export interface CommandSpec {
  readonly name: string;
  /** What the command does, for the usage of all commands and its own `--help`. */
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
}

/** The options given: a string option's value, or true for a flag. */
export type OptionValues = Readonly<Record<string, string | true | undefined>>;

const HELP = ['--help', '-h'];

/** `prune --stage <stage> [--function <fn>] …`: the synopsis of a command. */
export const synopsisOf = ({ name, options }: CommandSpec): string =>
  [
    name,
    ...Object.entries(options).map(([option, { value, required }]) => {
      const text = `--${option}${value === undefined ? '' : ` ${value}`}`;
      return required ? text : `[${text}]`;
    }),
  ].join(' ');

export const usageOf = (spec: CommandSpec): string =>
  `Usage: npm run release -- ${synopsisOf(spec)}`;

/** What `<command> --help` prints. */
export const helpOf = (spec: CommandSpec): string => {
  const rows = Object.entries(spec.options).map(([option, { value }]) => ({
    left: `  --${option}${value === undefined ? '' : ` ${value}`}`,
    help: spec.options[option].help,
  }));
  const width = Math.max(...rows.map((row) => row.left.length)) + 2;
  return [
    usageOf(spec),
    '',
    spec.summary,
    '',
    ...rows.map((row) => `${row.left.padEnd(width)}${row.help}`),
    `${'  -h, --help'.padEnd(width)}this help`,
  ].join('\n');
};

/** True when the arguments ask for the command's help. */
export const asksForHelp = (args: readonly string[]): boolean =>
  args.some((arg) => HELP.includes(arg));

/** Reads `args` against the command's options; throws a UsageError for anything it does not take. */
export const parseOptions = (spec: CommandSpec, args: readonly string[]): OptionValues => {
  const values: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(
        arg.startsWith('-') && arg !== '--'
          ? `Unknown option ${arg} for ${spec.name}.`
          : `Unexpected argument "${arg}": ${spec.name} takes options only.`,
      );
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const option = Object.hasOwn(spec.options, name) ? spec.options[name] : undefined;
    if (!option) throw new UsageError(`--${name} is not an option of ${spec.name}.`);
    if (name in values) throw new UsageError(`--${name} is given more than once.`);
    if (option.value === undefined) {
      if (equals >= 0) throw new UsageError(`--${name} takes no value (got "${arg}").`);
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) {
      i += 1;
      value = args[i];
    }
    if (!value) throw new UsageError(`--${name} needs a value (--${name} ${option.value}).`);
    values[name] = value;
  }
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.required && !(name in values)) {
      throw new UsageError(`--${name} is required (--${name} ${option.value}).`);
    }
  }
  return values;
};
