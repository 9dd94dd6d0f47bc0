import * as z from 'zod/mini';
import { once } from './lazy';
import { isoDateTime, username } from './user.schema';

/** Slack's ids of workspaces and users: `T024BE7LD`, `U012AB3CD`, `W0123ABC` (Enterprise Grid). */
export const SLACK_ID_PATTERN = /^[A-Z0-9]{2,32}$/;

const slackId = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(
      z.minLength(1, { error: 'is required', abort: true }),
      z.regex(SLACK_ID_PATTERN, 'must be a Slack id: 2-32 characters A-Z or 0-9'),
    )
    .register(z.globalRegistry, {
      description: 'A Slack workspace or user id',
      example: 'U012AB3CD',
    }),
);

const linkCode = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(
      z.regex(
        /^[A-Za-z0-9_-]{22,128}$/,
        'must be a link code from Slack (22-128 characters A-Z, a-z, 0-9, "-", "_")',
      ),
    )
    .register(z.globalRegistry, { description: 'One-time code from the Slack command "link"' }),
);

const slackLinkBody = /* @__PURE__ */ once(() => z.strictObject({ code: linkCode() }));

const slackLink = /* @__PURE__ */ once(() =>
  z
    .object({
      teamId: slackId(),
      userId: slackId(),
      username: username(),
      linkedAt: isoDateTime(),
    })
    .register(z.globalRegistry, { id: 'SlackLink' }),
);

export const slackIdSchema = /* @__PURE__ */ z.lazy(slackId);

/** A one-time link code as issued: base64url of at least 128 random bits. */
export const linkCodeSchema = /* @__PURE__ */ z.lazy(linkCode);

/** Body of `POST /slack/link`. */
export const slackLinkBodySchema = /* @__PURE__ */ z.lazy(slackLinkBody);
export type SlackLinkBody = z.infer<typeof slackLinkBodySchema>;

/** Answer of `POST /slack/link`: who is linked to whom. */
export const slackLinkSchema = /* @__PURE__ */ z.lazy(slackLink);
