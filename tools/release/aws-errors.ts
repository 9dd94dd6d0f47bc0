/** Whether an AWS SDK error is the named service exception (by class name, as the SDK sets it). */
export const isAwsError = (error: unknown, name: string): boolean =>
  error instanceof Error && error.name === name;
