import path from 'node:path';
import { parseBenchFlags } from './bench-args';

const KINDS = { users: 500, json: 'path' } as const;

describe('parseBenchFlags', () => {
  it('reads counts within their range and resolves paths', () => {
    // Act
    const flags = parseBenchFlags(['--users', '60', '--json', 'out.json'], 'usage', KINDS);
    // Assert
    expect(flags).toEqual({ users: 60, json: path.resolve('out.json') });
  });

  it.each([
    [['--users', '0'], '--users is 1..500.'],
    [['--users', '2.5'], '--users is 1..500.'],
    [['--users', '501'], '--users is 1..500.'],
    [['--users'], '--users needs a value. usage'],
    [['--colour', 'red'], 'unknown option --colour. usage'],
  ])('refuses %j with one line', (argv, message) => {
    // Act
    const parse = () => parseBenchFlags(argv, 'usage', KINDS);
    // Assert
    expect(parse).toThrow(message);
  });
});
