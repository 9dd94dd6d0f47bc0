/** The event EventBridge sends for a schedule rule (`detail-type: Scheduled Event`). */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './local-account';

export type ScheduleEvent = ScheduledEvent<Record<string, never>>;

export interface ScheduleEventInput {
  readonly time?: Date;
  readonly id?: string;
  readonly ruleName?: string;
  readonly region?: string;
  readonly account?: string;
}

export const scheduleEvent = (input: ScheduleEventInput = {}): ScheduleEvent => {
  const region = input.region ?? LOCAL_REGION;
  const account = input.account ?? LOCAL_ACCOUNT_ID;
  return {
    version: '0',
    id: input.id ?? randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    // EventBridge sends whole seconds.
    time: (input.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [
      `arn:aws:events:${region}:${account}:rule/${input.ruleName ?? 'local-generator-fn-schedule'}`,
    ],
    detail: {},
  };
};
