/**
 * The invariants of the stage settings a wrong edit could break. Synth fails with the reason,
 * so a mistake is caught before anything is deployed.
 */
import type { StageConfig, StageName } from './stage-config';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** `cdk bootstrap --qualifier`: at most 10 lower-case letters and digits. */
const QUALIFIER = /^[a-z0-9]{1,10}$/;

const fail = (stage: string, problems: readonly string[]): void => {
  if (problems.length > 0) {
    throw new Error(`Invalid config for stage "${stage}": ${problems.join('; ')}.`);
  }
};

/** Checks one stage on every synth (placeholders for the account are fine here). */
export const validateStageConfig = (config: StageConfig): void => {
  const problems: string[] = [];
  if (!ACCOUNT_ID.test(config.account)) {
    problems.push(`account "${config.account}" is not a 12-digit AWS account id`);
  }
  if (!REGION.test(config.region)) problems.push(`region "${config.region}" is not a region`);
  if (!QUALIFIER.test(config.bootstrapQualifier)) {
    problems.push(
      `bootstrapQualifier "${config.bootstrapQualifier}" must be 1-10 lower-case letters or digits`,
    );
  }
  if (config.corsOrigins.length === 0) problems.push('corsOrigins is empty');
  for (const origin of config.corsOrigins) {
    if (origin.includes('*')) problems.push(`corsOrigins must not contain wildcards ("${origin}")`);
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(`corsOrigins entry "${origin}" is not a scheme://host[:port] origin`);
    }
  }
  if (!config.corsOrigins.includes(`https://${config.dashboard.domainName}`)) {
    problems.push(`corsOrigins must include the dashboard https://${config.dashboard.domainName}`);
  }
  if (!/^[a-z0-9._-]+\/[a-z0-9._-]+$/i.test(config.github.repository)) {
    problems.push(`github.repository "${config.github.repository}" is not owner/name`);
  }
  if (config.throttling.rateLimit <= 0 || config.throttling.burstLimit <= 0) {
    problems.push('throttling limits must be positive');
  }
  fail(config.stage, problems);
};

/**
 * Checks the stages against each other: no two share a bootstrap qualifier in one account and
 * region, because then one stage's deploy role could deploy the other's stacks.
 */
export const validateStages = (stages: Readonly<Record<StageName, StageConfig>>): void => {
  const seen = new Map<string, string>();
  for (const config of Object.values(stages)) {
    const key = `${config.account}/${config.region}/${config.bootstrapQualifier}`;
    const other = seen.get(key);
    if (other !== undefined) {
      fail(config.stage, [
        `it shares account ${config.account}, region ${config.region} and bootstrap qualifier "${config.bootstrapQualifier}" with stage "${other}"; give each stage its own account or qualifier`,
      ]);
    }
    seen.set(key, config.stage);
  }
};

export interface DeployTarget {
  /** Accounts that only stand in for real ones. */
  readonly placeholderAccounts: readonly string[];
  /** The account of the credentials at hand (`CDK_DEFAULT_ACCOUNT`), when the CLI knows it. */
  readonly callerAccount?: string;
}

/**
 * Checks what only matters when the synth is for a deploy (`-c deploy=true`): the stage names a
 * real account, and the credentials are for that account (a prod deploy with dev credentials,
 * or the other way round, stops here with the reason instead of deep inside CloudFormation).
 */
export const assertDeployable = (config: StageConfig, target: DeployTarget): void => {
  const problems: string[] = [];
  if (target.placeholderAccounts.includes(config.account)) {
    problems.push(
      `account ${config.account} is a placeholder: set the real account id of "${config.stage}" in infra/src/config/stages.ts before deploying`,
    );
  } else if (target.callerAccount !== undefined && target.callerAccount !== config.account) {
    problems.push(
      `the credentials are for account ${target.callerAccount}, but "${config.stage}" is pinned to ${config.account}`,
    );
  }
  fail(config.stage, problems);
};
