/**
 * What `release status --json` reports for users-fn after its version 2 was rolled back to 1:
 * the shape both the AWS-stage and the local-stage tests expect, with the reason each one gives.
 */
export const rolledBackStatus = (reason: unknown) => ({
  function: 'users-fn',
  live: '1',
  weights: { '1': 1 },
  versions: ['1', '2'],
  lastDeployment: { status: 'RolledBack', from: '1', to: '2', reason },
});
