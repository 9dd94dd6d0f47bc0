import { scheduleEvent } from './schedule-event';

describe('scheduleEvent', () => {
  it("looks like EventBridge's scheduled event", () => {
    // Act
    const event = scheduleEvent({ time: new Date('2026-11-27T12:00:00.123Z'), id: 'run-1' });

    // Assert
    expect(event).toEqual({
      version: '0',
      id: 'run-1',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2026-11-27T12:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/local-generator-fn-schedule'],
      detail: {},
    });
  });
});
