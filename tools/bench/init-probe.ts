/**
 * One cold start in a process of its own: the local stack's Lambda host loads `<bundle>` and
 * invokes it once; prints the REPORT line (with its `Init Duration`). Used by `cold-start.ts`.
 *   init-probe.ts <name> <bundle> <event.json>
 */
import { readFileSync } from 'node:fs';
import { FunctionHost } from '@peer-rewards/local-stack';

const [name, file, eventFile] = process.argv.slice(2);
const lines: string[] = [];
const host = new FunctionHost({
  name,
  file,
  memoryMb: 256,
  timeoutSeconds: 10,
  env: JSON.parse(process.env.PROBE_ENV ?? '{}') as Record<string, string>,
  log: (line) => lines.push(line),
});
void host.invoke(JSON.parse(readFileSync(eventFile, 'utf8'))).then(({ report }) => {
  process.stdout.write(`\n${report.trim()}\n`);
});
