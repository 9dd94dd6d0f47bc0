import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import {
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { ssmParameterNames } from '../ssm-parameters';
import { retentionOf } from './log-retention';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
}

/** The settings the dashboard needs to sign users in (authorization code + PKCE). */
interface AuthSettings {
  readonly issuer: string;
  readonly audience: string[];
  readonly clientId: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly logoutUrl: string;
}

/**
 * The stage's HTTP API without routes: each function stack attaches its own routes, so a
 * function deploys alone. The API id, authorizer id and endpoint are published in SSM.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly authorizer: HttpAuthorizer;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = ssmParameterNames(config.stage);

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `${config.stage}-peer-rewards`,
      description: `peer-rewards HTTP API (${config.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...config.corsOrigins],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-none-match'],
        exposeHeaders: ['allow', 'retry-after', 'etag'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${config.stage}-peer-rewards/access`,
      retention: retentionOf(config.logRetentionDays),
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttling,
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            caller: `$context.authorizer.claims.${config.auth.usernameClaim}`,
          }),
        ),
      },
    });

    const auth = config.auth.jwt
      ? {
          ...config.auth.jwt,
          audience: [...config.auth.jwt.audience],
          logoutUrl: config.auth.jwt.logoutUrl ?? '',
        }
      : this.createUserPool(config);

    this.authorizer = new HttpAuthorizer(this, 'JwtAuthorizer', {
      httpApi: this.api,
      authorizerName: `${config.stage}-jwt`,
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: auth.issuer,
      jwtAudience: auth.audience,
    });

    const publish = (
      logicalId: string,
      parameterName: string,
      value: string,
      description: string,
    ) => new StringParameter(this, logicalId, { parameterName, stringValue: value, description });
    publish('ApiIdParameter', names.apiId, this.api.apiId, 'HTTP API id');
    publish('ApiEndpointParameter', names.apiEndpoint, this.api.apiEndpoint, 'HTTP API base URL');
    publish(
      'AuthorizerIdParameter',
      names.authorizerId,
      this.authorizer.authorizerId,
      'JWT authorizer id',
    );
    publish('AuthIssuerParameter', names.authIssuer, auth.issuer, 'JWT issuer');
    publish(
      'AuthClientIdParameter',
      names.authClientId,
      auth.clientId,
      'Dashboard OAuth client id',
    );
    publish(
      'AuthAuthorizeUrlParameter',
      names.authAuthorizeUrl,
      auth.authorizeUrl,
      'OAuth authorize endpoint',
    );
    publish('AuthTokenUrlParameter', names.authTokenUrl, auth.tokenUrl, 'OAuth token endpoint');
    // SSM refuses empty values, so an issuer without a logout endpoint is published as "none".
    publish(
      'AuthLogoutUrlParameter',
      names.authLogoutUrl,
      auth.logoutUrl || 'none',
      'OAuth logout endpoint',
    );

    new CfnOutput(this, 'ApiEndpoint', { value: this.api.apiEndpoint });
  }

  /** A Cognito user pool for stages that bring no issuer of their own. */
  private createUserPool(config: StageConfig): AuthSettings {
    const dashboardUrl = `https://${config.dashboard.domainName}/`;
    const localUrls = config.corsOrigins
      .filter((origin) => origin.startsWith('http://localhost'))
      .map((origin) => `${origin}/`);

    const userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${config.stage}-peer-rewards`,
      // Colleagues are invited by an administrator; nobody signs up from the internet.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Plus tier: compromised-credential and adaptive-authentication protection on sign-in.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const client = userPool.addClient('DashboardClient', {
      userPoolClientName: `${config.stage}-dashboard`,
      // A browser cannot keep a secret: a public client with authorization code + PKCE.
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: config.auth.scopes.map((scope) => OAuthScope.custom(scope)),
        callbackUrls: [dashboardUrl, ...localUrls],
        logoutUrls: [dashboardUrl, ...localUrls],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    const domain = userPool.addDomain('HostedUiDomain', {
      cognitoDomain: { domainPrefix: config.auth.cognitoDomainPrefix },
    });
    const base = domain.baseUrl();
    return {
      issuer: userPool.userPoolProviderUrl,
      // The dashboard sends the access token: it carries `username` (the ID token has
      // `cognito:username`) and names the app client in `client_id`, which the authorizer
      // accepts as audience.
      audience: [client.userPoolClientId],
      clientId: client.userPoolClientId,
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      // Cognito's logout needs the client and a registered return address in the query.
      logoutUrl: `${base}/logout?client_id=${client.userPoolClientId}&logout_uri=${encodeURIComponent(dashboardUrl)}`,
    };
  }
}
