import * as z from 'zod/mini';
import { en as english } from 'zod/locales';
import { ValidationError, type FieldProblem } from './errors';

/**
 * Only an issue that carries its input (zod drops it unless the parse asks for `reportInput`)
 * can tell a missing field from one of the wrong type.
 */
const isMissing = (issue: z.core.$ZodIssue) =>
  issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined;

/** The problems zod found, one per field, with dotted paths (`to`, `query.limit`). */
export const problemsOf = (error: z.core.$ZodError, prefix?: string): FieldProblem[] =>
  error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
        : isMissing(issue)
          ? 'is required'
          : issue.message;
    return { path: path || '(body)', message };
  });

// zod/mini ships no messages of its own ("Invalid input"); the English ones, for this parse only
// (no global setting changes for other users of zod), made on first use.
let messages: z.core.$ZodErrorMap | undefined;

/**
 * `schema.safeParse(input)` with the input kept on each issue (so a missing field can be told
 * from a wrong one) and zod's English messages.
 */
export const checkInput = <S extends z.core.$ZodType>(schema: S, input: unknown) =>
  z.safeParse(schema, input, {
    reportInput: true,
    error: (messages ??= english().localeError),
  });

/** Parses `input` with `schema` or throws a `ValidationError` naming every bad field. */
export const parseInput = <S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  prefix?: string,
): z.output<S> => {
  const result = checkInput(schema, input);
  if (result.success) return result.data;
  const details = problemsOf(result.error, prefix);
  const summary = details.map((problem) => `${problem.path} ${problem.message}`).join('; ');
  throw new ValidationError(`The request is not valid: ${summary}.`, details);
};
