import {
  DEFAULT_RULES,
  apiErrorBodySchema,
  giveRewardBodySchema,
  healthSchema,
  leaderboardSchema,
  profileInputSchema,
  rewardListSchema,
  rewardSchema,
  userBatchSchema,
  userListSchema,
  userProfileSchema,
  type RewardRules,
} from '@peer-rewards/rewards-domain';
import * as z from 'zod/mini';

/**
 * The response schemas the document describes. They are pure (a bundle drops what it does not
 * reference) and built on first use, so they are named here and built with the document: the
 * components come from the registry they join.
 */
const DOCUMENTED_SCHEMAS = [
  userProfileSchema,
  userListSchema,
  userBatchSchema,
  rewardSchema,
  rewardListSchema,
  leaderboardSchema,
  apiErrorBodySchema,
  healthSchema,
] as const;

type JsonSchema = Record<string, unknown>;

/** The schema that joined the registry: the domain exports `z.lazy` over it (built on first use). */
const registered = (schema: z.core.$ZodType): z.core.$ZodType =>
  schema._zod.def.type === 'lazy' ? registered((schema as z.core.$ZodLazy)._zod.innerType) : schema;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonSchema) => ({ content: { 'application/json': { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: ERROR_TEXT[status], ...json(ref('Error')) },
    ]),
  );

/** What every polled GET adds: the tag of the last answer in, a 304 without a body out. */
const revalidation = {
  parameter: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'The ETag of the last answer: 304 without a body while nothing changed.',
    schema: { type: 'string' },
  },
  response: {
    '304': {
      description:
        'Not modified: the answer would be the one the ETag names (Cache-Control: private, no-cache)',
    },
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'validation-failed: the input does not match the schema (details per field), or a cursor this API did not issue for this query (forged, edited, truncated)',
  401: 'unauthorized: no valid bearer token, or its username claim is no valid username (or the reserved "me")',
  403: 'profile-required: create your profile first',
  404: 'not-found',
  405: 'method-not-allowed (see Allow)',
  409: 'idempotency-conflict: the key was used with another body',
  413: 'payload-too-large: the body is over 16 KB',
  415: 'unsupported-media-type: send application/json',
  422: 'self-reward or allowance-exceeded',
  503: 'service-unavailable: retry after Retry-After seconds. Nothing is written after this answer; a POST /rewards retried with the same Idempotency-Key gives the reward at most once',
};

const strip = (schema: JsonSchema): JsonSchema => {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
};

const query = (name: string, schema: JsonSchema, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

/** The OpenAPI 3.1 document of the whole API, generated from the domain's zod schemas. */
export const buildOpenApiDocument = (version: string, rules: RewardRules = DEFAULT_RULES) => {
  // Every schema with an id becomes a component, and references between them point at
  // components. Responses are described as the API writes them (output), request bodies as
  // clients send them (input). A schema with an id converted on its own would come out as a
  // `$ref` into its own `$defs`, which nothing in an OpenAPI document resolves.
  // Building them (`registered`) puts them in the registry, the request body's schema too.
  for (const schema of DOCUMENTED_SCHEMAS) {
    if (!z.globalRegistry.get(registered(schema))?.id) {
      throw new Error('A documented schema has no id.');
    }
  }
  const profileInputId = z.globalRegistry.get(registered(profileInputSchema))?.id ?? 'ProfileInput';
  const registry = (io: 'input' | 'output') =>
    (
      z.toJSONSchema(z.globalRegistry, {
        target: 'draft-2020-12',
        io,
        unrepresentable: 'any',
        uri: (id) => `#/components/schemas/${id}`,
      }) as { schemas: Record<string, JsonSchema> }
    ).schemas;
  const output = registry('output');
  const input = registry('input');
  const schemas: Record<string, JsonSchema> = Object.fromEntries(
    Object.entries({ ...output, [profileInputId]: input[profileInputId] }).map(([id, schema]) => [
      id,
      strip(schema),
    ]),
  );
  schemas.GiveReward = strip(
    z.toJSONSchema(giveRewardBodySchema(rules), {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema,
  );
  const bearer = [{ bearerAuth: [] }];
  const limit = (max: number, fallback: number) =>
    query('limit', { type: 'integer', minimum: 1, maximum: max, default: fallback }, 'Page size');
  const cursor = query('cursor', { type: 'string' }, 'nextCursor of the previous page');

  return {
    openapi: '3.1.0',
    info: {
      title: 'peer-rewards',
      version,
      description:
        'Colleagues give each other reward points with a message. Every route but /health and /openapi.json needs a bearer JWT.',
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas,
    },
    paths: {
      '/users': {
        get: {
          summary: 'Users sorted by username, or a batch by name',
          security: bearer,
          parameters: [
            limit(100, 20),
            cursor,
            query(
              'usernames',
              { type: 'string' },
              'Comma-separated usernames (≤ 100): answers {users, missing}',
            ),
          ],
          responses: {
            '200': {
              description: 'A page of users, or the batch',
              ...json({ oneOf: [ref('UserList'), ref('UserBatch')] }),
            },
            ...errors(400, 401, 503),
          },
        },
      },
      '/users/me': {
        get: {
          summary: 'Your own profile, with allowanceLeft',
          security: bearer,
          responses: {
            '200': { description: 'Profile', ...json(ref('UserProfile')) },
            ...errors(401, 404, 503),
          },
        },
        put: {
          summary: 'Create or update your profile',
          security: bearer,
          requestBody: { required: true, ...json(ref('ProfileInput')) },
          responses: {
            '200': { description: 'Updated', ...json(ref('User')) },
            '201': { description: 'Created', ...json(ref('User')) },
            ...errors(400, 401, 413, 415, 503),
          },
        },
      },
      '/users/{username}': {
        get: {
          summary: 'A profile with stats and BFF',
          security: bearer,
          parameters: [
            { name: 'username', in: 'path', required: true, schema: { type: 'string' } },
            revalidation.parameter,
          ],
          responses: {
            '200': { description: 'Profile', ...json(ref('UserProfile')) },
            ...revalidation.response,
            ...errors(401, 404, 503),
          },
        },
      },
      '/rewards': {
        get: {
          summary: 'The feed, newest first',
          security: bearer,
          parameters: [
            limit(100, 20),
            cursor,
            query('to', { type: 'string' }, 'Only rewards to this user'),
            query(
              'from',
              { type: 'string' },
              'Only rewards from this user. With both to and from, a page may hold fewer rewards than limit (even none) and still carry a nextCursor: each page reads a bounded number of rewards.',
            ),
            revalidation.parameter,
          ],
          responses: {
            '200': { description: 'A page of rewards', ...json(ref('RewardList')) },
            ...revalidation.response,
            ...errors(400, 401, 503),
          },
        },
        post: {
          summary: 'Give a reward (you are the giver)',
          security: bearer,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'Same key and body: the same reward (200). Same key, other body: 409. Keep the key when retrying after a network error or a 503: the reward is given at most once.',
              schema: { type: 'string', maxLength: 128 },
            },
          ],
          requestBody: { required: true, ...json(ref('GiveReward')) },
          responses: {
            '201': { description: 'Given', ...json(ref('Reward')) },
            '200': { description: 'Replayed by Idempotency-Key', ...json(ref('Reward')) },
            ...errors(400, 401, 403, 404, 409, 413, 415, 422, 503),
          },
        },
      },
      '/rewards/{id}': {
        get: {
          summary: 'One reward',
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The reward', ...json(ref('Reward')) },
            ...errors(401, 404, 503),
          },
        },
      },
      '/leaderboard': {
        get: {
          summary: 'Best colleagues and their BFFs',
          security: bearer,
          parameters: [
            query(
              'period',
              { type: 'string', enum: ['week', 'month', 'all'], default: 'week' },
              'ISO week, month (UTC) or all time',
            ),
            limit(50, 10),
            revalidation.parameter,
          ],
          responses: {
            '200': { description: 'The board', ...json(ref('Leaderboard')) },
            ...revalidation.response,
            ...errors(400, 401, 503),
          },
        },
      },
      '/health': {
        get: {
          summary: 'Liveness and version',
          responses: { '200': { description: 'Up', ...json(ref('Health')) } },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
    },
  };
};
