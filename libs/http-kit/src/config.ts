/** A required setting: a missing one stops the function at load, not at the first request. */
export const requireEnv = (name: string, env: NodeJS.ProcessEnv = process.env): string => {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
};

/** An optional setting with its default. */
export const optionalEnv = (
  name: string,
  fallback: string,
  env: NodeJS.ProcessEnv = process.env,
): string => {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
};

/** An optional whole-number setting; a malformed one stops the function at load. */
export const integerEnv = (
  name: string,
  fallback: number,
  env: NodeJS.ProcessEnv = process.env,
): number => {
  const raw = optionalEnv(name, String(fallback), env);
  const value = Number(raw);
  if (!Number.isInteger(value))
    throw new Error(`Environment variable ${name} must be a whole number, got "${raw}"`);
  return value;
};

/** Comma-separated list, trimmed, empty entries dropped. */
export const listEnv = (
  name: string,
  fallback: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): string[] => {
  const raw = env[name];
  if (!raw) return fallback;
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
};
