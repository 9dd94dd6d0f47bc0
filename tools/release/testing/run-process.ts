/** Runs a command as a process, as a user's shell would, and keeps its two streams apart. */
import { spawn } from 'node:child_process';

export interface ProcessRun {
  readonly code: number | null;
  /** The result: the human report, or the JSON result on its last line with --json. */
  readonly stdout: string;
  /** Progress and diagnostics. */
  readonly stderr: string;
}

export const runProcess = (
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<ProcessRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    // 'close', not 'exit': both streams are read to their end.
    child.on('close', (code) =>
      resolve({ code, stdout: stdout.trimEnd(), stderr: stderr.trimEnd() }),
    );
  });
