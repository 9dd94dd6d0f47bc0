/**
 * The safety rails of a deployment, read from the synthesized templates: alarms that see the new
 * version's handled 5xx, pre-traffic hooks, stages that cannot reach each other, and templates
 * the stage's own bootstrap role can deploy.
 */
import { readFileSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import {
  FUNCTIONS,
  METRICS,
  probeEvent,
  probeRequestsFor,
  type FunctionSpec,
  type ProbeRequest,
} from '@peer-rewards/platform-manifest';
import { emfDocumentsIn, valueForAlarm, type AlarmMetric } from '../test/emf';
import { invokeBundle } from '../test/invoke-bundle';
import { synthStage, type SynthesizedStage } from '../test/synth-stage';

type Resource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };
const resourcesOf = (template: Template) =>
  (template.toJSON() as { Resources: Record<string, Resource> }).Resources;
const entriesOfType = (template: Template, type: string) =>
  Object.entries(resourcesOf(template)).filter(([, resource]) => resource.Type === type);

const stages: Record<'dev' | 'prod', SynthesizedStage> = {
  dev: synthStage('dev'),
  prod: synthStage('prod'),
};
const HTTP_FUNCTIONS = FUNCTIONS.filter((fn) => fn.kind === 'http').map((fn) => fn.name);

/** The logical id of the Version resource the `live` alias points at. */
const versionIdOf = (template: Template): string => {
  const [[, alias]] = entriesOfType(template, 'AWS::Lambda::Alias');
  return (alias.Properties?.FunctionVersion as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
};

describe.each(HTTP_FUNCTIONS)('the prod canary of %s', (fn) => {
  const template = stages.prod.functions[fn];
  const [[alarmId, alarm]] = entriesOfType(template, 'AWS::CloudWatch::Alarm').filter(([id]) =>
    id.startsWith('NewVersionServerErrorsAlarm'),
  );

  it('watches the ServerErrors metric of the version the deployment moves live to', () => {
    // Assert
    expect(alarm.Properties).toMatchObject({
      Namespace: METRICS.namespace,
      MetricName: METRICS.serverErrors,
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Dimensions: [
        { Name: 'FunctionName', Value: `prod-${fn}` },
        { Name: 'Version', Value: { 'Fn::GetAtt': [versionIdOf(template), 'Version'] } },
      ],
    });
    // The deployment group rolls back on it, and the alias waits for it before it shifts.
    expect(JSON.stringify(resourcesOf(template))).toContain(
      `"Alarms":[{"Name":{"Ref":"${alarmId}"}}`,
    );
    const [[, alias]] = entriesOfType(template, 'AWS::Lambda::Alias');
    expect(alias.DependsOn).toEqual(expect.arrayContaining([alarmId]));
  });
});

// Functions whose probes include an authenticated read, which reaches the table.
const READ_PROBED_FUNCTIONS = HTTP_FUNCTIONS.filter((fn) =>
  probeRequestsFor(FUNCTIONS.find((candidate) => candidate.name === fn) as FunctionSpec).some(
    (probe) => probe.authenticated,
  ),
);

describe.each(READ_PROBED_FUNCTIONS)('the prod canary alarm of %s', (fn) => {
  const template = stages.prod.functions[fn];
  const [[, alarm]] = entriesOfType(template, 'AWS::CloudWatch::Alarm').filter(([id]) =>
    id.startsWith('NewVersionServerErrorsAlarm'),
  );

  it('is moved by what the built bundle prints when the new version answers a handled 503', () => {
    // Arrange: version 7 of the deployed function, its table unreachable; the authenticated read
    // the pre-traffic hook sends.
    const spec = FUNCTIONS.find((candidate) => candidate.name === fn);
    const read = probeRequestsFor(spec as FunctionSpec).find((probe) => probe.authenticated);
    const event = probeEvent(read as ProbeRequest, {
      usernameClaim: 'username',
      origin: 'https://rewards.example.com',
      now: new Date(),
      requestId: 'canary-alarm-test',
    });
    const props = alarm.Properties as unknown as AlarmMetric;
    const watching = (version: string): AlarmMetric => ({
      ...props,
      Dimensions: props.Dimensions.map((d) =>
        d.Name === 'Version' ? { Name: 'Version', Value: version } : d,
      ),
    });

    // Act
    const { answer, stdout } = invokeBundle(
      fn,
      event,
      { functionName: `prod-${fn}`, functionVersion: '7' },
      {
        TABLE_NAME: 'prod-peer-rewards',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'canary',
        AWS_SECRET_ACCESS_KEY: 'canary',
        LOG_LEVEL: 'error',
        CURSOR_SIGNING_KEY: 'canary-cursor-signing-key-0123456789abcdef',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    );
    const documents = emfDocumentsIn(stdout);

    // Assert: the alarm of version 7 counts it; the old version's alarm would not.
    expect(answer?.statusCode).toBe(503);
    expect(documents).toHaveLength(1);
    expect(valueForAlarm(documents[0], watching('7'))).toBe(1);
    expect(valueForAlarm(documents[0], watching('6'))).toBeUndefined();
  });
});

describe.each(['dev', 'prod'] as const)('the %s stage', (stageName) => {
  const stage = stages[stageName];

  it.each(HTTP_FUNCTIONS)(
    'lets no traffic reach a new %s before its pre-traffic hook passed',
    (fn) => {
      // Arrange
      const template = stage.functions[fn];
      const [[, alias]] = entriesOfType(template, 'AWS::Lambda::Alias');
      const [[hookId, hook]] = entriesOfType(template, 'AWS::Lambda::Function').filter(([id]) =>
        id.startsWith('PreTrafficHook'),
      );

      // Assert
      expect(alias.UpdatePolicy).toMatchObject({
        CodeDeployLambdaAliasUpdate: { BeforeAllowTrafficHook: { Ref: hookId } },
      });
      expect(hook.Properties).toMatchObject({
        FunctionName: `${stageName}-${fn}-pre-traffic`,
        Environment: {
          Variables: {
            TARGET_FUNCTION_NAME: `${stageName}-${fn}`,
            TARGET_SPEC: fn,
            USERNAME_CLAIM: 'username',
            PROBE_ORIGIN: `https://${stage.config.dashboard.domainName}`,
          },
        },
      });
    },
  );

  it.each(HTTP_FUNCTIONS)('lets the hook of %s invoke only the new version and its alias', (fn) => {
    // Arrange
    const template = stage.functions[fn];
    const [[, policy]] = entriesOfType(template, 'AWS::IAM::Policy').filter(([id]) =>
      id.startsWith('PreTrafficHookRole'),
    );
    const statements = (
      policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement;
    const byAction = Object.fromEntries(
      statements.map((s) => [JSON.stringify(s.Action), s.Resource]),
    );

    // Assert
    expect(byAction['"lambda:InvokeFunction"']).toEqual(
      expect.arrayContaining([
        { Ref: versionIdOf(template) },
        `arn:aws:lambda:${stage.config.region}:${stage.config.account}:function:${stageName}-${fn}:live`,
      ]),
    );
    expect(byAction['"lambda:InvokeFunction"']).toHaveLength(2);
    expect(Object.keys(byAction).sort()).toEqual(
      [
        '"codedeploy:GetDeployment"',
        '"codedeploy:PutLifecycleEventHookExecutionStatus"',
        '"lambda:InvokeFunction"',
        '["logs:CreateLogStream","logs:PutLogEvents"]',
      ].sort(),
    );
  });

  it('deploys only into its own account, through its own bootstrap qualifier', () => {
    // Arrange
    const other = stages[stageName === 'dev' ? 'prod' : 'dev'];
    const stacks = [
      stage.stacks.data,
      stage.stacks.api,
      stage.stacks.deployRole,
      ...Object.values(stage.stacks.functions),
    ];
    const templates = [stage.data, stage.api, stage.deployRole, ...Object.values(stage.functions)];

    // Assert
    for (const stack of stacks) {
      expect(stack.account).toBe(stage.config.account);
      expect(stack.region).toBe(stage.config.region);
    }
    for (const template of templates) {
      expect(JSON.stringify(template.toJSON())).toContain(
        `/cdk-bootstrap/${stage.config.bootstrapQualifier}/version`,
      );
    }
    expect(stage.config.account).not.toBe(other.config.account);
    expect(stage.config.bootstrapQualifier).not.toBe(other.config.bootstrapQualifier);
  });

  it('gives its deploy role nothing in the other stage', () => {
    // Arrange
    const other = stages[stageName === 'dev' ? 'prod' : 'dev'].config;
    const text = JSON.stringify(stage.deployRole.toJSON());

    // Assert
    expect(text).toContain(`role/cdk-${stage.config.bootstrapQualifier}-deploy-role-`);
    expect(text).not.toContain(other.account);
    expect(text).not.toContain(`cdk-${other.bootstrapQualifier}-`);
    expect(text).not.toContain(`${other.stage}-`);
  });
});

/** The SSM parameters the bootstrap template lets its deploy role read, by parameter name. */
const bootstrapReadableParameters = (): string[] => {
  const template = readFileSync(
    require.resolve('aws-cdk/lib/api/bootstrap/bootstrap-template.yaml'),
    'utf8',
  );
  const block = template.slice(
    template.indexOf('- Sid: ReadVersion'),
    template.indexOf('- Sid: Refactor'),
  );
  expect(block).toContain('ssm:GetParameters');
  return [...block.matchAll(/parameter\$\{(\w+)\}/g)].map((match) => match[1]);
};

describe('templates the bootstrap deploy role can create change sets for', () => {
  it.each(['dev', 'prod'] as const)(
    '%s: every SSM-typed parameter is readable by that role',
    (name) => {
      // Arrange: the bootstrap role reads only its own version parameter by itself.
      expect(bootstrapReadableParameters()).toEqual(['CdkBootstrapVersion']);
      const stage = stages[name];
      const [[, grant]] = entriesOfType(stage.deployRole, 'AWS::IAM::Policy');
      const granted = JSON.stringify(grant.Properties);
      const prefix = /parameter\/(peer-rewards\/[a-z]+)\/\*/.exec(granted)?.[1];

      // Act
      const templates = [...Object.values(stage.functions), stage.dashboard, stage.api, stage.data];
      const parameters = templates.flatMap((template) =>
        Object.values(
          (template.toJSON() as { Parameters?: Record<string, { Type: string; Default?: string }> })
            .Parameters ?? {},
        )
          .filter((p) => p.Type.startsWith('AWS::SSM::Parameter::Value'))
          .map((p) => p.Default ?? ''),
      );

      // Assert
      expect(grant.Properties?.Roles).toEqual([
        `cdk-${stage.config.bootstrapQualifier}-deploy-role-${stage.config.account}-${stage.config.region}`,
      ]);
      expect(granted).toContain('ssm:GetParameters');
      expect(parameters.length).toBeGreaterThan(0);
      for (const parameter of parameters) {
        const readable =
          parameter === `/cdk-bootstrap/${stage.config.bootstrapQualifier}/version` ||
          parameter.startsWith(`/${prefix}/`);
        expect({ parameter, readable }).toEqual({ parameter, readable: true });
      }
    },
  );
});

describe('the generator', () => {
  it.each(['dev', 'prod'] as const)(
    '%s: keeps failed runs in a queue and retries them for minutes, not hours',
    (name) => {
      // Arrange
      const template = stages[name].functions['generator-fn'];
      const [[queueId]] = entriesOfType(template, 'AWS::SQS::Queue');

      // Assert
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        MaximumEventAgeInSeconds: 300,
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
      template.hasResourceProperties('AWS::Events::Rule', {
        Targets: [
          Match.objectLike({
            RetryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 2 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
          }),
        ],
      });
    },
  );
});
