/**
 * A slash command as Slack sends it: the form fields of a command, signed with the app's signing
 * secret (`v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`), written here independently of
 * slack-fn's verification so that a test through both proves they agree.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface SlackCommandInput {
  readonly text: string;
  readonly userId: string;
  readonly teamId?: string;
  /** The command's name in the workspace. */
  readonly command?: string;
  /** Slack's id of the delivery; a redelivery carries the same one. */
  readonly triggerId?: string;
  /** Every field of the form (`user_id: ''` to leave one empty), after the defaults. */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface SigningOptions {
  /** The signing secret; absent means the request goes unsigned. */
  readonly secret?: string;
  /** Epoch seconds of the signature (default now). */
  readonly timestamp?: number;
}

export interface SlackRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

export const LOCAL_TEAM_ID = 'T0LOCAL';

/** A Slack-looking delivery id: `<digits>.<digits>.<hex>`. */
export const newTriggerId = (): string =>
  `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomBytes(16).toString('hex')}`;

/**
 * `@U0ALEX` written by hand becomes the mention Slack sends for it (`<@U0ALEX>`), so a command
 * typed in a terminal reads like one typed in Slack.
 */
export const asSlackText = (text: string): string =>
  text.replace(/(^|\s)@([UW][A-Z0-9]{1,31})(?=\s|$)/g, '$1<@$2>');

export const signSlackBody = (secret: string, timestamp: number, body: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** The body and headers of one command, signed unless no secret is given. */
export const slackCommandRequest = (
  input: SlackCommandInput,
  signing: SigningOptions = {},
): SlackRequest => {
  const teamId = input.teamId ?? LOCAL_TEAM_ID;
  const body = new URLSearchParams({
    token: 'unused-verification-token',
    team_id: teamId,
    team_domain: 'local',
    channel_id: 'C0LOCAL',
    channel_name: 'general',
    user_id: input.userId,
    user_name: input.userId.toLowerCase(),
    command: input.command ?? '/give',
    text: input.text,
    api_app_id: 'A0LOCAL',
    response_url: `https://hooks.slack.com/commands/${teamId}/0/local`,
    trigger_id: input.triggerId ?? newTriggerId(),
    ...input.fields,
  }).toString();
  const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...(signing.secret
        ? {
            'x-slack-request-timestamp': String(timestamp),
            'x-slack-signature': signSlackBody(signing.secret, timestamp, body),
          }
        : {}),
    },
  };
};

export interface SlackAnswer {
  readonly status: number;
  /** `{response_type, text}` for a command, the API's error shape otherwise. */
  readonly body: {
    response_type?: string;
    text?: string;
    error?: { code: string; message: string };
  };
  readonly ms: number;
}

/** Posts the command to `<baseUrl>/slack/commands`, as Slack would. */
export const sendSlackCommand = async (
  baseUrl: string,
  request: SlackRequest,
): Promise<SlackAnswer> => {
  const started = performance.now();
  const response = await fetch(new URL('/slack/commands', baseUrl), {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: SlackAnswer['body'];
  try {
    body = JSON.parse(text) as SlackAnswer['body'];
  } catch {
    body = { text };
  }
  return { status: response.status, body, ms };
};

/** The link of a `link` answer (`<url|label>`), or undefined. */
export const linkIn = (text: string | undefined): string | undefined =>
  /<(https?:\/\/[^|>]+)\|/.exec(text ?? '')?.[1];
