import { synthStage } from '../../test/synth-stage';
import { executionPolicyFor } from './execution-policy';
import { STAGES } from './stages';

/** The IAM service prefix CloudFormation needs for each resource type the stacks hold. */
const SERVICE_OF: Record<string, string> = {
  'AWS::ApiGatewayV2': 'apigateway',
  'AWS::CloudFront': 'cloudfront',
  'AWS::CloudWatch': 'cloudwatch',
  'AWS::CodeDeploy': 'codedeploy',
  'AWS::Cognito': 'cognito-idp',
  'AWS::DynamoDB': 'dynamodb',
  'AWS::Events': 'events',
  'AWS::IAM': 'iam',
  'AWS::Lambda': 'lambda',
  'AWS::Logs': 'logs',
  'AWS::S3': 's3',
  'AWS::SecretsManager': 'secretsmanager',
  'AWS::SQS': 'sqs',
  'AWS::SSM': 'ssm',
  // Custom resources (the dashboard's BucketDeployment) are Lambda functions of the stack.
  'Custom::CDKBucketDeployment': 'lambda',
};

describe('executionPolicyFor', () => {
  it.each(['dev', 'prod'] as const)(
    '%s: covers every service the stage templates use, and no other',
    (name) => {
      // Arrange
      const stage = synthStage(name);
      const types = new Set(
        stage.templates.flatMap((t) =>
          Object.values(
            (t.toJSON() as { Resources: Record<string, { Type: string }> }).Resources,
          ).map((r) => r.Type),
        ),
      );

      // Act
      const granted = new Set(
        executionPolicyFor(stage.config).Statement.flatMap((s) =>
          s.Action.map((action) => action.split(':')[0]),
        ),
      );
      const needed = new Set(
        [...types].map((type) => {
          const service = SERVICE_OF[type.split('::').slice(0, 2).join('::')];
          if (!service)
            throw new Error(`${type} is not mapped to a service: extend the policy and this map`);
          return service;
        }),
      );

      // Assert
      for (const service of needed)
        expect({ service, granted: granted.has(service) }).toEqual({ service, granted: true });
      expect([...granted].filter((service) => ![...needed, 'acm'].includes(service))).toEqual([]);
    },
  );

  it('scopes every wildcard action to the stage and grants nothing on users, keys or other stages', () => {
    // Arrange
    const policy = executionPolicyFor(STAGES.prod);
    const text = JSON.stringify(policy);

    // Assert
    for (const statement of policy.Statement) {
      expect(statement.Action).not.toContain('*');
      if (statement.Action.some((action) => action.endsWith(':*'))) {
        expect(statement.Resource).not.toContain('*');
      }
    }
    expect(text).not.toMatch(/iam:(CreateUser|CreateAccessKey|CreatePolicy|\*)/);
    expect(text).not.toContain('dev-');
    expect(text).not.toContain(STAGES.dev.account);
    expect(text).not.toContain('cdk-rwdev-');
  });
});
