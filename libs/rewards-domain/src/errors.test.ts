import {
  AllowanceExceededError,
  DependencyUnavailableError,
  DomainError,
  IdempotencyConflictError,
  InvalidCursorError,
  NotFoundError,
  ProfileRequiredError,
  SelfRewardError,
  ValidationError,
} from './errors';

describe('domain errors', () => {
  it.each([
    [
      new ValidationError('bad', [{ path: 'to', message: 'is required' }]),
      'validation-failed',
      'ValidationError',
    ],
    [new InvalidCursorError(), 'validation-failed', 'InvalidCursorError'],
    [new NotFoundError('There is no user "x".'), 'not-found', 'NotFoundError'],
    [new ProfileRequiredError('alex'), 'profile-required', 'ProfileRequiredError'],
    [new SelfRewardError(), 'self-reward', 'SelfRewardError'],
    [new AllowanceExceededError(5, 10, 100), 'allowance-exceeded', 'AllowanceExceededError'],
    [new IdempotencyConflictError(), 'idempotency-conflict', 'IdempotencyConflictError'],
    [new DependencyUnavailableError(), 'service-unavailable', 'DependencyUnavailableError'],
  ])('%s has a stable code and its own name', (error, code, name) => {
    // Assert
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
    expect(error.message).not.toBe('');
  });

  it('says how much allowance is left', () => {
    // Act
    const error = new AllowanceExceededError(5, 10, 100);

    // Assert
    expect(error.message).toBe(
      'You have 5 of your 100 points left this month; this reward needs 10.',
    );
    expect({ left: error.left, requested: error.requested, allowance: error.allowance }).toEqual({
      left: 5,
      requested: 10,
      allowance: 100,
    });
  });

  it('points an invalid cursor at the cursor field', () => {
    // Act
    const error = new InvalidCursorError();

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual([
      { path: 'cursor', message: 'The cursor is not valid for this query.' },
    ]);
  });

  it('suggests when to retry an unavailable dependency', () => {
    // Act
    const byDefault = new DependencyUnavailableError();
    const custom = new DependencyUnavailableError('Throttled.', 5);

    // Assert
    expect(byDefault.retryAfterSeconds).toBe(1);
    expect(custom).toMatchObject({ message: 'Throttled.', retryAfterSeconds: 5 });
  });

  it('names the user who has no profile yet', () => {
    // Act
    const error = new ProfileRequiredError('alex');

    // Assert
    expect(error.username).toBe('alex');
    expect(error.message).toContain('PUT /users/me');
  });
});
