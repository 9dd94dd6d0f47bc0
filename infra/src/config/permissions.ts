import type { FunctionSpec } from '@peer-rewards/platform-manifest';

/**
 * The DynamoDB actions of a function's role: exactly the `tableActions` of its manifest entry,
 * whose type leaves out DeleteItem and Scan. Giving a reward is one TransactWriteItems of
 * Put/Update/ConditionCheck: IAM authorizes each part by its own action, so there is no
 * `dynamodb:TransactWriteItems`.
 */
export const dynamodbActionsOf = (spec: FunctionSpec): string[] =>
  spec.tableActions.map((action) => `dynamodb:${action}`);
