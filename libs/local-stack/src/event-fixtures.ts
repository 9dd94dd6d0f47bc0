/**
 * The event fixture files under `libs/local-stack/test/events/`, written by
 * `npm run event -- fixtures` from the same generators the local stack uses (fixed times and ids,
 * so they do not churn). AWS's own sample events are `SAMPLE_EVENT_FILES` of
 * `@peer-rewards/lambda-events`. Tests load fixtures with `loadEventFixture`, a fresh copy each time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scheduleEvent } from '@peer-rewards/lambda-events';
import { requestEvent } from './request-event';

export const EVENT_FIXTURES_DIR = path.join(__dirname, '..', 'test', 'events');

const FIXED_TIME = new Date('2026-11-27T12:00:00.000Z');

const at = (requestId: string) => ({ time: FIXED_TIME, requestId });

/** Every fixture by its path under `test/events/`. */
export const eventFixtures = (): Record<string, unknown> => ({
  'http/get-health.json': requestEvent({
    method: 'GET',
    path: '/health',
    ...at('fixture-get-health'),
  }),
  'http/get-openapi.json': requestEvent({
    method: 'GET',
    path: '/openapi.json',
    ...at('fixture-get-openapi'),
  }),
  'http/get-users.json': requestEvent({
    method: 'GET',
    path: '/users?limit=5',
    user: 'alex',
    ...at('fixture-get-users'),
  }),
  'http/get-users-batch.json': requestEvent({
    method: 'GET',
    path: '/users?usernames=alex,andreas,nobody',
    user: 'alex',
    ...at('fixture-get-users-batch'),
  }),
  'http/get-user.json': requestEvent({
    method: 'GET',
    path: '/users/andreas',
    user: 'alex',
    ...at('fixture-get-user'),
  }),
  'http/get-users-me.json': requestEvent({
    method: 'GET',
    path: '/users/me',
    user: 'alex',
    ...at('fixture-get-users-me'),
  }),
  'http/put-users-me.json': requestEvent({
    method: 'PUT',
    path: '/users/me',
    user: 'alex',
    body: JSON.stringify({ displayName: 'Alex Krause', avatar: '🦊' }),
    ...at('fixture-put-users-me'),
  }),
  'http/post-reward.json': requestEvent({
    method: 'POST',
    path: '/rewards',
    user: 'alex',
    body: JSON.stringify({ to: 'andreas', points: 10, message: 'Thanks for the review 🙌' }),
    headers: { 'idempotency-key': 'fixture-post-reward-1' },
    ...at('fixture-post-reward'),
  }),
  'http/get-rewards.json': requestEvent({
    method: 'GET',
    path: '/rewards?limit=5&to=andreas',
    user: 'alex',
    ...at('fixture-get-rewards'),
  }),
  'http/get-reward.json': requestEvent({
    method: 'GET',
    path: '/rewards/01KB0000000000000000000000',
    user: 'alex',
    ...at('fixture-get-reward'),
  }),
  'http/get-leaderboard.json': requestEvent({
    method: 'GET',
    path: '/leaderboard?period=week&limit=10',
    user: 'alex',
    ...at('fixture-get-leaderboard'),
  }),
  'http/get-unknown-route.json': requestEvent({
    method: 'GET',
    path: '/nothing/here',
    ...at('fixture-unknown'),
  }),
  'schedule/generator-run.json': scheduleEvent({
    time: FIXED_TIME,
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  }),
});

export const formatFixture = (event: unknown): string => `${JSON.stringify(event, null, 2)}\n`;

/** Writes every fixture under `dir`, formatted as the repository's Prettier wants; returns the files. */
export const writeEventFixtures = async (dir = EVENT_FIXTURES_DIR): Promise<string[]> => {
  const prettier = await import('prettier');
  const files: string[] = [];
  for (const [relative, event] of Object.entries(eventFixtures())) {
    const file = path.join(dir, relative);
    const config = await prettier.resolveConfig(file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await prettier.format(formatFixture(event), { ...config, filepath: file }));
    files.push(file);
  }
  return files;
};

/** A fixture event, parsed afresh on every call so a test can change its copy freely. */
export const loadEventFixture = <T = Record<string, unknown>>(relative: string): T =>
  JSON.parse(readFileSync(path.join(EVENT_FIXTURES_DIR, relative), 'utf8')) as T;
