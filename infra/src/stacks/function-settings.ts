/**
 * What a function's manifest entry asks for beyond the shared settings: its secrets, each
 * created in Secrets Manager by the function's own stack and readable by that function alone
 * (the ARN goes in the environment, never the value), and the dashboard's address for functions
 * that write links to it.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ENV, type FunctionSpec } from '@peer-rewards/platform-manifest';
import type { StageConfig } from '../config/stages';

/** `peer-rewards/<stage>/<name>`: the stage's execution policy allows exactly this prefix. */
export const secretNameFor = (stage: string, name: string): string =>
  `peer-rewards/${stage}/${name}`;

const constructIdOf = (name: string) =>
  `Secret${name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}`;

/** Creates the function's secrets, lets `role` read them; returns the environment to add. */
export const functionSettings = (
  scope: Construct,
  config: StageConfig,
  spec: FunctionSpec,
  role: IRole,
): Record<string, string> => {
  if (spec.kind !== 'http') return {};
  const environment: Record<string, string> = {};
  for (const wanted of spec.secrets ?? []) {
    const secret = new Secret(scope, constructIdOf(wanted.name), {
      secretName: secretNameFor(config.stage, wanted.name),
      description: `${wanted.description}. Created with a random placeholder: put the real value here.`,
      // The value is set by hand once; a stack replaced or deleted must not take it along.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    secret.grantRead(role);
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The value is issued by a third party (e.g. Slack regenerates a signing secret) and is rotated there, then put here by hand; no Lambda can rotate it.',
    });
    environment[wanted.arnEnv] = secret.secretArn;
  }
  if (spec.linksToDashboard) {
    environment[ENV.dashboardUrl] = `https://${config.dashboard.domainName}`;
  }
  return environment;
};
