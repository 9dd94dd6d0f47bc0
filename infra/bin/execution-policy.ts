/**
 * Prints the CloudFormation execution policy of a stage as JSON, for `aws iam create-policy`
 * before `cdk bootstrap` (see docs/delivery.md).
 */
import { executionPolicyFor } from '../src/config/execution-policy';
import { stageConfigFor } from '../src/config/stages';

try {
  process.stdout.write(
    `${JSON.stringify(executionPolicyFor(stageConfigFor(process.argv[2])), null, 2)}\n`,
  );
} catch (error) {
  process.stderr.write(`execution-policy: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
