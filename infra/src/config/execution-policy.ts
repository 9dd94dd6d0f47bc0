/**
 * The CloudFormation execution policy of a stage's bootstrap (`cdk bootstrap
 * --cloudformation-execution-policies`), in place of AdministratorAccess. CloudFormation creates
 * the stage's resources with it, so it allows the services the stacks use on resources named for
 * this stage only (`<stage>-…`, `/peer-rewards/<stage>/…`); where a service names resources by
 * generated ids (API Gateway, CloudFront, Cognito), on this account and region. It cannot create
 * users or access keys, touch another stage's roles, or read data it does not deploy.
 *
 * Print it with `npx tsx --tsconfig infra/tsconfig.json infra/bin/execution-policy.ts <stage>`.
 */
import type { StageConfig } from './stage-config';

export interface PolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Record<string, Record<string, readonly string[] | string>>;
}

export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatementJson[];
}

/** The managed policy the bootstrap command names, created once per stage. */
export const executionPolicyNameFor = (config: StageConfig): string =>
  `peer-rewards-${config.stage}-cfn-execution`;

export const executionPolicyFor = (config: StageConfig): PolicyDocumentJson => {
  const { stage, account, region, bootstrapQualifier } = config;
  const at = (service: string, resource: string, global = false) =>
    `arn:aws:${service}:${global ? '' : region}:${account}:${resource}`;
  const iam = (resource: string) => `arn:aws:iam::${account}:${resource}`;
  const allow = (
    Sid: string,
    Action: string[],
    Resource: string[],
    Condition?: PolicyStatementJson['Condition'],
  ): PolicyStatementJson => ({
    Sid,
    Effect: 'Allow',
    Action,
    Resource,
    ...(Condition ? { Condition } : {}),
  });

  return {
    Version: '2012-10-17',
    Statement: [
      allow(
        'StageTable',
        ['dynamodb:*'],
        [
          at('dynamodb', `table/${stage}-peer-rewards`),
          at('dynamodb', `table/${stage}-peer-rewards/*`),
        ],
      ),
      allow(
        'StageFunctions',
        ['lambda:*'],
        [at('lambda', `function:${stage}-*`), at('lambda', `layer:${stage}-*`)],
      ),
      allow('LambdaDescribe', ['lambda:GetLayerVersion', 'lambda:ListTags'], ['*']),
      allow(
        'StageRoles',
        [
          'iam:CreateRole',
          'iam:DeleteRole',
          'iam:GetRole',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
          'iam:UpdateAssumeRolePolicy',
          'iam:TagRole',
          'iam:UntagRole',
          'iam:PutRolePolicy',
          'iam:GetRolePolicy',
          'iam:DeleteRolePolicy',
          'iam:AttachRolePolicy',
          'iam:DetachRolePolicy',
          'iam:ListRolePolicies',
          'iam:ListAttachedRolePolicies',
        ],
        [iam(`role/${stage}-*`), iam(`role/peer-rewards-${stage}-*`)],
      ),
      // The deploy-role stack lets the stage's bootstrap deploy role resolve its SSM parameters.
      allow(
        'BootstrapDeployRolePolicy',
        ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'],
        [iam(`role/cdk-${bootstrapQualifier}-deploy-role-${account}-${region}`)],
      ),
      allow('PassStageRoles', ['iam:PassRole'], [iam(`role/${stage}-*`)], {
        StringEquals: {
          'iam:PassedToService': ['lambda.amazonaws.com', 'codedeploy.amazonaws.com'],
        },
      }),
      allow(
        'GithubOidcProvider',
        [
          'iam:CreateOpenIDConnectProvider',
          'iam:DeleteOpenIDConnectProvider',
          'iam:GetOpenIDConnectProvider',
          'iam:UpdateOpenIDConnectProviderThumbprint',
          'iam:AddClientIDToOpenIDConnectProvider',
          'iam:RemoveClientIDFromOpenIDConnectProvider',
          'iam:TagOpenIDConnectProvider',
          'iam:UntagOpenIDConnectProvider',
        ],
        [iam('oidc-provider/token.actions.githubusercontent.com')],
      ),
      allow(
        'StageLogs',
        ['logs:*'],
        [
          at('logs', `log-group:/aws/lambda/${stage}-*`),
          at('logs', `log-group:/aws/apigateway/${stage}-*`),
        ],
      ),
      allow(
        'LogsDescribe',
        [
          'logs:DescribeLogGroups',
          'logs:CreateLogDelivery',
          'logs:GetLogDelivery',
          'logs:UpdateLogDelivery',
          'logs:DeleteLogDelivery',
          'logs:ListLogDeliveries',
        ],
        ['*'],
      ),
      allow('StageAlarms', ['cloudwatch:*'], [at('cloudwatch', `alarm:${stage}-*`)]),
      allow('AlarmsDescribe', ['cloudwatch:DescribeAlarms'], ['*']),
      allow(
        'StageDeployments',
        ['codedeploy:*'],
        [
          at('codedeploy', `application:${stage}-*`),
          at('codedeploy', `deploymentgroup:${stage}-*/*`),
          at('codedeploy', 'deploymentconfig:*'),
        ],
      ),
      allow('StageSchedules', ['events:*'], [at('events', `rule/${stage}-*`)]),
      // Secrets the function stacks create (Slack's signing secret); their values are set by hand.
      allow(
        'StageSecrets',
        [
          'secretsmanager:CreateSecret',
          'secretsmanager:DeleteSecret',
          'secretsmanager:DescribeSecret',
          'secretsmanager:UpdateSecret',
          'secretsmanager:TagResource',
          'secretsmanager:UntagResource',
          'secretsmanager:PutResourcePolicy',
          'secretsmanager:DeleteResourcePolicy',
          'secretsmanager:GetResourcePolicy',
        ],
        [at('secretsmanager', `secret:peer-rewards/${stage}/*`)],
      ),
      allow('SecretPlaceholders', ['secretsmanager:GetRandomPassword'], ['*']),
      allow('StageQueues', ['sqs:*'], [at('sqs', `${stage}-*`)]),
      allow(
        'StageParameters',
        [
          'ssm:PutParameter',
          'ssm:DeleteParameter',
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:AddTagsToResource',
          'ssm:RemoveTagsFromResource',
          'ssm:ListTagsForResource',
        ],
        [
          at('ssm', `parameter/peer-rewards/${stage}/*`),
          at('ssm', `parameter/cdk-bootstrap/${bootstrapQualifier}/*`),
        ],
      ),
      // HTTP APIs, their stages, routes, integrations and authorizers are named by generated id.
      allow(
        'Apis',
        ['apigateway:*'],
        [
          `arn:aws:apigateway:${region}::/apis`,
          `arn:aws:apigateway:${region}::/apis/*`,
          `arn:aws:apigateway:${region}::/tags/*`,
        ],
      ),
      allow('UserPools', ['cognito-idp:*'], [at('cognito-idp', 'userpool/*')]),
      allow(
        'UserPoolDomains',
        [
          'cognito-idp:CreateUserPoolDomain',
          'cognito-idp:DeleteUserPoolDomain',
          'cognito-idp:DescribeUserPoolDomain',
          'cognito-idp:UpdateUserPoolDomain',
        ],
        ['*'],
      ),
      // Dashboard buckets are named by CloudFormation after the stack (`<stage>-dashboard-…`).
      allow('StageBuckets', ['s3:*'], [`arn:aws:s3:::${stage}-*`, `arn:aws:s3:::${stage}-*/*`]),
      allow(
        'CdkAssets',
        ['s3:GetObject', 's3:ListBucket'],
        [
          `arn:aws:s3:::cdk-${bootstrapQualifier}-assets-${account}-${region}`,
          `arn:aws:s3:::cdk-${bootstrapQualifier}-assets-${account}-${region}/*`,
        ],
      ),
      allow('Distributions', ['cloudfront:*'], [`arn:aws:cloudfront::${account}:*`]),
      allow('DistributionCertificate', ['acm:DescribeCertificate', 'acm:ListCertificates'], ['*']),
    ],
  };
};
