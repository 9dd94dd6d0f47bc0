import { ENV } from '@peer-rewards/platform-manifest';
import { requireEnv } from '@peer-rewards/http-kit';
import type { SigningSecretSettings } from './signature/signing-secret';

export interface SlackSettings {
  /** The dashboard's address, where the link page is (`?code=`). */
  readonly dashboardUrl: string;
  readonly signingSecret: SigningSecretSettings;
}

/** The function's own settings, read once at load; a malformed one fails the cold start. */
export const loadSlackSettings = (env: NodeJS.ProcessEnv = process.env): SlackSettings => {
  const dashboardUrl = requireEnv(ENV.dashboardUrl, env);
  if (!/^https?:\/\/[^\s/]+/.test(dashboardUrl)) {
    throw new Error(`${ENV.dashboardUrl} must be an http(s) URL, not "${dashboardUrl}"`);
  }
  return {
    dashboardUrl,
    signingSecret: {
      value: env[ENV.slackSigningSecret] || undefined,
      arn: env[ENV.slackSigningSecretArn] || undefined,
    },
  };
};
