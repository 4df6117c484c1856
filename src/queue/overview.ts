/**
 * What an operator asks of a running pipeline, read from Redis alone (any machine can
 * answer): counts and rates per queue, the oldest waiting job, workers seen, schedules with
 * their last and next runs, why delayed jobs wait, failures with reasons, recent records.
 */
import type { Job, Queue } from 'bullmq';
import type { PipelineQueues } from './queues.js';
import { QUEUE_NAMES } from './names.js';
import { listSchedules, type ScheduleInfo } from './schedule.js';
import { jobSubject } from './status.js';
import { BULLMQ_STALLED_REASON, STALLED } from './worker.js';

export type QueueKey = keyof typeof QUEUE_NAMES;
export const QUEUE_KEYS = Object.keys(QUEUE_NAMES) as QueueKey[];

/** Minutes of BullMQ's per-minute metrics a rate is averaged over. */
export const RATE_WINDOW_MINUTES = 5;
/** Delayed jobs looked at per queue to say why they wait. */
const DELAYED_SAMPLE = 500;

export interface QueueOverview {
  name: QueueKey;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Jobs finished since the queue began (BullMQ metrics; 0 when no worker records them). */
  completedTotal: number;
  failedTotal: number;
  /** Per minute, over the last RATE_WINDOW_MINUTES whole minutes. */
  completedPerMinute: number;
  failedPerMinute: number;
  /** Age of the oldest job waiting to be picked up, or null when none waits. */
  oldestWaitingMs: number | null;
  /** Worker connections serving this queue now. */
  workers: number;
}

export interface WorkerSeen {
  name: string;
  queues: QueueKey[];
  idleMs: number;
}

export interface DelayReason {
  queue: QueueKey;
  reason: string;
  count: number;
}

export interface PipelineOverview {
  prefix: string;
  at: string;
  queues: QueueOverview[];
  workers: WorkerSeen[];
  schedules: ScheduleInfo[];
  delayed: DelayReason[];
}

export interface FailureInfo {
  queue: QueueKey;
  id: string;
  /** The URL (or feed) the job was about. */
  input: string;
  /** "CODE" of the reason when it has one, else "ERROR". */
  code: string;
  reason: string;
  attempts: number;
  failedAt: string | null;
}

const rate = (data: number[]) => data.slice(0, RATE_WINDOW_MINUTES).reduce((a, b) => a + b, 0) / RATE_WINDOW_MINUTES;

async function queueOverview(name: QueueKey, queue: Queue, now: number): Promise<QueueOverview> {
  const [counts, done, failed, oldest, workers] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'),
    queue.getMetrics('completed', 0, RATE_WINDOW_MINUTES - 1),
    queue.getMetrics('failed', 0, RATE_WINDOW_MINUTES - 1),
    queue.getJobs(['wait'], 0, 0, true),
    queue.getWorkersCount().catch(() => 0),
  ]);
  const first = oldest[0];
  return {
    name,
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    completed: counts.completed ?? 0,
    completedTotal: done.meta.count,
    failedTotal: failed.meta.count,
    completedPerMinute: rate(done.data),
    failedPerMinute: rate(failed.data),
    oldestWaitingMs: first ? Math.max(0, now - first.timestamp) : null,
    workers,
  };
}

/** Worker names come from BullMQ's client names (`<prefix>:<queue>:w:<name>`); we name workers host:pid. */
async function workersSeen(q: PipelineQueues): Promise<WorkerSeen[]> {
  const seen = new Map<string, WorkerSeen>();
  for (const name of QUEUE_KEYS) {
    const clients = await q[name].getWorkers().catch(() => []);
    for (const c of clients) {
      // BullMQ puts the queue name in `name` and the client name in `rawname`.
      const id = (c.rawname ?? c.name)?.split(':w:')[1] ?? c.addr ?? 'unnamed';
      const entry = seen.get(id) ?? { name: id, queues: [], idleMs: Number.POSITIVE_INFINITY };
      if (!entry.queues.includes(name)) entry.queues.push(name);
      entry.idleMs = Math.min(entry.idleMs, Number(c.idle ?? 0) * 1000);
      seen.set(id, entry);
    }
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Set by the fetch gate when a job waits for its host (see workers/gate.ts). */
interface HostWait {
  waitingFor: 'host';
  host: string;
}

function delayReason(job: Job): string {
  if (job.repeatJobKey) return `next run of schedule ${job.repeatJobKey}`;
  const progress = job.progress as Partial<HostWait> | number;
  if (typeof progress === 'object' && progress?.waitingFor === 'host') return `politeness: waiting for a slot on ${progress.host}`;
  if (job.attemptsMade > 0) return `retry after ${codeOf(job.failedReason ?? '')} (backoff)`;
  return 'delayed';
}

export async function delayedReasons(q: PipelineQueues): Promise<DelayReason[]> {
  const out: DelayReason[] = [];
  for (const name of QUEUE_KEYS) {
    const jobs = await q[name].getDelayed(0, DELAYED_SAMPLE - 1);
    const counts = new Map<string, number>();
    for (const job of jobs) counts.set(delayReason(job), (counts.get(delayReason(job)) ?? 0) + 1);
    for (const [reason, count] of counts) out.push({ queue: name, reason, count });
  }
  return out.sort((a, b) => b.count - a.count);
}

export async function pipelineOverview(q: PipelineQueues): Promise<PipelineOverview> {
  const now = Date.now();
  const [queues, workers, schedules, delayed] = await Promise.all([
    Promise.all(QUEUE_KEYS.map((name) => queueOverview(name, q[name], now))),
    workersSeen(q),
    listSchedules(q.discover),
    delayedReasons(q),
  ]);
  return { prefix: q.prefix, at: new Date(now).toISOString(), queues, workers, schedules, delayed };
}

/** "TIMEOUT: took too long" -> "TIMEOUT"; anything without a code is ERROR. */
export function codeOf(reason: string): string {
  // Written by BullMQ itself when a job failed as stalled on a worker without our wording.
  if (reason.startsWith(BULLMQ_STALLED_REASON)) return STALLED;
  return /^([A-Z][A-Z_]+):/.exec(reason)?.[1] ?? 'ERROR';
}

function inputOf(job: Job): string {
  return jobSubject(job.data, job.id);
}

export async function listFailures(q: PipelineQueues, limit: number, queues: QueueKey[] = QUEUE_KEYS): Promise<FailureInfo[]> {
  const all: FailureInfo[] = [];
  for (const name of queues) {
    for (const job of await q[name].getFailed(0, limit - 1)) {
      const reason = job.failedReason ?? '';
      all.push({
        queue: name,
        id: String(job.id),
        input: inputOf(job),
        code: codeOf(reason),
        reason,
        attempts: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      });
    }
  }
  return all.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '')).slice(0, limit * queues.length);
}

/** Move a failed job back to waiting; false when there is no such failed job. */
export async function retryFailedJob(q: PipelineQueues, queue: QueueKey, id: string): Promise<boolean> {
  const job = await q[queue].getJob(id);
  if (!job || !(await job.isFailed())) return false;
  await job.retry('failed');
  return true;
}

/** What the extract worker returns for a page: enough to show the record without its text. */
export interface RecordSummary {
  id: string;
  url: string | null;
  title: string | null;
  wordCount: number;
  extractedAt: string | null;
  /** Entity names by type ("aptGroups": ["APT29", ...]). */
  entities: Record<string, string[]>;
}

/** The latest extracted records, newest first (kept a while on the extract queue, consumed or not). */
export async function recentRecords(q: PipelineQueues, limit: number): Promise<RecordSummary[]> {
  const jobs = await q.extract.getCompleted(0, limit - 1);
  return jobs
    .filter((j) => j.returnvalue && typeof j.returnvalue === 'object')
    .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
    .map((j) => {
      const r = j.returnvalue as Partial<RecordSummary>;
      return {
        id: String(r.id ?? j.id),
        url: r.url ?? (j.data as { url?: string } | undefined)?.url ?? null,
        title: r.title ?? null,
        wordCount: r.wordCount ?? 0,
        extractedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        entities: r.entities ?? {},
      };
    });
}

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  oldestWaitingMs: number | null;
}

/** Counts and oldest-waiting age per queue: the cheap read behind metrics and log summaries. */
export async function queueDepths(q: PipelineQueues): Promise<Record<QueueKey, QueueDepth>> {
  const now = Date.now();
  const rows = await Promise.all(
    QUEUE_KEYS.map(async (name) => {
      const [c, oldest] = await Promise.all([
        q[name].getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
        q[name].getJobs(['wait'], 0, 0, true),
      ]);
      const first = oldest[0];
      const depth: QueueDepth = {
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
        oldestWaitingMs: first ? Math.max(0, now - first.timestamp) : null,
      };
      return [name, depth] as const;
    }),
  );
  return Object.fromEntries(rows) as Record<QueueKey, QueueDepth>;
}
