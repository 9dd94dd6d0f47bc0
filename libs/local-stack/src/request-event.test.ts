import path from 'node:path';
import { readFileSync } from 'node:fs';
import { EVENT_FIXTURES_DIR, eventFixtures, loadEventFixture } from './event-fixtures';
import { requestEvent } from './request-event';

describe('requestEvent', () => {
  it('selects the route and carries claims only on routes behind the authorizer', () => {
    // Act
    const reward = requestEvent({
      method: 'POST',
      path: '/rewards?dryRun=1',
      body: '{}',
      user: 'alex',
      query: ['x=2'],
    });
    const health = requestEvent({ method: 'GET', path: '/health', user: 'alex' });

    // Assert
    expect(reward.routeKey).toBe('ANY /rewards');
    expect(reward.rawQueryString).toBe('dryRun=1&x=2');
    expect(reward.requestContext.authorizer?.jwt.claims).toMatchObject({
      username: 'alex',
      sub: 'alex',
      aud: 'peer-rewards-local',
    });
    expect(reward.headers['content-type']).toBe('application/json');
    expect(health.requestContext.authorizer).toBeUndefined();
  });
});

describe('event fixture files', () => {
  it('are what the generators produce (rewrite them with npm run event -- fixtures)', () => {
    for (const [relative, event] of Object.entries(eventFixtures())) {
      const onDisk: unknown = JSON.parse(
        readFileSync(path.join(EVENT_FIXTURES_DIR, relative), 'utf8'),
      );
      expect({ relative, event: onDisk }).toEqual({ relative, event });
    }
  });

  it('load as fresh copies', () => {
    // Arrange
    const first = loadEventFixture<{ body: string }>('http/post-reward.json');
    first.body = 'changed';

    // Act
    const second = loadEventFixture<{ body: string }>('http/post-reward.json');

    // Assert
    expect(JSON.parse(second.body)).toEqual({
      to: 'andreas',
      points: 10,
      message: 'Thanks for the review 🙌',
    });
  });
});
