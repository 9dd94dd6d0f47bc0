/**
 * The records of the local deployment controller — what CodeDeploy keeps in AWS — as files
 * beside the running stack (`<dataDir>/release/`): per function the last deployment
 * (`<fn>.deployment.json`), a lock held while one is in progress (`<fn>.lock`, so a second
 * deploy of the same function is refused) and a stop request (`<fn>.stop`, written by
 * `release rollback`, honoured by the controller within a poll). Records of an earlier stack
 * (whose versions were numbered afresh) are ignored.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '@peer-rewards/local-stack';
import type { DeploymentStatus, DeploymentSummary } from './command-context';

export interface LocalDeploymentRecord {
  readonly id: string;
  readonly function: string;
  /** The stack the deployment ran against (`<pid>:<control plane>`). */
  readonly stack: string;
  /** The release process that runs the deployment. */
  readonly controllerPid: number;
  readonly status: DeploymentStatus;
  readonly from: string;
  readonly to: string;
  readonly reason: string | null;
  readonly canaryPercent: number;
  readonly bakeMs: number;
  readonly startedAt: string;
  readonly updatedAt: string;
}

export type NewDeployment = Pick<
  LocalDeploymentRecord,
  'function' | 'from' | 'to' | 'canaryPercent' | 'bakeMs'
>;

export const summaryOf = (record: LocalDeploymentRecord): DeploymentSummary => ({
  status: record.status,
  from: record.from,
  to: record.to,
  reason: record.reason,
});

export class LocalDeployments {
  constructor(
    private readonly dir: string,
    private readonly stack: string,
  ) {}

  private file(fn: string, kind: 'deployment.json' | 'lock' | 'stop'): string {
    return path.join(this.dir, `${fn}.${kind}`);
  }

  /** The function's last deployment against this stack, or null. */
  read(fn: string): LocalDeploymentRecord | null {
    try {
      const record = JSON.parse(
        readFileSync(this.file(fn, 'deployment.json'), 'utf8'),
      ) as LocalDeploymentRecord;
      return record.stack === this.stack ? record : null;
    } catch {
      return null;
    }
  }

  private write(record: LocalDeploymentRecord): void {
    const file = this.file(record.function, 'deployment.json');
    // Written whole and renamed, so a reader never sees half a record.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(partial, file);
  }

  /** The deployment in progress for `fn`, with whether its controller still runs. */
  inProgress(fn: string): { record: LocalDeploymentRecord; controllerAlive: boolean } | null {
    const record = this.read(fn);
    if (record?.status !== 'InProgress') return null;
    return { record, controllerAlive: isProcessAlive(record.controllerPid) };
  }

  /**
   * Takes the function's deployment lock and records the deployment as in progress; returns the
   * deployment in the way when another one holds the lock.
   */
  begin(input: NewDeployment): LocalDeploymentRecord | { readonly busy: LocalDeploymentRecord } {
    mkdirSync(this.dir, { recursive: true });
    const lock = this.file(input.function, 'lock');
    const now = new Date().toISOString();
    const record: LocalDeploymentRecord = {
      ...input,
      id: `d-${randomBytes(5).toString('hex').toUpperCase()}`,
      stack: this.stack,
      controllerPid: process.pid,
      status: 'InProgress',
      reason: null,
      startedAt: now,
      updatedAt: now,
    };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        writeFileSync(lock, JSON.stringify({ pid: process.pid, id: record.id }), { flag: 'wx' });
        rmSync(this.file(input.function, 'stop'), { force: true });
        this.write(record);
        return record;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = this.inProgress(input.function);
        if (holder?.controllerAlive || attempt > 0) {
          return { busy: holder?.record ?? record };
        }
        // The holder is gone: its lock (and a deployment it left unfinished) is stale.
        if (holder) {
          this.finish(holder.record, 'Stopped', 'the release process ended before it finished');
        }
        rmSync(lock, { force: true });
      }
    }
    return { busy: record };
  }

  /** Ends a deployment with its final status and releases the lock. */
  finish(record: LocalDeploymentRecord, status: DeploymentStatus, reason: string | null): void {
    this.write({ ...record, status, reason, updatedAt: new Date().toISOString() });
    rmSync(this.file(record.function, 'stop'), { force: true });
    rmSync(this.file(record.function, 'lock'), { force: true });
  }

  requestStop(record: LocalDeploymentRecord): void {
    writeFileSync(this.file(record.function, 'stop'), `${record.id}\n`);
  }

  stopRequested(record: LocalDeploymentRecord): boolean {
    const file = this.file(record.function, 'stop');
    return existsSync(file) && readFileSync(file, 'utf8').trim() === record.id;
  }

  /** Finds a deployment by id among the functions given. */
  byId(id: string, functions: readonly string[]): LocalDeploymentRecord | null {
    return functions.map((fn) => this.read(fn)).find((record) => record?.id === id) ?? null;
  }
}
