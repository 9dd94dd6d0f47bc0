import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import {
  FUNCTIONS,
  FUNCTION_NAMES,
  routeKeyOf,
  type FunctionName,
} from '@peer-rewards/platform-manifest';
import { TABLE_DEFINITION } from '@peer-rewards/rewards-dynamodb/table';
import { synthStage, type SynthesizedStage } from '../test/synth-stage';

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }
>;

const resourcesOf = (template: Template): Resources =>
  (template.toJSON() as { Resources: Resources }).Resources;

const ofType = (template: Template, type: string) =>
  Object.values(resourcesOf(template)).filter((resource) => resource.Type === type);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every IAM statement a template grants, from policies and inline role policies alike. */
const statementsOf = (template: Template): Statement[] => {
  const fromDocument = (document: unknown) => (document as { Statement: Statement[] }).Statement;
  const policies = ofType(template, 'AWS::IAM::Policy').flatMap((policy) =>
    fromDocument(policy.Properties?.PolicyDocument),
  );
  const inline = ofType(template, 'AWS::IAM::Role').flatMap((role) =>
    ((role.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? []).flatMap(
      (policy) => fromDocument(policy.PolicyDocument),
    ),
  );
  return [...policies, ...inline];
};

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const READS = ['GetItem', 'BatchGetItem', 'Query'];
/** Giving a reward writes it and its spend in one transaction that checks both profiles exist. */
const GIVES_REWARDS = [...READS, 'PutItem', 'UpdateItem', 'ConditionCheckItem'];

/** The DynamoDB actions each function calls, written out independently of the infra code. */
const ALLOWED_DYNAMODB_ACTIONS: Record<FunctionName, string[]> = {
  'users-fn': [...READS, 'UpdateItem'],
  'rewards-fn': GIVES_REWARDS,
  'generator-fn': GIVES_REWARDS,
  'slack-fn': ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
};

const PUBLIC_ROUTE_KEYS = ['ANY /health', 'ANY /openapi.json', '$default', 'ANY /slack/commands'];

const stages: Record<'dev' | 'prod', SynthesizedStage> = {
  dev: synthStage('dev'),
  prod: synthStage('prod'),
};

describe.each(['dev', 'prod'] as const)('the %s stage', (stageName) => {
  const stage = stages[stageName];

  describe('as a whole', () => {
    it('synthesizes with cdk-nag AwsSolutions and no unacknowledged finding', () => {
      // Arrange: synthStage registered the plugin; a finding makes synth throw.
      // Act
      const assembly = stage.app.synth();

      // Assert
      expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual(
        [
          `${stageName}-api`,
          `${stageName}-dashboard`,
          `${stageName}-data`,
          `${stageName}-deploy-role`,
          ...FUNCTION_NAMES.map((fn) => `${stageName}-${fn}`),
        ].sort(),
      );
    });

    it('shares nothing between stacks through CloudFormation exports or dependencies', () => {
      // Arrange
      const all = stage.templates;
      const stacks = [
        stage.stacks.data,
        stage.stacks.api,
        stage.stacks.deployRole,
        ...(stage.stacks.dashboard ? [stage.stacks.dashboard] : []),
        ...Object.values(stage.stacks.functions),
      ];

      // Act
      const json = all.map((template) => JSON.stringify(template.toJSON()));

      // Assert
      expect(stacks).toHaveLength(all.length);
      for (const text of json) {
        expect(text).not.toContain('Fn::ImportValue');
        expect(text).not.toContain('"Export"');
      }
      for (const stack of stacks) expect(stack.dependencies).toEqual([]);
    });
  });

  describe('data stack', () => {
    it('builds the table from TABLE_DEFINITION: keys, every GSI and the TTL attribute', () => {
      // Arrange
      const [table] = ofType(stage.data, 'AWS::DynamoDB::Table');
      const props = table.Properties as {
        TableName: string;
        KeySchema: { AttributeName: string; KeyType: string }[];
        AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
        GlobalSecondaryIndexes: {
          IndexName: string;
          KeySchema: { AttributeName: string; KeyType: string }[];
          Projection: { ProjectionType: string };
        }[];
        TimeToLiveSpecification: { AttributeName: string; Enabled: boolean };
        BillingMode: string;
      };
      const keySchema = (pk: { name: string }, sk: { name: string }) => [
        { AttributeName: pk.name, KeyType: 'HASH' },
        { AttributeName: sk.name, KeyType: 'RANGE' },
      ];
      const expectedAttributes = new Map<string, string>();
      for (const key of [
        TABLE_DEFINITION.partitionKey,
        TABLE_DEFINITION.sortKey,
        ...TABLE_DEFINITION.globalSecondaryIndexes.flatMap((index) => [
          index.partitionKey,
          index.sortKey,
        ]),
      ]) {
        expectedAttributes.set(key.name, key.type);
      }

      // Act
      const attributes = new Map(
        props.AttributeDefinitions.map((a) => [a.AttributeName, a.AttributeType]),
      );

      // Assert
      expect(ofType(stage.data, 'AWS::DynamoDB::Table')).toHaveLength(1);
      expect(props.TableName).toBe(`${stageName}-peer-rewards`);
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.KeySchema).toEqual(
        keySchema(TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey),
      );
      expect(attributes).toEqual(expectedAttributes);
      expect(props.GlobalSecondaryIndexes).toEqual(
        TABLE_DEFINITION.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: index.projection },
        })),
      );
      expect(props.TimeToLiveSpecification).toEqual({
        AttributeName: TABLE_DEFINITION.timeToLiveAttribute,
        Enabled: true,
      });
    });

    it('keeps point-in-time recovery on, and protects prod data from deletion', () => {
      // Arrange
      const prod = stageName === 'prod';

      // Act
      const [table] = ofType(stage.data, 'AWS::DynamoDB::Table');

      // Assert
      expect(table.Properties).toMatchObject({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
      expect(table.Properties?.DeletionProtectionEnabled ?? false).toBe(prod);
      expect(table.DeletionPolicy).toBe(prod ? 'Retain' : 'Delete');
    });

    it('publishes the table name and ARN and the cursor key secret ARN in SSM', () => {
      // Arrange / Act
      const parameters = ofType(stage.data, 'AWS::SSM::Parameter').map((p) => p.Properties?.Name);

      // Assert
      expect(parameters.sort()).toEqual([
        `/peer-rewards/${stageName}/cursors/signing-key-secret-arn`,
        `/peer-rewards/${stageName}/table/arn`,
        `/peer-rewards/${stageName}/table/name`,
      ]);
    });

    it('generates the cursor signing key in Secrets Manager, so it is in no template', () => {
      // Arrange / Act
      const secrets = ofType(stage.data, 'AWS::SecretsManager::Secret');

      // Assert
      expect(secrets).toHaveLength(1);
      expect(secrets[0].Properties).toMatchObject({
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
      });
      expect(secrets[0].Properties).not.toHaveProperty('SecretString');
    });
  });

  describe('API stack', () => {
    it('allows exactly the configured CORS origins, never a wildcard', () => {
      // Arrange
      const [api] = ofType(stage.api, 'AWS::ApiGatewayV2::Api');

      // Act
      const origins = (api.Properties?.CorsConfiguration as { AllowOrigins: string[] })
        .AllowOrigins;

      // Assert
      expect(origins).toEqual([...stage.config.corsOrigins]);
      expect(origins).toContain(`https://${stage.config.dashboard.domainName}`);
      expect(origins.some((origin) => origin.includes('*'))).toBe(false);
      expect(origins.includes('http://localhost:3000')).toBe(stageName === 'dev');
    });

    it('serves the $default stage with throttling and access logs kept for the configured days', () => {
      // Arrange / Act / Assert
      stage.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: Match.objectLike({
          ThrottlingRateLimit: stage.config.throttling.rateLimit,
          ThrottlingBurstLimit: stage.config.throttling.burstLimit,
        }),
        AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      });
      stage.api.hasResourceProperties('AWS::Logs::LogGroup', {
        RetentionInDays: stage.config.logRetentionDays,
      });
    });

    it('has one JWT authorizer, trusting the created user pool and its public client', () => {
      // Arrange / Act
      const authorizers = ofType(stage.api, 'AWS::ApiGatewayV2::Authorizer');

      // Assert
      expect(authorizers).toHaveLength(1);
      expect(authorizers[0].Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: expect.stringMatching(/^UserPoolDashboardClient/) }],
          Issuer: { 'Fn::GetAtt': [expect.stringMatching(/^UserPool/), 'ProviderURL'] },
        },
      });
      stage.api.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        CallbackURLs: Match.arrayWith([`https://${stage.config.dashboard.domainName}/`]),
      });
    });

    it('publishes the API id, endpoint, authorizer id and sign-in settings in SSM', () => {
      // Arrange / Act
      const names = ofType(stage.api, 'AWS::SSM::Parameter').map((p) => p.Properties?.Name);

      // Assert
      expect(names).toEqual(
        expect.arrayContaining(
          [
            'api/id',
            'api/endpoint',
            'api/authorizer-id',
            'auth/issuer',
            'auth/client-id',
            'auth/authorize-url',
            'auth/token-url',
            'auth/logout-url',
          ].map((suffix) => `/peer-rewards/${stageName}/${suffix}`),
        ),
      );
    });
  });

  describe.each(FUNCTIONS.map((fn) => [fn.name, fn] as const))('%s stack', (name, spec) => {
    const template = stage.functions[name];

    it('references no other function, only SSM parameters of the API', () => {
      // Arrange
      const others = FUNCTION_NAMES.filter((other) => other !== name);

      // Act
      const text = JSON.stringify(template.toJSON());
      const parameters = Object.values(
        (template.toJSON() as { Parameters?: Record<string, { Default?: string }> }).Parameters ??
          {},
      ).map((parameter) => parameter.Default);

      // Assert
      for (const other of others) expect(text).not.toContain(other);
      for (const parameter of parameters) {
        expect(parameter).toMatch(
          new RegExp(
            `^(/peer-rewards/${stageName}/(api/(id|authorizer-id)|cursors/signing-key-secret-arn)|/cdk-bootstrap/rw${stageName}/version)$`,
          ),
        );
      }
    });

    it('runs the artifact on nodejs24.x arm64 with the manifest sizing and the stage env', () => {
      // Arrange / Act / Assert
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${stageName}-${name}`,
        Handler: 'index.handler',
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        Environment: {
          Variables: Match.objectLike({
            TABLE_NAME: `${stageName}-peer-rewards`,
            STAGE: stageName,
            CORS_ORIGINS: stage.config.corsOrigins.join(','),
            USERNAME_CLAIM: 'username',
            MONTHLY_ALLOWANCE: String(stage.config.monthlyAllowance),
            LOG_LEVEL: stage.config.logLevel,
            APP_VERSION: `test-${name}`,
          }),
        },
      });
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/${stageName}-${name}`,
        RetentionInDays: stage.config.logRetentionDays,
      });
    });

    it('grants exactly its DynamoDB actions on its table and indexes, and nothing on *', () => {
      // Arrange
      const statements = statementsOf(template);
      const tableStatements = statements.filter((s) =>
        asList(s.Action).some((action) => action.startsWith('dynamodb:')),
      );

      // Act
      const actions = tableStatements.flatMap((s) => asList(s.Action));
      const resources = JSON.stringify(tableStatements.flatMap((s) => asList(s.Resource)));

      // Assert
      expect(actions.sort()).toEqual(
        ALLOWED_DYNAMODB_ACTIONS[name].map((a) => `dynamodb:${a}`).sort(),
      );
      expect(resources).toContain(`:table/${stageName}-peer-rewards"`);
      expect(resources).toContain(`:table/${stageName}-peer-rewards/index/*"`);
      for (const statement of statements) {
        expect(asList(statement.Resource)).not.toContain('*');
        for (const action of asList(statement.Action)) expect(action).not.toMatch(/(^|:)\*$/);
      }
    });

    it('reads the cursor key secret named in SSM through the secrets extension when it signs cursors, and only then', () => {
      // Arrange
      const cursorKeyStatements = statementsOf(template).filter(
        (s) => (s as Statement & { Sid?: string }).Sid === 'CursorSigningKey',
      );
      const parameter = Object.entries(
        (template.toJSON() as { Parameters?: Record<string, { Default?: string }> }).Parameters ??
          {},
      ).find(([, p]) => p.Default === `/peer-rewards/${stageName}/cursors/signing-key-secret-arn`);

      // Act
      const [fn] = ofType(template, 'AWS::Lambda::Function');
      const variables = (fn.Properties?.Environment as { Variables: Record<string, unknown> })
        .Variables;

      // Assert
      if (!(spec.kind === 'http' && spec.signsCursors)) {
        expect(cursorKeyStatements).toEqual([]);
        expect(parameter).toBeUndefined();
        expect(variables).not.toHaveProperty('CURSOR_SIGNING_KEY_SECRET_ARN');
        return;
      }
      expect(parameter).toBeDefined();
      const reference = { Ref: parameter?.[0] };
      expect(variables.CURSOR_SIGNING_KEY_SECRET_ARN).toEqual(reference);
      expect(JSON.stringify(fn.Properties?.Layers)).toContain(
        'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64',
      );
      expect(cursorKeyStatements).toEqual([
        expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Resource: reference }),
      ]);
    });

    it('publishes a version through the live alias behind CodeDeploy with rollback alarms', () => {
      // Arrange
      const config =
        stageName === 'prod'
          ? 'CodeDeployDefault.LambdaCanary10Percent5Minutes'
          : 'CodeDeployDefault.LambdaAllAtOnce';
      const alarmIds = [
        ...(spec.kind === 'http' ? ['NewVersionServerErrorsAlarm'] : []),
        'NewVersionErrorsAlarm',
        'NewVersionP99DurationAlarm',
      ];

      // Assert
      template.resourceCountIs('AWS::Lambda::Version', 1);
      template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live' });
      template.hasResource('AWS::Lambda::Alias', {
        UpdatePolicy: { CodeDeployLambdaAliasUpdate: Match.anyValue() },
      });
      template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
        DeploymentConfigName: config,
        AlarmConfiguration: {
          Enabled: true,
          Alarms: alarmIds.map((id) => ({ Name: { Ref: Match.stringLikeRegexp(`^${id}`) } })),
        },
        AutoRollbackConfiguration: {
          Enabled: true,
          Events: Match.arrayWith(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
        },
      });
    });

    if (spec.kind === 'http') {
      it('publishes each manifest route as ANY <path> on the alias, with the authorizer on all but the public ones and the preflights', () => {
        // Arrange
        const routes = ofType(template, 'AWS::ApiGatewayV2::Route').map(
          (route) =>
            route.Properties as {
              RouteKey: string;
              AuthorizationType: string;
              AuthorizerId?: unknown;
            },
        );

        const parameters = (
          template.toJSON() as { Parameters: Record<string, { Default?: string }> }
        ).Parameters;

        // Act
        const byKey = new Map(routes.map((route) => [route.RouteKey, route]));

        // Assert
        const protectedPaths = spec.routes
          .filter((route) => !route.public)
          .map((route) => route.path);
        expect([...byKey.keys()].sort()).toEqual(
          [
            ...spec.routes.map(routeKeyOf),
            ...protectedPaths.map((path) => `OPTIONS ${path}`),
          ].sort(),
        );
        for (const [key, route] of byKey) {
          if (PUBLIC_ROUTE_KEYS.includes(key) || key.startsWith('OPTIONS ')) {
            // Public by design, or the CORS preflight (browsers never send a token with it).
            expect(route.AuthorizationType).toBe('NONE');
          } else {
            expect(route.AuthorizationType).toBe('JWT');
            const parameter = (route.AuthorizerId as { Ref: string }).Ref;
            expect(parameters[parameter]?.Default).toBe(
              `/peer-rewards/${stageName}/api/authorizer-id`,
            );
          }
        }
        template.hasResourceProperties('AWS::Lambda::Permission', {
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          FunctionName: { Ref: Match.stringLikeRegexp('LiveAlias') },
        });
      });
    } else {
      it('schedules the alias from the manifest, disabled because the stage does not ask for it', () => {
        // Arrange / Act / Assert
        expect(stage.config.generatorEnabled).toBe(false);
        template.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: spec.schedule,
          State: 'DISABLED',
          Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('LiveAlias') } })],
        });
        template.hasResourceProperties('AWS::Lambda::Function', {
          ReservedConcurrentExecutions: 1,
        });
      });
    }
  });

  describe('dashboard stack', () => {
    it('keeps the site bucket private, encrypted, TLS-only and logged', () => {
      // Arrange
      const buckets = ofType(stage.dashboard, 'AWS::S3::Bucket');

      // Act
      const site = buckets.find((bucket) => bucket.Properties?.LoggingConfiguration);

      // Assert
      expect(buckets).toHaveLength(2);
      expect(site?.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
      });
      stage.dashboard.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('serves index.html through CloudFront with origin access control and security headers on the configured domain', () => {
      // Arrange / Act / Assert
      stage.dashboard.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      stage.dashboard.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          Aliases: [stage.config.dashboard.domainName],
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            ResponseHeadersPolicyId: Match.anyValue(),
          }),
        }),
      });
      stage.dashboard.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            StrictTransportSecurity: Match.objectLike({ Override: true }),
            ContentTypeOptions: { Override: true },
            FrameOptions: { FrameOption: 'DENY', Override: true },
            ContentSecurityPolicy: Match.objectLike({ Override: true }),
          }),
        }),
      });
    });

    it('deploys the built files and a generated config.json', () => {
      // Arrange / Act
      const [deployment] = ofType(stage.dashboard, 'Custom::CDKBucketDeployment');

      // Assert
      expect(deployment.Properties?.SourceObjectKeys).toHaveLength(2);
      expect(JSON.stringify(deployment.Properties?.SourceMarkers)).toContain(
        `SsmParameterValuepeerrewards${stageName}apiendpoint`,
      );
    });

    it('writes config.json with the API endpoint and the OIDC settings from SSM', () => {
      // Arrange
      const [deployment] = ofType(stage.dashboard, 'Custom::CDKBucketDeployment');
      const configKey = (deployment.Properties?.SourceObjectKeys as string[])[1];
      const markers = (
        deployment.Properties?.SourceMarkers as Record<string, { Ref: string }>[]
      )[1];
      const parameters = (
        stage.dashboard.toJSON() as { Parameters: Record<string, { Default: string }> }
      ).Parameters;
      const ssmNameOf = (marker: string) => parameters[markers[marker].Ref].Default;

      // Act
      const written = JSON.parse(
        readFileSync(
          path.join(stage.app.outdir, `asset.${configKey.replace(/\.zip$/, '')}`, 'config.json'),
          'utf8',
        ),
      ) as { apiBaseUrl: string; auth: Record<string, string | string[]> };

      // Assert
      expect(ssmNameOf(written.apiBaseUrl)).toBe(`/peer-rewards/${stageName}/api/endpoint`);
      expect(written.auth.mode).toBe('oidc');
      expect(ssmNameOf(written.auth.issuer as string)).toBe(
        `/peer-rewards/${stageName}/auth/issuer`,
      );
      expect(ssmNameOf(written.auth.clientId as string)).toBe(
        `/peer-rewards/${stageName}/auth/client-id`,
      );
      expect(ssmNameOf(written.auth.authorizeUrl as string)).toBe(
        `/peer-rewards/${stageName}/auth/authorize-url`,
      );
      expect(ssmNameOf(written.auth.tokenUrl as string)).toBe(
        `/peer-rewards/${stageName}/auth/token-url`,
      );
      expect(ssmNameOf(written.auth.logoutUrl as string)).toBe(
        `/peer-rewards/${stageName}/auth/logout-url`,
      );
      expect(written.auth.redirectUri).toBe(`https://${stage.config.dashboard.domainName}/`);
      expect(written.auth.scopes).toEqual([...stage.config.auth.scopes]);
      // Cognito puts `username` (USERNAME_CLAIM) in the access token, not in the ID token.
      expect(written.auth.tokenUse).toBe('access');
    });
  });

  describe('deploy role stack', () => {
    it('trusts only GitHub OIDC tokens of the repository for this stage', () => {
      // Arrange
      const subject =
        stageName === 'prod'
          ? 'repo:peer-rewards/peer-rewards:environment:prod'
          : 'repo:peer-rewards/peer-rewards:ref:refs/heads/main';

      // Act
      const [role] = ofType(stage.deployRole, 'AWS::IAM::Role');
      const trust = (
        role.Properties?.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] }
      ).Statement;

      // Assert
      expect(role.Properties?.RoleName).toBe(`peer-rewards-${stageName}-deploy`);
      expect(trust).toHaveLength(1);
      expect(trust[0]).toMatchObject({
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': subject,
          },
        },
      });
      expect(JSON.stringify(trust)).not.toContain('StringLike');
      // Each stage has its own account, so each stack owns that account's provider.
      const federated = (trust[0].Principal as { Federated: unknown }).Federated;
      const providerId = (federated as { Ref: string }).Ref;
      expect(resourcesOf(stage.deployRole)[providerId]).toMatchObject({
        Type: 'AWS::IAM::OIDCProvider',
        Properties: {
          Url: 'https://token.actions.githubusercontent.com',
          ClientIdList: ['sts.amazonaws.com'],
        },
      });
    });

    it('may only assume the stage bootstrap roles, read its stacks and release its own functions', () => {
      // Arrange: the role's own policy (the other one is attached to the bootstrap deploy role).
      const [role] = ofType(stage.deployRole, 'AWS::IAM::Role');
      const statements = (
        role.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[]
      ).flatMap((policy) => policy.PolicyDocument.Statement);

      // Act
      const actions = statements.flatMap((s) => asList(s.Action)).sort();
      const lambdaResources = JSON.stringify(
        statements
          .filter((s) => asList(s.Action).some((a) => a.startsWith('lambda:')))
          .map((s) => s.Resource),
      );

      // Assert
      expect(actions).toEqual(
        [
          'sts:AssumeRole',
          'cloudformation:DescribeStackEvents',
          'cloudformation:DescribeStackResources',
          'cloudformation:DescribeStacks',
          'cloudformation:ListStackResources',
          'codedeploy:ListDeployments',
          'codedeploy:StopDeployment',
          'lambda:DeleteFunction',
          'lambda:GetAlias',
          'lambda:GetFunction',
          'lambda:InvokeFunction',
          'lambda:ListAliases',
          'lambda:ListVersionsByFunction',
          'lambda:UpdateAlias',
          'ssm:GetParameter',
          'ssm:PutParameter',
        ].sort(),
      );
      for (const statement of statements) expect(asList(statement.Resource)).not.toContain('*');
      for (const fn of FUNCTION_NAMES)
        expect(lambdaResources).toContain(`:function:${stageName}-${fn}:*"`);
      expect(lambdaResources).not.toContain(stageName === 'dev' ? 'prod-' : 'dev-');
      stage.deployRole.hasOutput('DeployRoleArn', { Value: Match.anyValue() });
    });
  });
});
