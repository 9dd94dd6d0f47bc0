import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { findFunction, type RouteSpec } from '@peer-rewards/platform-manifest';
import { STAGES, type StageConfig } from '../config/stages';
import { CDK_CONTEXT, FIXTURE_FUNCTION_DIR } from '../../test/synth-stage';
import { FunctionStack, preflightRouteKeyFor, routeKeyFor } from './function.stack';

const functionStack = (config: StageConfig, name: string): Template => {
  const app = new App({ context: CDK_CONTEXT });
  const spec = findFunction(name);
  if (!spec) throw new Error(`${name} missing from the manifest`);
  const stack = new FunctionStack(app, `${config.stage}-${name}`, {
    config,
    spec,
    assetDir: FIXTURE_FUNCTION_DIR,
    appVersion: 'test',
    preTrafficHookDir: FIXTURE_FUNCTION_DIR,
  });
  return Template.fromStack(stack);
};

const generatorStack = (config: StageConfig): Template => functionStack(config, 'generator-fn');

describe('FunctionStack', () => {
  it('enables the generator schedule when the stage config asks for it', () => {
    // Arrange
    const config: StageConfig = { ...STAGES.dev, generatorEnabled: true };

    // Act
    const template = generatorStack(config);

    // Assert
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          GENERATOR_REWARDS_PER_RUN: String(config.generatorRewardsPerRun),
        }),
      },
    });
  });

  it('keeps the generator schedule disabled in prod by default', () => {
    // Arrange
    const config = STAGES.prod;

    // Act
    const template = generatorStack(config);

    // Assert
    template.hasResourceProperties('AWS::Events::Rule', { State: 'DISABLED' });
  });
});

describe('FunctionStack of a function with a secret (slack-fn)', () => {
  const template = functionStack(STAGES.prod, 'slack-fn');

  it('creates the secret, kept when the stack goes, and passes its ARN, never its value', () => {
    // Assert
    template.hasResource('AWS::SecretsManager::Secret', {
      Properties: { Name: 'peer-rewards/prod/slack-signing-secret' },
      DeletionPolicy: 'Retain',
    });
    const [secretId] = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'prod-slack-fn',
      Environment: {
        Variables: Match.objectLike({
          SLACK_SIGNING_SECRET_ARN: { Ref: secretId },
          DASHBOARD_URL: `https://${STAGES.prod.dashboard.domainName}`,
        }),
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('SLACK_SIGNING_SECRET"');
  });

  it('lets only the function read the secret', () => {
    // Arrange
    const [secretId] = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy).includes(`"Ref":"${secretId}"`),
    );

    // Assert
    expect(readers).toHaveLength(1);
    expect(JSON.stringify(readers[0])).toContain('secretsmanager:GetSecretValue');
    expect(JSON.stringify(readers[0].Properties.Roles)).toContain('ExecutionRole');
  });

  it('reads the secret through the Parameters and Secrets extension, with no SDK client', () => {
    // Act
    const [fn] = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { FunctionName: 'prod-slack-fn' },
      }),
    );
    // Assert: the layer, by region, from the map of AWS's published versions
    expect(JSON.stringify(fn.Properties.Layers)).toContain('Paramsandsecretslayer');
    expect(JSON.stringify(template.toJSON().Mappings)).toContain(
      'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64',
    );
  });

  it('publishes the signed command route without the JWT authorizer, the link route behind it', () => {
    // Assert
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /slack/commands',
      AuthorizationType: 'NONE',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /slack/link',
      AuthorizationType: 'JWT',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'OPTIONS /slack/link',
      AuthorizationType: 'NONE',
    });
  });
});

describe('routeKeyFor', () => {
  it('publishes a path as ANY <path> and $default as itself', () => {
    // Arrange
    const route: RouteSpec = { path: '/users/{username}', methods: ['GET'], public: false };
    const fallback: RouteSpec = { path: '$default', methods: [], public: true };

    // Act
    const keys = [routeKeyFor(route).key, routeKeyFor(fallback).key];

    // Assert
    expect(keys).toEqual(['ANY /users/{username}', '$default']);
  });

  it('gives a protected path an OPTIONS route for the CORS preflight, and $default none', () => {
    // Arrange
    const route: RouteSpec = { path: '/rewards', methods: ['GET', 'POST'], public: false };
    const fallback: RouteSpec = { path: '$default', methods: [], public: true };

    // Act
    const key = preflightRouteKeyFor(route).key;

    // Assert
    expect(key).toBe('OPTIONS /rewards');
    expect(() => preflightRouteKeyFor(fallback)).toThrow('$default needs no preflight route.');
  });
});
