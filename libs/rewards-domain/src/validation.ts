import type * as z from 'zod';
import { ValidationError, type FieldProblem } from './errors';

/** The problems zod found, one per field, with dotted paths (`to`, `query.limit`). */
export const problemsOf = (error: z.ZodError, prefix?: string): FieldProblem[] =>
  error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`
        : issue.code === 'invalid_type' && issue.input === undefined
          ? 'is required'
          : issue.message;
    return { path: path || prefix || '(body)', message };
  });

/** Parses `input` with `schema` or throws a `ValidationError` naming every bad field. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = problemsOf(result.error, prefix);
  const summary = details.map((problem) => `${problem.path} ${problem.message}`).join('; ');
  throw new ValidationError(`The request is not valid: ${summary}.`, details);
};
