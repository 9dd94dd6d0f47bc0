import * as z from 'zod';
import { ValidationError } from './errors';
import { giveRewardBodySchema } from './schemas/reward.schema';
import { parseInput, problemsOf } from './validation';

describe('parseInput', () => {
  it('returns the parsed value when the input is valid', () => {
    // Act
    const body = parseInput(giveRewardBodySchema(), {
      to: 'alex',
      points: 10,
      message: '  Thanks 🎉  ',
    });

    // Assert
    expect(body).toEqual({ to: 'alex', points: 10, message: 'Thanks 🎉' });
  });

  it('names every bad field with its path and problem', () => {
    // Act
    const failure = (() => {
      try {
        parseInput(giveRewardBodySchema(), { points: '10', message: 'hi', from: 'x', extra: 1 });
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    // Assert
    expect(failure).toBeInstanceOf(ValidationError);
    const error = failure as ValidationError;
    expect(error.code).toBe('validation-failed');
    expect(error.details).toEqual([
      { path: 'to', message: 'is required' },
      { path: 'points', message: 'Invalid input: expected number, received string' },
      { path: '(body)', message: 'unknown fields: from, extra' },
    ]);
    expect(error.message).toBe(
      'The request is not valid: to is required; points Invalid input: expected number, received string; (body) unknown fields: from, extra.',
    );
  });

  it('says a field of the wrong type is wrong, not missing', () => {
    // Act
    const act = () => parseInput(z.strictObject({ points: z.number() }), { points: null });

    // Assert
    expect(act).toThrow(
      expect.objectContaining({
        details: [{ path: 'points', message: 'Invalid input: expected number, received null' }],
      }),
    );
  });

  it('puts the prefix in front of every path', () => {
    // Act
    const act = () =>
      parseInput(
        z.strictObject({ limit: z.number().max(5, 'must be at most 5') }),
        { limit: 6, x: 1 },
        'query',
      );

    // Assert
    expect(act).toThrow(
      expect.objectContaining({
        details: [
          { path: 'query.limit', message: 'must be at most 5' },
          { path: 'query', message: 'unknown field: x' },
        ],
      }),
    );
  });

  it('uses the prefix alone as the path of a bad scalar', () => {
    // Act
    const act = () => parseInput(z.string().min(2, 'too short'), 'a', 'token.username');

    // Assert
    expect(act).toThrow(
      expect.objectContaining({ details: [{ path: 'token.username', message: 'too short' }] }),
    );
  });
});

describe('problemsOf', () => {
  it("keeps zod's own message for an error parsed without reportInput", () => {
    // Arrange
    const result = z.object({ to: z.string() }).safeParse({});

    // Act
    const problems = result.success ? [] : problemsOf(result.error);

    // Assert
    expect(problems).toEqual([
      { path: 'to', message: 'Invalid input: expected string, received undefined' },
    ]);
  });

  it('calls the root of the body "(body)"', () => {
    // Arrange
    const result = z.string().safeParse(42);

    // Act
    const problems = result.success ? [] : problemsOf(result.error);

    // Assert
    expect(problems).toEqual([
      { path: '(body)', message: 'Invalid input: expected string, received number' },
    ]);
  });
});
