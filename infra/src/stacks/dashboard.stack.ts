import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { iam5ResourceId } from '../nag-resource';
import { ssmParameterNames } from '../ssm-parameters';

export interface DashboardStackProps extends StackProps {
  readonly config: StageConfig;
  /** Folder holding the built dashboard (`dist/apps/dashboard`); tests pass a fixture folder. */
  readonly assetDir: string;
}

/** What the dashboard reads at start-up from `/config.json`. */
export interface DashboardRuntimeConfig {
  readonly apiBaseUrl: string;
  readonly auth: {
    readonly mode: 'oidc';
    readonly issuer: string;
    readonly clientId: string;
    readonly authorizeUrl: string;
    readonly tokenUrl: string;
    readonly logoutUrl?: string;
    readonly redirectUri: string;
    readonly scopes: readonly string[];
    /** Which token the dashboard sends as the bearer: the one that carries the username claim. */
    readonly tokenUse: 'id' | 'access';
  };
}

/**
 * The static dashboard: a private bucket served only through CloudFront (origin access control)
 * on the stage's configured domain, plus a `config.json` pointing at the stage's API and issuer.
 */
export class DashboardStack extends Stack {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: DashboardStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = ssmParameterNames(config.stage);
    const fromSsm = (name: string) => StringParameter.valueForStringParameter(this, name);
    const dashboardUrl = `https://${config.dashboard.domainName}`;

    // Both buckets are kept when the stack goes: access logs are evidence, and CloudFormation
    // cannot delete a non-empty bucket without an extra custom resource.
    const logsBucket = new Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes with ACLs, so this bucket keeps them enabled.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the access-log destination of the site bucket and CloudFront; logging it into itself would loop.',
    });

    const siteBucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 's3/',
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const apiEndpoint = fromSsm(names.apiEndpoint);
    const tokenUrl = fromSsm(names.authTokenUrl);
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${config.stage}-peer-rewards-dashboard`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          // The page talks to the API and the token endpoint only; sign-in is a full redirect.
          contentSecurityPolicy: [
            "default-src 'self'",
            `connect-src 'self' ${apiEndpoint} ${tokenUrl}`,
            "img-src 'self' data:",
            "style-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    const origin = S3BucketOrigin.withOriginAccessControl(siteBucket);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `peer-rewards dashboard (${config.stage})`,
      defaultRootObject: 'index.html',
      domainNames: [config.dashboard.domainName],
      certificate: Certificate.fromCertificateArn(
        this,
        'Certificate',
        fromSsm(names.dashboardCertificateArn),
      ),
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logsBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors: {
        // Read at every start so a new API endpoint or client id takes effect at once.
        '/config.json': {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Colleagues sign in from wherever they work; access is controlled by sign-in, not by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static files only; every API call is authenticated by the JWT authorizer and throttled by API Gateway, so a WAF web ACL adds cost without protecting data.',
      },
    );

    const logoutUrl = config.auth.jwt ? config.auth.jwt.logoutUrl : fromSsm(names.authLogoutUrl);
    const runtimeConfig: DashboardRuntimeConfig = {
      apiBaseUrl: apiEndpoint,
      auth: {
        mode: 'oidc',
        issuer: fromSsm(names.authIssuer),
        clientId: fromSsm(names.authClientId),
        authorizeUrl: fromSsm(names.authAuthorizeUrl),
        tokenUrl,
        ...(logoutUrl ? { logoutUrl } : {}),
        redirectUri: `${dashboardUrl}/`,
        scopes: config.auth.scopes,
        tokenUse: config.auth.jwt ? config.auth.jwt.tokenUse : 'access',
      },
    };
    new BucketDeployment(this, 'DeploySite', {
      destinationBucket: siteBucket,
      sources: [Source.asset(props.assetDir), Source.jsonData('config.json', runtimeConfig)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
    this.acknowledgeBucketDeployment(siteBucket, props.config.bootstrapQualifier);

    new StringParameter(this, 'DashboardUrlParameter', {
      parameterName: names.dashboardUrl,
      stringValue: dashboardUrl,
      description: 'Dashboard URL',
    });
    new CfnOutput(this, 'DashboardUrl', { value: dashboardUrl });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: `Point ${config.dashboard.domainName} (CNAME or alias) at this name`,
    });
  }

  /**
   * BucketDeployment runs a singleton Lambda owned by aws-cdk-lib: its role, policy and runtime
   * are not ours to change, so its findings are acknowledged on that function alone.
   */
  private acknowledgeBucketDeployment(siteBucket: Bucket, bootstrapQualifier: string): void {
    const handler = this.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler)
      throw new Error('BucketDeployment handler not found; its acknowledgements need updating.');
    const siteBucketArn = `<${this.getLogicalId(siteBucket.node.defaultChild as CfnBucket)}.Arn>`;
    const why = 'aws-cdk-lib BucketDeployment handler, run only during deployments';
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${why}: the managed policy only lets it write its own logs.`,
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
        (action) => ({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: `${why}: the grant copies the asset into the site bucket and prunes stale files there.`,
        }),
      ),
      {
        id: iam5ResourceId(
          this,
          `arn:${this.partition}:s3:::cdk-${bootstrapQualifier}-assets-${this.account}-${this.region}/*`,
        ),
        reason: `${why}: it reads the uploaded asset zip from the CDK bootstrap bucket.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::${siteBucketArn}/*]`,
        reason: `${why}: it writes the dashboard files into this stack's site bucket.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${why}: CloudFront CreateInvalidation/GetInvalidation do not support resource-level permissions.`,
      },
      {
        id: 'AwsSolutions-L1',
        reason: `${why}: aws-cdk-lib pins the runtime of its own handler.`,
      },
    );
  }
}
