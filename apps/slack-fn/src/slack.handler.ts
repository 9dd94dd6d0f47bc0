import { randomBytes } from 'node:crypto';
import middy from '@middy/core';
import { createRuntime } from '@peer-rewards/function-runtime';
import {
  accessLog,
  createHttpHandler,
  emfMetrics,
  errorHandler,
  headerNames,
  HttpError,
  jsonResponse,
  withDeadline,
  type HttpEvent,
  type RouteHandler,
} from '@peer-rewards/http-kit';
import {
  giveRewardAsSlackUser,
  issueSlackLinkCode,
  linkSlackUser,
  slackBalance,
  type SecretGenerator,
} from '@peer-rewards/rewards-domain';
import { DynamoDbSlackLinkRepository } from '@peer-rewards/rewards-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { readCommandForm } from './command/command-form';
import { runCommand } from './command/run-command';
import { signingSecretSource } from './signature/signing-secret';
import { slackSignature } from './signature/slack-signature.middleware';
import { loadSlackSettings } from './slack-settings';

const runtime = createRuntime('slack-fn');
const settings = loadSlackSettings();
const slackLinks = new DynamoDbSlackLinkRepository(runtime.table);
/** 256 random bits per link code. */
const secrets: SecretGenerator = { next: () => randomBytes(32).toString('base64url') };
const signingSecret = signingSecretSource(settings.signingSecret, {
  port: runtime.config.secretsExtensionPort,
});
if (!settings.signingSecret.value && !settings.signingSecret.arn) {
  runtime.log.error('no Slack signing secret is configured: every command is refused with 401');
}

const run = runCommand({
  give: giveRewardAsSlackUser({ ...runtime, slackLinks }),
  issueLinkCode: issueSlackLinkCode({ slackLinks, clock: runtime.clock, secrets }),
  balance: slackBalance({ ...runtime, slackLinks }),
  dashboardUrl: settings.dashboardUrl,
});
const link = linkSlackUser({ slackLinks, clock: runtime.clock });

const COMMANDS_PATH = /^\/slack\/commands\/?$/;

const onlyPost: middy.MiddlewareObj<HttpEvent> = {
  before: ({ event }) => {
    const method = event.requestContext?.http?.method?.toUpperCase();
    if (method !== 'POST') {
      throw new HttpError(
        405,
        'method-not-allowed',
        `${method} is not allowed on /slack/commands; use POST.`,
        { Allow: 'POST' },
      );
    }
  },
};

/**
 * `POST /slack/commands`, as Slack calls it: form-encoded and signed instead of JSON behind the
 * JWT authorizer, so it has a stack of its own built from the kit's pieces. The signature is
 * verified on the raw body before anything parses it; every answer is counted by `emfMetrics`.
 */
const commands = middy<HttpEvent, APIGatewayProxyStructuredResultV2, Error, Context>()
  .use(emfMetrics())
  .use(headerNames())
  .use(accessLog({ logger: runtime.log }))
  .use(errorHandler({ logger: runtime.log }))
  .use(onlyPost)
  .use(slackSignature({ signingSecret }))
  .handler(async (event, context) =>
    jsonResponse({
      status: 200,
      // As on every route: no database call of the command after the function's deadline.
      body: await withDeadline(context, () => run(readCommandForm(event.body ?? ''))),
    }),
  );

/** `POST /slack/link`: the dashboard, signed in, redeems the code of the link page. */
const postLink: RouteHandler = async (request) => ({
  status: 200,
  body: await link({ caller: request.caller(), body: request.body() }),
});

const api = createHttpHandler({
  name: 'slack-fn',
  corsOrigins: runtime.config.corsOrigins,
  usernameClaim: runtime.config.usernameClaim,
  logger: runtime.log,
  routes: [{ path: '/slack/link', methods: { POST: postLink } }],
});

export const handler = (event: HttpEvent, context: Context) =>
  COMMANDS_PATH.test(event.rawPath ?? '') ? commands(event, context) : api(event, context);
