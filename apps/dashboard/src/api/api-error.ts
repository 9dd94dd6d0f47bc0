import type { ApiErrorBody } from './api-types';

export interface ApiErrorDetail {
  /** Dotted path of the offending field, e.g. `points` or `to`. */
  path: string;
  message: string;
}

/** A failed API call: the API's own `error.code`/`message`/`details`, or `network-error`. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    /** Seconds from a `Retry-After` header, when the API sent one. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Your sign-in has expired. Please sign in again.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  413: 'That is too long.',
  429: 'Too many requests — please wait a moment.',
  503: 'The service is busy. Please try again in a moment.',
};

/** `['points']`, `/points` and `body.points` all name the form field `points`. */
const normalizePath = (path: unknown): string => {
  const text = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
  return text
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
};

/** Builds an ApiError from a non-2xx response body, whatever it holds. */
export const apiErrorFrom = (status: number, body: unknown, retryAfter?: number): ApiError => {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = Array.isArray(error.details)
      ? error.details.map((detail) => ({
          path: normalizePath(detail?.path),
          message: String(detail?.message ?? ''),
        }))
      : [];
    return new ApiError(status, error.code, error.message, details, retryAfter);
  }
  const message = DEFAULT_MESSAGES[status] ?? `The API answered ${status}.`;
  return new ApiError(status, `http-${status}`, message, [], retryAfter);
};

export const networkError = (): ApiError =>
  new ApiError(0, 'network-error', 'Cannot reach the service. Check your connection.');

/** Errors placed beside form fields, plus one for the whole form. */
export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  form?: string;
}

/**
 * Places an API error next to the field it is about: `details` by their path, rule errors by
 * their code (`codeFields`), anything else on the form as a whole. The API's own words are
 * kept, because they say what is wrong (e.g. how many points are left).
 */
export const formErrorsFrom = <F extends string>(
  error: unknown,
  fieldNames: readonly F[],
  codeFields: Partial<Record<string, F>> = {},
): FormErrors<F> => {
  if (!(error instanceof ApiError)) {
    return { fields: {}, form: 'Something went wrong. Please try again.' };
  }
  const fields: Partial<Record<F, string>> = {};
  const unplaced: string[] = [];
  for (const detail of error.details) {
    const field = fieldNames.find(
      (name) => detail.path === name || detail.path.startsWith(`${name}.`),
    );
    if (field && !fields[field]) fields[field] = detail.message;
    else if (!field) unplaced.push(detail.message);
  }
  // A broken rule's own message is the whole sentence ("You have 30 of your 100 points left…");
  // it beats the terser detail about the same field.
  const codeField = codeFields[error.code];
  if (codeField) fields[codeField] = error.message;
  const placed = Object.keys(fields).length > 0;
  const form = !placed ? error.message : unplaced.length > 0 ? unplaced.join(' ') : undefined;
  return form === undefined ? { fields } : { fields, form };
};

export const REWARD_FIELDS = ['to', 'points', 'message'] as const;
export type RewardField = (typeof REWARD_FIELDS)[number];

/** Rule errors of `POST /rewards` and the field each one is about. */
export const REWARD_CODE_FIELDS: Partial<Record<string, RewardField>> = {
  'self-reward': 'to',
  'not-found': 'to',
  'allowance-exceeded': 'points',
};

export const rewardFormErrors = (error: unknown): FormErrors<RewardField> =>
  formErrorsFrom(error, REWARD_FIELDS, REWARD_CODE_FIELDS);

export const PROFILE_FIELDS = ['displayName', 'avatar'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const profileFormErrors = (error: unknown): FormErrors<ProfileField> =>
  formErrorsFrom(error, PROFILE_FIELDS);
