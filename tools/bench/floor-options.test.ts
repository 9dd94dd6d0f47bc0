import path from 'node:path';
import { parseFloorOptions } from './floor-options';

const ROOT = '/repo';

describe('parseFloorOptions', () => {
  it('runs the floor and the local stack only, with the defaults, when given nothing', () => {
    // Act
    const options = parseFloorOptions([], ROOT);
    // Assert
    expect(options).toEqual({
      rounds: 5,
      duration: 5,
      connections: 10,
      distDir: '/repo/dist/apps',
      json: false,
    });
  });

  it('adds serverless-offline as a third side with --offline, its folder resolved', () => {
    // Act
    const options = parseFloorOptions(
      ['--offline', '../offline-scratch', '--rounds', '3', '--json'],
      ROOT,
    );
    // Assert
    expect(options).toMatchObject({
      offlineDir: path.resolve('../offline-scratch'),
      rounds: 3,
      json: true,
    });
  });

  it.each([
    [['--offline'], '--offline needs a value.'],
    [['--rounds', '0'], '--rounds is 1..20.'],
    [['--rounds', '1.5'], '--rounds is 1..20.'],
    [['--duration', '61'], '--duration is 1..60 seconds.'],
    [['--connections', 'many'], '--connections is 1..200.'],
    [['--serverless', 'x'], 'unknown option --serverless.'],
  ])('refuses %j with one line', (argv, message) => {
    // Act
    const parse = () => parseFloorOptions(argv, ROOT);
    // Assert
    expect(parse).toThrow(message);
  });
});
