import { ArnFormat, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  OidcProviderNative,
  Policy,
  PolicyDocument,
  PolicyStatement,
  Role,
  WebIdentityPrincipal,
  type IOidcProvider,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import {
  deployedFunctionNameOf,
  deploymentGroupOf,
  FUNCTIONS,
  preTrafficHookNameOf,
  releaseParameterPrefixOf,
} from '@peer-rewards/platform-manifest';
import type { StageConfig } from '../config/stages';
import { iam5ResourceId } from '../nag-resource';

export interface DeployRoleStackProps extends StackProps {
  readonly config: StageConfig;
}

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** The release CLI's Lambda calls on a function and its versions: status, rollback, pruning. */
export const RELEASE_LAMBDA_ACTIONS = [
  'lambda:GetAlias',
  'lambda:UpdateAlias',
  'lambda:ListAliases',
  'lambda:ListVersionsByFunction',
  'lambda:GetFunction',
] as const;

/** The release CLI's CodeDeploy calls: find a deployment in flight and stop it with rollback. */
export const RELEASE_CODEDEPLOY_ACTIONS = [
  'codedeploy:ListDeployments',
  'codedeploy:StopDeployment',
] as const;

/** The CDK bootstrap roles a `cdk deploy` assumes; no image assets here. */
const BOOTSTRAP_ROLES = ['deploy-role', 'file-publishing-role', 'lookup-role'] as const;

/** The OIDC `sub` a stage trusts: dev deploys from pushes to main, prod from its environment. */
export const githubSubjectFor = (config: StageConfig): string =>
  config.stage === 'prod'
    ? `repo:${config.github.repository}:environment:prod`
    : `repo:${config.github.repository}:ref:refs/heads/main`;

/** A bootstrap role of the stage's own qualifier, in the stage's own account and region. */
export const bootstrapRoleNameFor = (config: StageConfig, role: string): string =>
  `cdk-${config.bootstrapQualifier}-${role}-${config.account}-${config.region}`;

/**
 * The role GitHub Actions assume to deploy this stage. It can do no more than hand over to the
 * stage's own CDK bootstrap roles, read this app's stacks, move the functions' aliases, stop their
 * deployments and record which version was fully live.
 */
export class DeployRoleStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: DeployRoleStackProps) {
    super(scope, id, props);
    const { config } = props;
    const arn = (service: string, resource: string, resourceName: string, colon = false) =>
      this.formatArn({
        service,
        resource,
        resourceName,
        arnFormat: colon ? ArnFormat.COLON_RESOURCE_NAME : ArnFormat.SLASH_RESOURCE_NAME,
        ...(service === 'iam' ? { region: '' } : {}),
      });

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
            arn('iam', 'oidc-provider', GITHUB_OIDC_HOST),
          );

    const stackArn = arn('cloudformation', 'stack', `${config.stage}-*/*`);
    const functionArns = FUNCTIONS.map((fn) =>
      arn('lambda', 'function', deployedFunctionNameOf(config.stage, fn.name), true),
    );
    const hookArns = FUNCTIONS.filter((fn) => fn.kind === 'http').map((fn) =>
      arn('lambda', 'function', preTrafficHookNameOf(config.stage, fn.name), true),
    );
    const deploymentGroupArns = FUNCTIONS.map((fn) => {
      const { application, group } = deploymentGroupOf(config.stage, fn.name);
      return arn('codedeploy', 'deploymentgroup', `${application}/${group}`, true);
    });
    const releaseParameters = arn(
      'ssm',
      'parameter',
      `${releaseParameterPrefixOf(config.stage).slice(1)}/*`,
    );

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
              sid: 'AssumeOwnStageBootstrapRoles',
              actions: ['sts:AssumeRole'],
              resources: BOOTSTRAP_ROLES.map((name) =>
                arn('iam', 'role', bootstrapRoleNameFor(config, name)),
              ),
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
              resources: functionArns.flatMap((fn) => [fn, `${fn}:*`]),
            }),
            // Qualified ARNs only: a version can be pruned, the function itself never deleted.
            new PolicyStatement({
              sid: 'PruneVersions',
              actions: ['lambda:DeleteFunction'],
              resources: functionArns.map((fn) => `${fn}:*`),
            }),
            // The smoke test asks each hook to probe `live`; the role never invokes a function.
            new PolicyStatement({
              sid: 'SmokeTestThroughTheHooks',
              actions: ['lambda:InvokeFunction'],
              resources: hookArns,
            }),
            new PolicyStatement({
              sid: 'StopDeployments',
              actions: [...RELEASE_CODEDEPLOY_ACTIONS],
              resources: deploymentGroupArns,
            }),
            new PolicyStatement({
              sid: 'RecordLiveVersions',
              actions: ['ssm:GetParameter', 'ssm:PutParameter'],
              resources: [releaseParameters],
            }),
          ],
        }),
      },
    });

    // CloudFormation resolves the stacks' SSM-typed parameters (API id, authorizer id, endpoint,
    // certificate) with the credentials of the bootstrap deploy role, whose own policy reads only
    // the bootstrap version parameter: without this, CreateChangeSet fails with AccessDenied.
    const bootstrapDeployRole = Role.fromRoleName(
      this,
      'BootstrapDeployRole',
      bootstrapRoleNameFor(config, 'deploy-role'),
    );
    const stageParameters = arn('ssm', 'parameter', `peer-rewards/${config.stage}/*`);
    const resolveParameters = new Policy(this, 'ResolveStageParameters', {
      policyName: `peer-rewards-${config.stage}-resolve-parameters`,
      roles: [bootstrapDeployRole],
      statements: [
        new PolicyStatement({
          sid: 'ResolveStageParameters',
          actions: ['ssm:GetParameters', 'ssm:GetParameter'],
          resources: [stageParameters],
        }),
      ],
    });
    Validations.of(resolveParameters).acknowledge({
      id: iam5ResourceId(this, stageParameters),
      reason: `Read-only, and only the parameters of this stage (/peer-rewards/${config.stage}/…), which its templates name.`,
    });

    const acknowledge = (resource: string, reason: string) =>
      Validations.of(this.role).acknowledge({ id: iam5ResourceId(this, resource), reason });
    acknowledge(
      stackArn,
      `Read-only describe calls on this stage's stacks, which are all named ${config.stage}-*; the trailing segment is the stack id CloudFormation assigns.`,
    );
    for (const fn of functionArns) {
      acknowledge(
        `${fn}:*`,
        'Qualified ARNs of this one function: rollback moves its alias and pruning deletes its old versions, which are only known at run time.',
      );
    }
    acknowledge(
      releaseParameters,
      "The release CLI's record of fully live versions, one parameter per function of this stage.",
    );

    new CfnOutput(this, 'DeployRoleArn', {
      value: this.role.roleArn,
      description: 'role-to-assume of the delivery workflows for this stage',
    });
  }
}
