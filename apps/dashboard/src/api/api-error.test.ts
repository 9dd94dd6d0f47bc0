import {
  ApiError,
  apiErrorFrom,
  networkError,
  profileFormErrors,
  rewardFormErrors,
} from './api-error';

describe('apiErrorFrom', () => {
  it('keeps the API error code, message and details, joining array paths', () => {
    // Act
    const error = apiErrorFrom(400, {
      error: {
        code: 'validation-failed',
        message: 'The request is invalid.',
        details: [
          { path: ['points'], message: 'Too big: expected at most 100' },
          { path: '/message', message: 'Required' },
          { path: 'body.to', message: 'must be a valid username' },
        ],
      },
    });

    // Assert
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(error.details).toEqual([
      { path: 'points', message: 'Too big: expected at most 100' },
      { path: 'message', message: 'Required' },
      { path: 'to', message: 'must be a valid username' },
    ]);
  });

  it('makes a readable error from a body that is not the API format', () => {
    expect(apiErrorFrom(503, 'Service Unavailable', 2)).toMatchObject({
      code: 'http-503',
      message: 'The service is busy. Please try again in a moment.',
      retryAfter: 2,
    });
    expect(apiErrorFrom(502, null).message).toBe('The API answered 502.');
  });
});

describe('rewardFormErrors', () => {
  it('puts an allowance error with its message beside the points', () => {
    // Arrange
    const error = apiErrorFrom(422, {
      error: {
        code: 'allowance-exceeded',
        message: 'You have 30 of your 100 points left this month; this reward needs 31.',
        details: [{ path: 'points', message: '30 points left this month' }],
      },
    });

    // Act
    const errors = rewardFormErrors(error);

    // Assert
    expect(errors).toEqual({
      fields: { points: 'You have 30 of your 100 points left this month; this reward needs 31.' },
    });
  });

  it('puts a self-reward or an unknown recipient beside the recipient', () => {
    expect(
      rewardFormErrors(new ApiError(422, 'self-reward', 'You cannot reward yourself.')).fields,
    ).toEqual({ to: 'You cannot reward yourself.' });
    expect(rewardFormErrors(new ApiError(404, 'not-found', 'No user "zed".')).fields).toEqual({
      to: 'No user "zed".',
    });
  });

  it('places each validation detail on its field and the rest on the form', () => {
    // Arrange
    const error = new ApiError(400, 'validation-failed', 'The request is invalid.', [
      { path: 'message', message: 'Too long: at most 280 characters' },
      { path: 'points', message: 'Expected an integer' },
      { path: 'extra', message: 'Unrecognized key "extra"' },
    ]);

    // Act
    const errors = rewardFormErrors(error);

    // Assert
    expect(errors).toEqual({
      fields: { message: 'Too long: at most 280 characters', points: 'Expected an integer' },
      form: 'Unrecognized key "extra"',
    });
  });

  it('shows errors about no field on the form', () => {
    expect(rewardFormErrors(new ApiError(409, 'idempotency-conflict', 'Already used.'))).toEqual({
      fields: {},
      form: 'Already used.',
    });
    expect(rewardFormErrors(networkError()).form).toBe(
      'Cannot reach the service. Check your connection.',
    );
    expect(rewardFormErrors(new TypeError('boom')).form).toBe(
      'Something went wrong. Please try again.',
    );
  });
});

describe('profileFormErrors', () => {
  it('maps details to the profile fields', () => {
    expect(
      profileFormErrors(
        new ApiError(400, 'validation-failed', 'Invalid.', [
          { path: 'displayName', message: 'Required' },
        ]),
      ),
    ).toEqual({ fields: { displayName: 'Required' } });
  });
});
