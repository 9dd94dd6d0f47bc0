import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { findFunction, type RouteSpec } from '@peer-rewards/platform-manifest';
import { STAGES, type StageConfig } from '../config/stages';
import { CDK_CONTEXT, FIXTURE_FUNCTION_DIR } from '../../test/synth-stage';
import { FunctionStack, preflightRouteKeyFor, routeKeyFor } from './function.stack';

const generatorStack = (config: StageConfig): Template => {
  const app = new App({ context: CDK_CONTEXT });
  const spec = findFunction('generator-fn');
  if (!spec) throw new Error('generator-fn missing from the manifest');
  const stack = new FunctionStack(app, `${config.stage}-generator-fn`, {
    config,
    spec,
    assetDir: FIXTURE_FUNCTION_DIR,
    appVersion: 'test',
    preTrafficHookDir: FIXTURE_FUNCTION_DIR,
  });
  return Template.fromStack(stack);
};

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
