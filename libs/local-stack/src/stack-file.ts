/**
 * `<dataDir>/local-stack.json`: written by a running `npm start` so `npm run invoke` can use its
 * DynamoDB Local and table instead of starting its own, and `npm run release -- … --stage local`
 * finds its control plane.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitForDynamoDb } from './dynamodb-local/dynamodb-local';

export interface StackFile {
  readonly pid: number;
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  /** The local control plane (Lambda and SSM APIs); absent in files of older stacks. */
  readonly awsEndpoint?: string;
}

export const stackFilePath = (dataDir: string): string => path.join(dataDir, 'local-stack.json');

export const writeStackFile = (dataDir: string, stack: StackFile): string => {
  const file = stackFilePath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(stack, null, 2)}\n`);
  return file;
};

export const removeStackFile = (dataDir: string, pid = process.pid): void => {
  const file = stackFilePath(dataDir);
  // Only the stack that wrote it removes it: a second `npm start` may have taken over the file.
  if (readStackFile(dataDir)?.pid === pid) rmSync(file, { force: true });
};

export const readStackFile = (dataDir: string): StackFile | null => {
  const file = stackFilePath(dataDir);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackFile>;
    if (
      typeof parsed.pid !== 'number' ||
      typeof parsed.url !== 'string' ||
      typeof parsed.dynamodbEndpoint !== 'string' ||
      typeof parsed.tableName !== 'string'
    ) {
      return null;
    }
    return parsed as StackFile;
  } catch {
    return null;
  }
};

export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The running stack described by the file, when its process is alive and its DynamoDB answers. */
export const findRunningStack = async (dataDir: string): Promise<StackFile | null> => {
  const stack = readStackFile(dataDir);
  if (!stack || !isProcessAlive(stack.pid)) return null;
  try {
    await waitForDynamoDb(stack.dynamodbEndpoint, 1500);
    return stack;
  } catch {
    return null;
  }
};

/**
 * Waits for the stack a just-started `npm start` records in `dataDir` to answer; throws when
 * `ended()` says its process is gone, or after `timeoutMs`.
 */
export const waitForRunningStack = async (
  dataDir: string,
  options: { readonly timeoutMs?: number; readonly ended?: () => boolean } = {},
): Promise<StackFile> => {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (options.ended?.()) throw new Error('the local stack ended before it was up.');
    const stack = await findRunningStack(dataDir);
    if (stack) return stack;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `the local stack was not up within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s.`,
  );
};
