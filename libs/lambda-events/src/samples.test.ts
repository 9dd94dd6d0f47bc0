import { readFileSync } from 'node:fs';
import { SAMPLE_EVENT_FILES, sampleHttpEvent, sampleScheduledEvent } from './samples';

describe('AWS sample events', () => {
  it('are the files as they are, a fresh copy each time', () => {
    // Arrange
    const first = sampleHttpEvent();
    first.rawPath = '/changed';

    // Act
    const second = sampleHttpEvent();

    // Assert
    expect(second).toEqual(JSON.parse(readFileSync(SAMPLE_EVENT_FILES.httpApi, 'utf8')));
    expect(Buffer.from(second.body ?? '', 'base64').toString('utf8')).toBe('{"test":"body"}');
    expect(sampleScheduledEvent()).toEqual(
      JSON.parse(readFileSync(SAMPLE_EVENT_FILES.scheduled, 'utf8')),
    );
  });

  it('take another event id for a retried schedule', () => {
    // Act
    const event = sampleScheduledEvent('retry-1');

    // Assert
    expect(event).toMatchObject({ id: 'retry-1', 'detail-type': 'Scheduled Event' });
  });
});
