/**
 * What every release command runs against: the Lambda and SSM clients of a stage (AWS, or the
 * local stack's control plane for `--stage local`), the deployment service that shifts `live`
 * (CodeDeploy in AWS, the local deployment controller's records locally), and where output goes.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';

/** What a command ends with: the process exit code. */
export type ExitCode = 0 | 1;

export type DeploymentStatus = 'Succeeded' | 'RolledBack' | 'InProgress' | 'Stopped';

/** The last deployment of a function, as `status --json` reports it. */
export interface DeploymentSummary {
  readonly status: DeploymentStatus;
  /** The version `live` served when it started (null when CodeDeploy does not say). */
  readonly from: string | null;
  /** The version it moves `live` to. */
  readonly to: string | null;
  /** Why it ended as it did (null while it runs or when it succeeded). */
  readonly reason: string | null;
}

/** The service that shifts `live` between versions and can be told to stop. */
export interface DeploymentControl {
  /** Ids of the function's deployments that have not finished. */
  active(stage: string, fn: string): Promise<string[]>;
  /** Stops a deployment and moves `live` back to the version it started from. */
  stopWithRollback(deploymentId: string): Promise<string | undefined>;
  /** The function's most recent deployment, or null when it has none. */
  last(stage: string, fn: string): Promise<DeploymentSummary | null>;
}

export interface CommandContext {
  readonly client: LambdaClient;
  /** Holds the record of fully live versions. */
  readonly ssm: SSMClient;
  readonly deployments: DeploymentControl;
  /** Where human-readable output goes (stdout in the CLI, an array in tests). */
  readonly log: (line: string) => void;
}
