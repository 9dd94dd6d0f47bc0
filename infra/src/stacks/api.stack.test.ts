import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { STAGES, type StageConfig } from '../config/stages';
import { CDK_CONTEXT } from '../../test/synth-stage';
import { ApiStack } from './api.stack';

describe('ApiStack with an issuer of its own', () => {
  it('trusts the configured issuer and audience and creates no user pool', () => {
    // Arrange
    const config: StageConfig = {
      ...STAGES.prod,
      auth: {
        ...STAGES.prod.auth,
        jwt: {
          issuer: 'https://login.example.com/oauth2/default',
          audience: ['api://peer-rewards'],
          clientId: 'dashboard-client',
          authorizeUrl: 'https://login.example.com/oauth2/default/v1/authorize',
          tokenUrl: 'https://login.example.com/oauth2/default/v1/token',
          tokenUse: 'access',
        },
      },
    };
    const app = new App({ context: CDK_CONTEXT });

    // Act
    const template = Template.fromStack(new ApiStack(app, 'prod-api', { config }));

    // Assert
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Issuer: 'https://login.example.com/oauth2/default',
        Audience: ['api://peer-rewards'],
      },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/peer-rewards/prod/auth/client-id',
      Value: 'dashboard-client',
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/peer-rewards/prod/auth/logout-url',
      Value: 'none',
    });
  });
});
