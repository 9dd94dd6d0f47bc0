/**
 * AWS's own sample events, unchanged: the HTTP API payload 2.0 event of
 * `sam local generate-event apigateway http-api-proxy` (body `{"test":"body"}` in base64) and
 * EventBridge's scheduled event. Functions must answer them as they are; `npm run invoke` takes
 * the files directly.
 */
import path from 'node:path';
import type { HttpApiEvent } from './http-event';
import type { ScheduleEvent } from './schedule-event';
import httpApiSample from './samples/apigateway-http-api-v2.json';
import scheduledSample from './samples/eventbridge-scheduled-event.json';

export const SAMPLE_EVENT_FILES = {
  httpApi: path.join(__dirname, 'samples', 'apigateway-http-api-v2.json'),
  scheduled: path.join(__dirname, 'samples', 'eventbridge-scheduled-event.json'),
} as const;

/** The HTTP API sample, a fresh copy on every call. */
export const sampleHttpEvent = (): HttpApiEvent => structuredClone(httpApiSample) as HttpApiEvent;

/** The scheduled event sample, a fresh copy on every call; `id` replaces its event id. */
export const sampleScheduledEvent = (id?: string): ScheduleEvent => {
  const event = structuredClone(scheduledSample) as ScheduleEvent;
  return id ? { ...event, id } : event;
};
