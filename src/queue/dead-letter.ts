/**
 * The dead-letter list of the results queue: records whose consumer failed them on every
 * attempt. They wait in the queue's failed set (so a consumer in any language, BullMQ for
 * Python too, parks them the same way) until an operator lists, replays or drops them.
 */
import type { Job, Queue } from 'bullmq';
import { NewsintError } from '../errors.js';

export interface DeadRecord {
  /** Results job id: record id plus crawl tag. */
  jobId: string;
  /** Record id (sha256 of the canonical URL); null when the job holds no record. */
  recordId: string | null;
  url: string | null;
  title: string | null;
  fetchedAt: string | null;
  /** The consumer's last error. */
  reason: string;
  attempts: number;
  failedAt: string | null;
}

/** A record id or results job id, or every dead record. */
export type DeadTarget = string | { all: true };

const PAGE = 500;

function field(data: unknown, key: string): string | null {
  const v = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : null;
}

function describe(job: Job): DeadRecord {
  return {
    jobId: String(job.id),
    recordId: field(job.data, 'id'),
    url: field(job.data, 'url'),
    title: field(job.data, 'title'),
    fetchedAt: field(job.data, 'fetchedAt'),
    reason: job.failedReason ?? '',
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** Every failed results job, oldest first, page by page (the failed set may be long). */
async function* deadJobs(queue: Queue): AsyncGenerator<Job> {
  for (let start = 0; ; start += PAGE) {
    const jobs = await queue.getFailed(start, start + PAGE - 1);
    // getFailed can hand back null for a job removed while we page.
    for (const job of jobs) if (job) yield job;
    if (jobs.length < PAGE) return;
  }
}

/** The failed jobs with this job id or record id (scanned page by page, only matches kept). */
async function matching(queue: Queue, id: string): Promise<Job[]> {
  const direct = await queue.getJob(id);
  if (direct && (await direct.isFailed())) return [direct];
  const found: Job[] = [];
  for await (const job of deadJobs(queue)) if (field(job.data, 'id') === id) found.push(job);
  if (found.length === 0) {
    throw new NewsintError('BAD_INPUT', `no dead record has id ${id}: "newsint results failed" lists them`, { kind: 'permanent' });
  }
  return found;
}

/** Apply `act` to the target's jobs; "all" takes the head of the failed set until the count seen at the start is done. */
async function forEachTarget(queue: Queue, target: DeadTarget, act: (job: Job) => Promise<void>): Promise<number> {
  if (typeof target === 'string') {
    const jobs = await matching(queue, target);
    for (const job of jobs) await act(job);
    return jobs.length;
  }
  const total = await queue.getFailedCount();
  let n = 0;
  while (n < total) {
    const jobs = (await queue.getFailed(0, Math.min(PAGE, total - n) - 1)).filter((j): j is Job => Boolean(j));
    if (jobs.length === 0) break;
    for (const job of jobs) {
      await act(job);
      n++;
    }
  }
  return n;
}

/** Up to `limit` dead records, most recent failure first. */
export async function listDeadRecords(queue: Queue, limit = Infinity): Promise<{ total: number; records: DeadRecord[] }> {
  const total = await queue.getFailedCount();
  const end = Number.isFinite(limit) ? Math.max(0, limit) - 1 : -1;
  if (end < 0 && Number.isFinite(limit)) return { total, records: [] };
  const jobs = (await queue.getFailed(0, end)).filter((j): j is Job => Boolean(j));
  return { total, records: jobs.map(describe) };
}

/** Hand dead records to consumers again, with a fresh set of attempts. Returns how many. */
export function retryDeadRecords(queue: Queue, target: DeadTarget): Promise<number> {
  return forEachTarget(queue, target, (job) => job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }));
}

/** Delete dead records for good. Returns how many. */
export function dropDeadRecords(queue: Queue, target: DeadTarget): Promise<number> {
  return forEachTarget(queue, target, (job) => job.remove());
}
