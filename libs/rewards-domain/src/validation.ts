import type * as z from 'zod';
import { ValidationError, type FieldProblem } from './errors';

/**
 * Only an issue that carries its input (zod drops it unless the parse asks for `reportInput`)
 * can tell a missing field from one of the wrong type.
 */
const isMissing = (issue: z.core.$ZodIssue) =>
  issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined;

/** The problems zod found, one per field, with dotted paths (`to`, `query.limit`). */
export const problemsOf = (error: z.ZodError, prefix?: string): FieldProblem[] =>
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

/** Parses `input` with `schema` or throws a `ValidationError` naming every bad field. */
export const parseInput = <S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix?: string,
): z.output<S> => {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const details = problemsOf(result.error, prefix);
  const summary = details.map((problem) => `${problem.path} ${problem.message}`).join('; ');
  throw new ValidationError(`The request is not valid: ${summary}.`, details);
};
