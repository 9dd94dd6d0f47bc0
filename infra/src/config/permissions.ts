import type { FunctionName } from '@peer-rewards/platform-manifest';

/**
 * The DynamoDB actions each function calls, and nothing more. Giving a reward is one
 * TransactWriteItems of Put/Update/ConditionCheck: IAM authorizes each part by its own action,
 * so there is no `dynamodb:TransactWriteItems` here. DeleteItem and Scan are never granted, and
 * users-fn writes a profile with one UpdateItem (create or update), so it has no PutItem.
 */
export const DYNAMODB_ACTIONS: Readonly<Record<FunctionName, readonly string[]>> = {
  'users-fn': [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ],
  'rewards-fn': [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
  'generator-fn': [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
  // Gets links, codes, the spend and replays; writes codes, links and rewards; never queries.
  'slack-fn': [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
};
