import * as z from 'zod';
import { isoDateTimeSchema, usernameSchema } from './user.schema';

/** Slack's ids of workspaces and users: `T024BE7LD`, `U012AB3CD`, `W0123ABC` (Enterprise Grid). */
export const SLACK_ID_PATTERN = /^[A-Z0-9]{2,32}$/;

export const slackIdSchema = z
  .string()
  .min(1, { error: 'is required', abort: true })
  .regex(SLACK_ID_PATTERN, 'must be a Slack id: 2-32 characters A-Z or 0-9')
  .meta({ description: 'A Slack workspace or user id', example: 'U012AB3CD' });

/** A one-time link code as issued: base64url of at least 128 random bits. */
export const linkCodeSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{22,128}$/,
    'must be a link code from Slack (22-128 characters A-Z, a-z, 0-9, "-", "_")',
  )
  .meta({ description: 'One-time code from the Slack command "link"' });

/** Body of `POST /slack/link`. */
export const slackLinkBodySchema = z.strictObject({ code: linkCodeSchema });
export type SlackLinkBody = z.infer<typeof slackLinkBodySchema>;

/** Answer of `POST /slack/link`: who is linked to whom. */
export const slackLinkSchema = z
  .object({
    teamId: slackIdSchema,
    userId: slackIdSchema,
    username: usernameSchema,
    linkedAt: isoDateTimeSchema,
  })
  .meta({ id: 'SlackLink' });
