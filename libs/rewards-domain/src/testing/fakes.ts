import type { Clock, IdGenerator, SecretGenerator } from '../ports';

/** A clock that says what the test tells it to; `advance` moves it forward. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-11-27T09:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ids shaped like ULIDs that sort in the order they were made: predictable in tests. */
export class SequentialIds implements IdGenerator {
  private counter = 0;

  next(): string {
    this.counter += 1;
    let value = this.counter;
    let suffix = '';
    for (let i = 0; i < 10; i += 1) {
      suffix = CROCKFORD[value % 32] + suffix;
      value = Math.floor(value / 32);
    }
    return `01JDQ4V6ZQ4N2K8X${suffix}`;
  }
}

/** Link codes that are predictable in tests, shaped like real ones (base64url, 32 characters). */
export class SequentialSecrets implements SecretGenerator {
  private counter = 0;

  next(): string {
    this.counter += 1;
    return `test-secret-${String(this.counter).padStart(20, '0')}`;
  }
}
