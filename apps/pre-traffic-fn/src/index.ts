/**
 * Wiring of the pre-traffic hook: which function it guards comes from its environment, set by the
 * function's stack; the probes come from the platform manifest.
 */
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  findFunction,
  PRE_TRAFFIC_HOOK_ENV as HOOK_ENV,
  probeRequestsFor,
} from '@peer-rewards/platform-manifest';
import { createPreTrafficHandler } from './pre-traffic.handler';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}.`);
  return value;
};

const spec = findFunction(required(HOOK_ENV.targetSpec));
if (!spec) throw new Error(`${HOOK_ENV.targetSpec} names no function of the manifest.`);

const target = {
  functionName: required(HOOK_ENV.targetFunctionName),
  probes: probeRequestsFor(spec),
  usernameClaim: required(HOOK_ENV.usernameClaim),
  origin: required(HOOK_ENV.origin),
};

// The settings are checked when the hook loads; its SDK clients are made on the first
// invocation, so the cold start does not resolve their configuration.
let hook: ReturnType<typeof createPreTrafficHandler> | undefined;

export const handler: ReturnType<typeof createPreTrafficHandler> = (event) => {
  hook ??= createPreTrafficHandler({
    codedeploy: new CodeDeployClient({}),
    lambda: new LambdaClient({}),
    target,
  });
  return hook(event);
};
