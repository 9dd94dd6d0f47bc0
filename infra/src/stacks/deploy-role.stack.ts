import { ArnFormat, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  OidcProviderNative,
  PolicyDocument,
  PolicyStatement,
  Role,
  WebIdentityPrincipal,
  type IOidcProvider,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { FUNCTION_NAMES } from '@peer-rewards/platform-manifest';
import type { StageConfig } from '../config/stages';
import { functionNameFor } from '../ssm-parameters';

export interface DeployRoleStackProps extends StackProps {
  readonly config: StageConfig;
}

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** The release CLI's Lambda calls: alias status, rollback and version pruning. */
export const RELEASE_LAMBDA_ACTIONS = [
  'lambda:GetAlias',
  'lambda:UpdateAlias',
  'lambda:ListAliases',
  'lambda:ListVersionsByFunction',
  'lambda:GetFunction',
  'lambda:DeleteFunction',
] as const;

/** The CDK bootstrap roles (default qualifier) a `cdk deploy` assumes; no image assets here. */
const BOOTSTRAP_ROLES = ['deploy-role', 'file-publishing-role', 'lookup-role'] as const;

/** The OIDC `sub` a stage trusts: dev deploys from pushes to main, prod from its environment. */
export const githubSubjectFor = (config: StageConfig): string =>
  config.stage === 'prod'
    ? `repo:${config.github.repository}:environment:prod`
    : `repo:${config.github.repository}:ref:refs/heads/main`;

/**
 * The role GitHub Actions assume to deploy this stage. It can do no more than hand over to the
 * CDK bootstrap roles, read this app's stacks and move the functions' aliases.
 */
export class DeployRoleStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: DeployRoleStackProps) {
    super(scope, id, props);
    const { config } = props;

    // An account holds one provider per issuer URL: one stage creates it, the others import it.
    const provider: IOidcProvider =
      config.github.oidcProvider === 'create'
        ? new OidcProviderNative(this, 'GithubOidcProvider', {
            url: `https://${GITHUB_OIDC_HOST}`,
            clientIds: [GITHUB_OIDC_AUDIENCE],
          })
        : OidcProviderNative.fromOidcProviderArn(
            this,
            'GithubOidcProvider',
            this.formatArn({
              service: 'iam',
              region: '',
              resource: 'oidc-provider',
              resourceName: GITHUB_OIDC_HOST,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          );

    const bootstrapRoleArns = BOOTSTRAP_ROLES.map((name) =>
      this.formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: `cdk-hnb659fds-${name}-${this.account}-${this.region}`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    );
    const stackArn = this.formatArn({
      service: 'cloudformation',
      resource: 'stack',
      resourceName: `${config.stage}-*/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const functionArns = FUNCTION_NAMES.flatMap((fn) => {
      const arn = this.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: functionNameFor(config.stage, fn),
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      return [arn, `${arn}:*`];
    });

    this.role = new Role(this, 'DeployRole', {
      roleName: `peer-rewards-${config.stage}-deploy`,
      description: `GitHub Actions deploys of ${config.github.repository} to ${config.stage}`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
          [`${GITHUB_OIDC_HOST}:sub`]: githubSubjectFor(config),
        },
      }),
      inlinePolicies: {
        deploy: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'AssumeCdkBootstrapRoles',
              actions: ['sts:AssumeRole'],
              resources: bootstrapRoleArns,
            }),
            new PolicyStatement({
              sid: 'ReadStageStacks',
              actions: [
                'cloudformation:DescribeStacks',
                'cloudformation:DescribeStackEvents',
                'cloudformation:DescribeStackResources',
                'cloudformation:ListStackResources',
              ],
              resources: [stackArn],
            }),
            new PolicyStatement({
              sid: 'ReleaseFunctions',
              actions: [...RELEASE_LAMBDA_ACTIONS],
              resources: functionArns,
            }),
          ],
        }),
      },
    });

    const acknowledge = (resource: string, reason: string) =>
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason,
      });
    acknowledge(
      `arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/${config.stage}-*/*`,
      `Read-only describe calls on this stage's stacks, which are all named ${config.stage}-*; the trailing segment is the stack id CloudFormation assigns.`,
    );
    for (const fn of FUNCTION_NAMES) {
      acknowledge(
        `arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${functionNameFor(config.stage, fn)}:*`,
        'Qualified ARNs of this one function: rollback moves its alias and pruning deletes its old versions, which are only known at run time.',
      );
    }

    new CfnOutput(this, 'DeployRoleArn', {
      value: this.role.roleArn,
      description: 'role-to-assume of the delivery workflows for this stage',
    });
  }
}
