/**
 * The `BeforeAllowTraffic` hook of one HTTP function (code: `apps/pre-traffic-fn`). It may read
 * the deployments of this function's deployment group, invoke this function's new version and
 * its `live` alias (the smoke test asks it to), write its own log group and report the hook's
 * status (granted by the deployment group). Nothing else.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
  type IVersion,
} from 'aws-cdk-lib/aws-lambda';
import { type CfnLogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  LIVE_ALIAS,
  PRE_TRAFFIC_HOOK_ENV,
  preTrafficHookNameOf,
  type FunctionSpec,
} from '@peer-rewards/platform-manifest';
import type { StageConfig } from '../config/stages';
import { retentionOf } from './log-retention';

export interface PreTrafficHookProps {
  readonly config: StageConfig;
  readonly spec: FunctionSpec;
  /** The guarded function's physical name (`<stage>-<fn>`). */
  readonly functionName: string;
  readonly version: IVersion;
  /** The built hook (`dist/apps/pre-traffic-fn`). */
  readonly assetDir: string;
}

export class PreTrafficHook extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: PreTrafficHookProps) {
    super(scope, id);
    const { config, spec, functionName } = props;
    const hookName = preTrafficHookNameOf(config.stage, spec.name);

    const logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${hookName}`,
      retention: retentionOf(config.logRetentionDays),
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      roleName: `${hookName}-execution`,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Probes new versions of ${functionName} before CodeDeploy shifts traffic`,
    });
    logGroup.grantWrite(this.role);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${(logGroup.node.defaultChild as CfnLogGroup).logicalId}.Arn>]`,
      reason:
        "Log streams are named by Lambda at run time; the grant is scoped to the hook's own log group.",
    });
    // The exact version this stack update publishes, and the alias for the smoke test: no
    // wildcard, so the hook can never invoke an older version or another function.
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'InvokeTheNewVersion',
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [
          props.version.functionArn,
          // By name, not by reference: the alias waits for this policy before it shifts.
          Stack.of(this).formatArn({
            service: 'lambda',
            resource: 'function',
            resourceName: `${functionName}:${LIVE_ALIAS}`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    this.function = new LambdaFunction(this, 'Function', {
      functionName: hookName,
      description: `Pre-traffic probes of ${functionName} (CodeDeploy BeforeAllowTraffic)`,
      code: Code.fromAsset(props.assetDir),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      // Two probes, each bounded by the target's own timeout, plus the CodeDeploy calls.
      timeout: Duration.seconds(config.functions[spec.name].timeoutSeconds * 2 + 20),
      role: this.role,
      logGroup,
      environment: {
        [PRE_TRAFFIC_HOOK_ENV.targetFunctionName]: functionName,
        [PRE_TRAFFIC_HOOK_ENV.targetSpec]: spec.name,
        [PRE_TRAFFIC_HOOK_ENV.usernameClaim]: config.auth.usernameClaim,
        [PRE_TRAFFIC_HOOK_ENV.origin]: `https://${config.dashboard.domainName}`,
      },
    });
  }
}
