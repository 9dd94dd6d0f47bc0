import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
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
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsVersions,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { type CfnLogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import {
  deploymentGroupOf,
  ENV,
  LIVE_ALIAS,
  tableNameFor,
  type FunctionSpec,
  type ScheduledFunctionSpec,
} from '@peer-rewards/platform-manifest';
import { dynamodbActionsOf } from '../config/permissions';
import type { StageConfig } from '../config/stages';
import { iam5ResourceId, nagResourceOf } from '../nag-resource';
import { functionNameFor, ssmParameterNames } from '../ssm-parameters';
import { canaryAlarms } from './canary-alarms';
import { functionSettings } from './function-settings';
import { attachRoutes } from './http-routes';
import { retentionOf } from './log-retention';
import { PreTrafficHook } from './pre-traffic-hook';

export { preflightRouteKeyFor, routeKeyFor } from './http-routes';

export interface FunctionStackProps extends StackProps {
  readonly config: StageConfig;
  readonly spec: FunctionSpec;
  /** Folder holding the built `index.js` (`dist/apps/<fn>`); tests pass a fixture folder. */
  readonly assetDir: string;
  /** `APP_VERSION` of the function (the artifact's hash by default). */
  readonly appVersion: string;
  /** The built pre-traffic hook (`dist/apps/pre-traffic-fn`); HTTP functions only. */
  readonly preTrafficHookDir: string;
}

export { LIVE_ALIAS };

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
      description: `Runs ${functionName}: its own log group, the table's items${spec.kind === 'http' && spec.signsCursors ? ', the cursor key' : ''}, nothing else`,
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
        actions: dynamodbActionsOf(spec),
        resources: [tableArn, `${tableArn}/index/*`],
      }),
    );
    Validations.of(role).acknowledge({
      id: iam5ResourceId(this, `${tableArn}/index/*`),
      reason:
        "Only the indexes of this stage's own table; the actions are the function's exact read/write list (no Scan, no DeleteItem).",
    });

    // Functions that answer with cursors sign them with the stage's key: one secret, read once per container
    // through the Parameters and Secrets extension (no SDK client in the bundle).
    const cursorKeySecretArn =
      spec.kind === 'http' && spec.signsCursors
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
        ...functionSettings(this, config, spec, role),
        ...(cursorKeySecretArn ? { [ENV.cursorSigningKeySecret]: cursorKeySecretArn } : {}),
      },
      // Old versions stay so CodeDeploy can shift back and the release CLI can roll back;
      // the prune workflow deletes the ones no alias points at.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
      // Every secret a function reads (the cursor key, its own) goes through the extension.
      ...(cursorKeySecretArn || (spec.kind === 'http' && spec.secrets?.length)
        ? {
            paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(
              ParamsAndSecretsVersions.V1_0_103,
            ),
          }
        : {}),
    });

    this.alias = new Alias(this, 'LiveAlias', {
      aliasName: LIVE_ALIAS,
      version: this.function.currentVersion,
      description: 'The version API Gateway and EventBridge invoke',
    });

    const version = this.function.currentVersion;
    const alarms = canaryAlarms(this, {
      config,
      spec,
      functionName,
      aliasName: LIVE_ALIAS,
      version,
    });
    // The alarms must watch the new version before the alias update starts the deployment.
    for (const alarm of alarms) this.alias.node.addDependency(alarm);

    // HTTP functions get a pre-traffic hook; the generator has no request without side effects.
    const hook =
      spec.kind === 'http'
        ? new PreTrafficHook(this, 'PreTrafficHook', {
            config,
            spec,
            functionName,
            version,
            assetDir: props.preTrafficHookDir,
          })
        : undefined;
    if (hook) this.alias.node.addDependency(hook.role);

    const deploymentGroup = new LambdaDeploymentGroup(this, 'DeploymentGroup', {
      application: new LambdaApplication(this, 'Application', {
        applicationName: deploymentGroupOf(config.stage, spec.name).application,
      }),
      deploymentGroupName: deploymentGroupOf(config.stage, spec.name).group,
      alias: this.alias,
      deploymentConfig:
        config.deployment === 'canary-10-percent-5-minutes'
          ? LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES
          : LambdaDeploymentConfig.ALL_AT_ONCE,
      alarms,
      ...(hook ? { preHook: hook.function } : {}),
      autoRollback: { failedDeployment: true, deploymentInAlarm: true, stoppedDeployment: true },
    });
    // The hook reads the deployment it is called for, to learn the new version.
    hook?.role.addToPolicy(
      new PolicyStatement({
        sid: 'ReadItsDeployments',
        effect: Effect.ALLOW,
        actions: ['codedeploy:GetDeployment'],
        resources: [deploymentGroup.deploymentGroupArn],
      }),
    );
    const deploymentRole = this.node.findChild('DeploymentGroup').node.tryFindChild('ServiceRole');
    if (deploymentRole && hook) {
      Validations.of(deploymentRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceOf(this, hook.function.functionArn)}:*]`,
        reason:
          'CodeDeploy invokes the pre-traffic hook; the grant covers that one function and its versions.',
      });
    }
    if (deploymentRole) {
      Validations.of(deploymentRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
        reason:
          "AWS's own policy for CodeDeploy on Lambda; it only reads alarms, updates aliases and invokes the function's hooks, and follows new CodeDeploy features.",
      });
    }

    if (spec.kind === 'http') attachRoutes(this, config, spec, this.alias);
    else this.scheduleRuns(config, spec);

    new CfnOutput(this, 'FunctionName', { value: this.function.functionName });
    new CfnOutput(this, 'LiveAliasArn', { value: this.alias.functionArn });
  }

  /**
   * The schedule from the manifest, targeting the alias; off unless the stage enables it. A run
   * that keeps failing ends in a queue instead of being retried for Lambda's default six hours:
   * a demo reward minutes late is worthless, and the failure is worth keeping.
   */
  private scheduleRuns(config: StageConfig, spec: ScheduledFunctionSpec): void {
    const functionName = functionNameFor(config.stage, spec.name);
    const failures = new Queue(this, 'FailedRuns', {
      queueName: `${functionName}-failed-runs`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the scheduled runs.',
    });
    const maxEventAge = Duration.minutes(5);
    this.alias.configureAsyncInvoke({
      maxEventAge,
      retryAttempts: 2,
      onFailure: new SqsDestination(failures),
    });
    new Rule(this, 'Schedule', {
      ruleName: `${functionName}-schedule`,
      description: `Runs ${spec.name} on ${spec.schedule}`,
      schedule: Schedule.expression(spec.schedule),
      enabled: config.generatorEnabled,
      targets: [
        new LambdaFunctionTarget(this.alias, {
          retryAttempts: 2,
          maxEventAge,
          deadLetterQueue: failures,
        }),
      ],
    });
  }
}
