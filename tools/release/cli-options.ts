/** Checks of the release CLI's option values: each refusal is one line naming what is wrong. */
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import { LOCAL_STAGE } from './local-context';

/** A mistake in how the command was called: one line, exit 2, nothing changed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The stages in AWS; `local` is the running local stack. */
export const AWS_STAGES = ['dev', 'prod'] as const;
export const STAGES = [...AWS_STAGES, LOCAL_STAGE] as const;

const oneOf = (option: string, value: string, allowed: readonly string[]): string => {
  if (!allowed.includes(value)) {
    throw new UsageError(`Unknown ${option} "${value}" (expected one of ${allowed.join(', ')}).`);
  }
  return value;
};

/** `--stage dev|prod|local`. */
export const parseStage = (text: string): string => oneOf('--stage', text, STAGES);

/** `--function users-fn`: a function of the platform manifest. */
export const parseFunction = (text: string): string => oneOf('--function', text, FUNCTION_NAMES);

/** `--to 7`: a published version number. */
export const parseVersion = (text: string): string => {
  if (!/^[1-9][0-9]*$/.test(text)) {
    throw new UsageError(`--to must be a published version number such as 7 (got "${text}").`);
  }
  return text;
};

export const DEFAULT_KEEP = 5;

/** `--keep 5`: how many of the newest versions prune keeps, at least 1. */
export const parseKeep = (text: string | undefined): number => {
  if (text === undefined) return DEFAULT_KEEP;
  if (!/^[1-9][0-9]*$/.test(text)) {
    throw new UsageError(`--keep must be a whole number of at least 1 (got "${text}").`);
  }
  return Number(text);
};

/** As prod's `Canary10Percent5Minutes` deployment configuration. */
export const DEFAULT_CANARY_PERCENT = 10;
export const DEFAULT_BAKE_MS = 5 * 60_000;
const MAX_BAKE_MS = 60 * 60_000;

/** `--canary 10` or `10%`: the share of traffic the new version gets, 0 < p ≤ 100 (100 = all at once). */
export const parseCanary = (text: string | undefined): number => {
  if (text === undefined) return DEFAULT_CANARY_PERCENT;
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent > 0 && percent <= 100)) {
    throw new UsageError(
      `--canary must be a percentage above 0 and at most 100, such as 10 (got "${text}").`,
    );
  }
  return percent;
};

/** `--bake 3s`, `500ms`, `5m`: how long the canary is watched before `live` moves entirely. */
export const parseBake = (text: string | undefined): number => {
  if (text === undefined) return DEFAULT_BAKE_MS;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!match) {
    throw new UsageError(`--bake must be a duration such as 30s, 500ms or 5m (got "${text}").`);
  }
  const value = Number(match[1]);
  const ms = Math.round(
    match[2] === 'ms' ? value : match[2] === 's' ? value * 1000 : value * 60_000,
  );
  if (ms > MAX_BAKE_MS) throw new UsageError(`--bake is at most 60m (got "${text}").`);
  return ms;
};
