/**
 * A schema's construction, run on its first call and shared after: the schemas are built on
 * first use, not when a function loads. Exported schemas wrap one in `z.lazy` (still a zod
 * schema: `safeParse` and `z.toJSONSchema` work on it); schemas built of others call the
 * builders, so a schema is one instance wherever it is used (one entry in zod's registry).
 */
export const once = <T>(build: () => T): (() => T) => {
  let built: T | undefined;
  return () => (built ??= build());
};
