/**
 * What every release command runs against: the Lambda and SSM clients of a stage (AWS, or the
 * local stack's control plane for `--stage local`), the deployment service that shifts `live`
 * (CodeDeploy in AWS, the local deployment controller's records locally), and where output goes.
 *
 * Output contract: stdout carries only the result — the human-readable report, or with `--json`
 * the result as one JSON object on the last line (the report then goes to stderr). Progress and
 * diagnostics always go to stderr. A refusal is one line on stderr, and with `--json` also
 * `{"error": {"code", "message"}}` as the last stdout line.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';

/** What a command ends with: 0 done, 1 the operation was refused or failed, 2 a usage error. */
export type ExitCode = 0 | 1 | 2;

/** Why a command refused to act, as the `code` of the JSON error object. */
export type RefusalCode =
  /** The command line is wrong (exit 2). */
  | 'usage'
  /** `--stage local` without a running local stack. */
  | 'local-stack-unavailable'
  /** The function (or its alias `live`) is not deployed in the stage. */
  | 'not-deployed'
  /** A deployment of the function is in progress. */
  | 'deployment-in-progress'
  /** `live` still splits traffic with a canary. */
  | 'canary-in-progress'
  /** No version to roll back to (nothing recorded, not published, or already live). */
  | 'no-rollback-target'
  /** Something failed unexpectedly (exit 1). */
  | 'failed';

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

/** The clients of one stage. */
export interface StageClients {
  readonly client: LambdaClient;
  /** Holds the record of fully live versions. */
  readonly ssm: SSMClient;
  readonly deployments: DeploymentControl;
}

/** Where a command's lines go (the process's streams in the CLI, arrays in tests). */
export interface Streams {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

/** How a command speaks, under the output contract above. */
export interface Output {
  /** Whether the result is JSON (`--json`). */
  readonly json: boolean;
  /** A line of the human-readable result: stdout, or stderr when the result is JSON. */
  report(line: string): void;
  /** Progress and diagnostics: stderr. */
  progress(line: string): void;
  /** The result as JSON: the last stdout line with `--json`, nothing without it. */
  result(value: unknown): void;
  /** Refuses the operation in one line (see the contract above); returns exit code 1. */
  refuse(code: RefusalCode, message: string): 1;
}

/** Writes an error in the output contract's shape: one stderr line, and the JSON error object. */
export const writeError = (
  { stdout, stderr }: Streams,
  json: boolean,
  code: RefusalCode,
  message: string,
): void => {
  stderr(message);
  if (json) stdout(JSON.stringify({ error: { code, message } }));
};

export const createOutput = (streams: Streams, json: boolean): Output => ({
  json,
  report: json ? streams.stderr : streams.stdout,
  progress: streams.stderr,
  result: (value) => {
    if (json) streams.stdout(JSON.stringify(value));
  },
  refuse: (code, message) => {
    writeError(streams, json, code, message);
    return 1;
  },
});

export interface CommandContext extends StageClients {
  readonly out: Output;
}
