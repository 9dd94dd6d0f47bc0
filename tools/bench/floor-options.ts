/** The options of `npm run bench:floor` (`floor.ts`). */
import path from 'node:path';

export const FLOOR_USAGE =
  'usage: npm run bench:floor -- [--rounds 5] [--duration 5] [--connections 10] [--dist dist/apps] [--offline <dir>] [--json]';

export interface FloorOptions {
  rounds: number;
  duration: number;
  connections: number;
  distDir: string;
  /** A folder with serverless-offline installed: a third side, serverless-offline on the bundle. */
  offlineDir?: string;
  json: boolean;
}

/** Throws one line on an unknown option, a missing or an out-of-range value. */
export const parseFloorOptions = (argv: readonly string[], root: string): FloorOptions => {
  const options: FloorOptions = {
    rounds: 5,
    duration: 5,
    connections: 10,
    distDir: path.join(root, 'dist/apps'),
    json: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--json') {
      options.json = true;
      continue;
    }
    const value = argv[(i += 1)];
    if (value === undefined) throw new Error(`${arg} needs a value. ${FLOOR_USAGE}`);
    if (arg === '--rounds') options.rounds = Number(value);
    else if (arg === '--duration') options.duration = Number(value);
    else if (arg === '--connections') options.connections = Number(value);
    else if (arg === '--dist') options.distDir = path.resolve(value);
    else if (arg === '--offline') options.offlineDir = path.resolve(value);
    else throw new Error(`unknown option ${arg}. ${FLOOR_USAGE}`);
  }
  if (!(Number.isInteger(options.rounds) && options.rounds >= 1 && options.rounds <= 20))
    throw new Error('--rounds is 1..20.');
  if (!(options.duration > 0 && options.duration <= 60))
    throw new Error('--duration is 1..60 seconds.');
  if (!(options.connections > 0 && options.connections <= 200))
    throw new Error('--connections is 1..200.');
  return options;
};
