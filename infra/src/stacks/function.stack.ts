import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import {
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpMethod,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IAlarm,
} from 'aws-cdk-lib/aws-cloudwatch';
import {
  LambdaApplication,
  LambdaDeploymentConfig,
  LambdaDeploymentGroup,
} from 'aws-cdk-lib/aws-codedeploy';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaFunctionTarget } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Alias,
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { type CfnLogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import {
  ENV,
  routeKeyOf,
  tableNameFor,
  type FunctionSpec,
  type HttpFunctionSpec,
  type RouteSpec,
  type ScheduledFunctionSpec,
} from '@peer-rewards/platform-manifest';
import { DYNAMODB_ACTIONS } from '../config/permissions';
import type { StageConfig } from '../config/stages';
import { functionNameFor, ssmParameterNames } from '../ssm-parameters';
import { retentionOf } from './log-retention';

export interface FunctionStackProps extends StackProps {
  readonly config: StageConfig;
  readonly spec: FunctionSpec;
  /** Folder holding the built `index.js` (`dist/apps/<fn>`); tests pass a fixture folder. */
  readonly assetDir: string;
  /** `APP_VERSION` of the function (the artifact's hash by default). */
  readonly appVersion: string;
}

/** The alias API Gateway and EventBridge invoke, and CodeDeploy shifts between versions. */
export const LIVE_ALIAS = 'live';

/**
 * One function, deployable alone: its code, `live` alias, CodeDeploy group with rollback alarms,
 * and its routes or schedule. It reaches the table and the API only by name and SSM parameter,
 * never through another stack's outputs.
 */
export class FunctionStack extends Stack {
  readonly function: LambdaFunction;
  readonly alias: Alias;

  constructor(scope: Construct, id: string, props: FunctionStackProps) {
    super(scope, id, props);
    const { config, spec } = props;
    const functionName = functionNameFor(config.stage, spec.name);
    const sizing = config.functions[spec.name];

    const logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: retentionOf(config.logRetentionDays),
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // An own role instead of the AWSLambdaBasicExecutionRole managed policy, which would allow
    // writing to every log group of the account.
    const role = new Role(this, 'ExecutionRole', {
      roleName: `${functionName}-execution`,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${functionName}: its own log group, the table's items${spec.kind === 'http' ? ', the cursor key' : ''}, nothing else`,
    });
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(logGroup.node.defaultChild as CfnLogGroup)}.Arn>]`,
      reason:
        "Log streams are named by Lambda at run time; the grant is scoped to this function's own log group.",
    });

    const tableArn = this.formatArn({
      service: 'dynamodb',
      resource: 'table',
      resourceName: tableNameFor(config.stage),
    });
    role.addToPolicy(
      new PolicyStatement({
        sid: 'TableItems',
        effect: Effect.ALLOW,
        actions: [...DYNAMODB_ACTIONS[spec.name]],
        resources: [tableArn, `${tableArn}/index/*`],
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${tableNameFor(config.stage)}/index/*]`,
      reason:
        "Only the indexes of this stage's own table; the actions are the function's exact read/write list (no Scan, no DeleteItem).",
    });

    // HTTP functions sign cursors with the stage's key: one secret, read once per container.
    const cursorKeySecretArn =
      spec.kind === 'http'
        ? StringParameter.valueForStringParameter(
            this,
            ssmParameterNames(config.stage).cursorKeySecretArn,
          )
        : undefined;
    if (cursorKeySecretArn) {
      role.addToPolicy(
        new PolicyStatement({
          sid: 'CursorSigningKey',
          effect: Effect.ALLOW,
          actions: ['secretsmanager:GetSecretValue'],
          resources: [cursorKeySecretArn],
        }),
      );
    }

    this.function = new LambdaFunction(this, 'Function', {
      functionName,
      description: `peer-rewards ${spec.name} (${config.stage})`,
      code: Code.fromAsset(props.assetDir),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: sizing.memoryMb,
      timeout: Duration.seconds(sizing.timeoutSeconds),
      role,
      logGroup,
      // One generator at a time: concurrent runs would race for the same givers' allowance.
      reservedConcurrentExecutions: spec.kind === 'schedule' ? 1 : undefined,
      environment: {
        [ENV.tableName]: tableNameFor(config.stage),
        [ENV.stage]: config.stage,
        [ENV.corsOrigins]: config.corsOrigins.join(','),
        [ENV.usernameClaim]: config.auth.usernameClaim,
        [ENV.monthlyAllowance]: String(config.monthlyAllowance),
        [ENV.logLevel]: config.logLevel,
        [ENV.version]: props.appVersion,
        ...(spec.kind === 'schedule'
          ? { [ENV.rewardsPerRun]: String(config.generatorRewardsPerRun) }
          : {}),
        ...(cursorKeySecretArn ? { [ENV.cursorSigningKeySecret]: cursorKeySecretArn } : {}),
      },
      // Old versions stay so CodeDeploy can shift back and the release CLI can roll back;
      // the prune workflow deletes the ones no alias points at.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    });

    this.alias = new Alias(this, 'LiveAlias', {
      aliasName: LIVE_ALIAS,
      version: this.function.currentVersion,
      description: 'The version API Gateway and EventBridge invoke',
    });

    const alarms = this.rollbackAlarms(config, spec, functionName);
    new LambdaDeploymentGroup(this, 'DeploymentGroup', {
      application: new LambdaApplication(this, 'Application', { applicationName: functionName }),
      deploymentGroupName: `${functionName}-${LIVE_ALIAS}`,
      alias: this.alias,
      deploymentConfig:
        config.deployment === 'canary-10-percent-5-minutes'
          ? LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES
          : LambdaDeploymentConfig.ALL_AT_ONCE,
      alarms,
      autoRollback: { failedDeployment: true, deploymentInAlarm: true, stoppedDeployment: true },
    });
    const deploymentRole = this.node.findChild('DeploymentGroup').node.tryFindChild('ServiceRole');
    if (deploymentRole) {
      Validations.of(deploymentRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
        reason:
          "AWS's own policy for CodeDeploy on Lambda; it only reads alarms, updates aliases and invokes the function's hooks, and follows new CodeDeploy features.",
      });
    }

    if (spec.kind === 'http') this.attachRoutes(config, spec);
    else this.scheduleRuns(config, spec);

    new CfnOutput(this, 'FunctionName', { value: this.function.functionName });
    new CfnOutput(this, 'LiveAliasArn', { value: this.alias.functionArn });
  }

  /** Errors and p99 latency of the alias: either one in alarm stops and reverts a deployment. */
  private rollbackAlarms(config: StageConfig, spec: FunctionSpec, functionName: string): IAlarm[] {
    const period = Duration.minutes(1);
    const errors = new Alarm(this, 'AliasErrorsAlarm', {
      alarmName: `${functionName}-${LIVE_ALIAS}-errors`,
      alarmDescription: `Errors of ${functionName}:${LIVE_ALIAS}; rolls a deployment back`,
      metric: this.alias.metricErrors({ period, statistic: 'Sum' }),
      threshold: config.alarms.errorsPerMinute,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: config.alarms.evaluationPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const latency = new Alarm(this, 'AliasP99DurationAlarm', {
      alarmName: `${functionName}-${LIVE_ALIAS}-p99-duration`,
      alarmDescription: `p99 duration of ${functionName}:${LIVE_ALIAS}; rolls a deployment back`,
      metric: this.alias.metricDuration({ period, statistic: 'p99' }),
      threshold: config.alarms.p99DurationMs[spec.name],
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: config.alarms.evaluationPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    return [errors, latency];
  }

  /** The function's routes on the stage's API, found by id in SSM; all target the alias. */
  private attachRoutes(config: StageConfig, spec: HttpFunctionSpec): void {
    const names = ssmParameterNames(config.stage);
    const httpApi = HttpApi.fromHttpApiAttributes(this, 'Api', {
      httpApiId: StringParameter.valueForStringParameter(this, names.apiId),
    });
    const jwt = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'JwtAuthorizer', {
      authorizerId: StringParameter.valueForStringParameter(this, names.authorizerId),
      authorizerType: HttpAuthorizerType.JWT,
    });
    const integration = new HttpLambdaIntegration('AliasIntegration', this.alias);

    for (const route of spec.routes) {
      const authorizer: IHttpRouteAuthorizer = route.public ? new HttpNoneAuthorizer() : jwt;
      const httpRoute = new HttpRoute(this, routeConstructId(route), {
        httpApi,
        routeKey: routeKeyFor(route),
        integration,
        authorizer,
      });
      if (route.public) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKeyOf(route)} is public by design (liveness, API description, or the 404 for unknown paths); it reads no user data.`,
        });
        continue;
      }
      // An ANY route also catches the browser's CORS preflight, which never carries a token:
      // behind the JWT authorizer it would get a 401 and the browser would block the real call.
      // A more specific OPTIONS route without authorizer lets the preflight through.
      const preflight = new HttpRoute(this, `Preflight${routeConstructId(route)}`, {
        httpApi,
        routeKey: preflightRouteKeyFor(route),
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      Validations.of(preflight).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'CORS preflight: browsers send OPTIONS without credentials by specification; the function answers it without reading data.',
      });
    }
  }

  /** The schedule from the manifest, targeting the alias; off unless the stage enables it. */
  private scheduleRuns(config: StageConfig, spec: ScheduledFunctionSpec): void {
    new Rule(this, 'Schedule', {
      ruleName: `${functionNameFor(config.stage, spec.name)}-schedule`,
      description: `Runs ${spec.name} on ${spec.schedule}`,
      schedule: Schedule.expression(spec.schedule),
      enabled: config.generatorEnabled,
      targets: [
        new LambdaFunctionTarget(this.alias, {
          retryAttempts: 2,
          maxEventAge: Duration.minutes(5),
        }),
      ],
    });
  }
}

/** The manifest's route key as an API Gateway route key; they must agree character for character. */
export const routeKeyFor = (route: RouteSpec): HttpRouteKey => {
  const key =
    route.path === '$default'
      ? HttpRouteKey.DEFAULT
      : HttpRouteKey.with(route.path, HttpMethod.ANY);
  if (key.key !== routeKeyOf(route)) {
    throw new Error(
      `Route key mismatch for ${route.path}: "${key.key}" vs "${routeKeyOf(route)}".`,
    );
  }
  return key;
};

/** The route that carries the CORS preflight of a protected path. */
export const preflightRouteKeyFor = (route: RouteSpec): HttpRouteKey => {
  if (route.path === '$default') throw new Error('$default needs no preflight route.');
  return HttpRouteKey.with(route.path, HttpMethod.OPTIONS);
};

/** A stable construct id per path: `/users/{username}` → `RouteUsersUsername`. */
const routeConstructId = (route: RouteSpec): string => {
  if (route.path === '$default') return 'RouteDefault';
  const words = route.path.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  return `Route${words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')}`;
};
