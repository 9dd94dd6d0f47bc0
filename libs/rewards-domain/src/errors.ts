/** One problem with one field of the input. */
export interface FieldProblem {
  /** Where the problem is, e.g. `points` or `query.limit`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Base of every error the domain raises on purpose. `code` is the stable, kebab-case name
 * clients switch on; the HTTP layer maps it to a status.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details?: readonly FieldProblem[];

  constructor(message: string, details?: readonly FieldProblem[]) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The input does not match the schema. */
export class ValidationError extends DomainError {
  readonly code = 'validation-failed';
}

/** A pagination cursor that was not issued for this query. */
export class InvalidCursorError extends ValidationError {
  constructor(message = 'The cursor is not valid for this query.') {
    super(message, [{ path: 'cursor', message }]);
  }
}

/** A user or reward that does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'not-found';
}

/** The caller has no profile yet, so cannot give rewards. */
export class ProfileRequiredError extends DomainError {
  readonly code = 'profile-required';
  constructor(readonly username: string) {
    super(`Create your profile (PUT /users/me) before giving rewards, ${username}.`);
  }
}

/**
 * The base of an error that always says the same: a fixed `code` and message, no arguments.
 * Each subclass keeps its own name, so `instanceof` and `name` tell them apart.
 */
const fixedError = <Code extends string>(
  code: Code,
  message: string,
): new () => DomainError & { readonly code: Code } =>
  class extends DomainError {
    readonly code = code;
    constructor() {
      super(message);
    }
  };

/** Nobody may reward themselves. */
export class SelfRewardError extends fixedError(
  'self-reward',
  'You cannot give a reward to yourself.',
) {}

/** The reward would take the giver past the monthly allowance. */
export class AllowanceExceededError extends DomainError {
  readonly code = 'allowance-exceeded';
  constructor(
    readonly left: number,
    readonly requested: number,
    readonly allowance: number,
  ) {
    super(
      `You have ${left} of your ${allowance} points left this month; this reward needs ${requested}.`,
    );
  }
}

/** An idempotency key reused with a different request. */
export class IdempotencyConflictError extends fixedError(
  'idempotency-conflict',
  'This Idempotency-Key was already used with a different request.',
) {}

/** The database is throttled or unreachable; the request may be retried later. */
export class DependencyUnavailableError extends DomainError {
  readonly code = 'service-unavailable';
  constructor(
    message = 'The service is busy. Please retry shortly.',
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}

/** A Slack link code that was never issued, is used, or has expired. */
export class LinkCodeInvalidError extends fixedError(
  'link-code-invalid',
  'This link code is unknown, already used or expired. Run "link" in Slack again.',
) {}

/** The Slack user is linked to another profile; a link is never moved silently. */
export class SlackUserLinkedError extends fixedError(
  'slack-user-linked',
  'This Slack user is already linked to another profile.',
) {}

/** A Slack user (the caller or the recipient) has not linked a profile yet. */
export class SlackUserNotLinkedError extends DomainError {
  readonly code = 'slack-user-not-linked';
  constructor(
    readonly userId: string,
    readonly role: 'caller' | 'recipient',
  ) {
    super(
      role === 'caller'
        ? 'Link your Slack user to your profile first.'
        : `The Slack user ${userId} has not linked a profile yet.`,
    );
  }
}
