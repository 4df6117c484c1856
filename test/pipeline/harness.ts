/**
 * Shared pieces of the pipeline tests: a fresh queue prefix per test and its cleanup,
 * worker processes started from the BUILT CLI (dist/), a site served from samples/,
 * and readers for the queues' contents. Everything runs against the real Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ArticleRecordSchema, type ArticleRecord } from '../../src/record/schema.js';
import { QUEUE_NAMES } from '../../src/queue/names.js';

/** The private redis-server test/global-setup.ts started for this run (never a caller's Redis). */
export const REDIS_URL = testRedisUrl();

function testRedisUrl(): string {
  const url = process.env.NEWSINT_TEST_REDIS_URL;
  if (!url || process.env.REDIS_URL !== url) {
    throw new Error('the pipeline tests run under "npm test" (vitest with test/global-setup.ts), which starts a Redis of their own');
  }
  return url;
}

/** A client of the run's private Redis. */
export function testRedis(): Redis {
  return new Redis(REDIS_URL);
}
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(CLI) || !existsSync(new URL('../../dist/workers/extract.js', import.meta.url))) {
    throw new Error('dist/ is missing: run "npm test" (it builds first) or "npx tsc -p tsconfig.json"');
  }
}

export function uniquePrefix(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

/** Environment for workers in tests: loopback opened, short delays and backoffs. */
export function testEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL,
    NEWSINT_PREFIX: prefix,
    NEWSINT_ALLOW_NETS: '127.0.0.1/32',
    NEWSINT_HOST_DELAY: '0',
    NEWSINT_HOST_CONCURRENCY: '16',
    NEWSINT_BACKOFF: '100ms',
    NEWSINT_ATTEMPTS: '4',
    NEWSINT_TIMEOUT: '1s',
    NEWSINT_TOTAL_TIMEOUT: '5s',
    NEWSINT_JOB_DEADLINE: '10s',
    NEWSINT_RATE_MAX: '1000',
    NEWSINT_EXTRACT_CONCURRENCY: '1',
    NEWSINT_FETCH_CONCURRENCY: '8',
    ...extra,
  };
}

/**
 * Obliterate the four queues and delete every other key under the prefix (robots, hosts,
 * validators). Uses `redis` when given (left open), else a connection of its own.
 */
export async function cleanup(prefix: string, redis?: Redis): Promise<void> {
  const conn = redis ?? new Redis(REDIS_URL);
  try {
    for (const name of Object.values(QUEUE_NAMES)) {
      const q = new Queue(name, { connection: conn, prefix: `{${prefix}}` });
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    let cursor = '0';
    do {
      const [next, keys] = await conn.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 500);
      if (keys.length) await conn.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    if (!redis) conn.disconnect();
  }
}

export interface WorkerProcess {
  proc: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
}

export function startWorkerProcess(env: Record<string, string>, args: string[] = []): WorkerProcess {
  const proc = spawn(process.execPath, [CLI, 'worker', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, stderr: () => err };
}

/** Wait until the worker logs that it serves its queues. */
export async function waitReady(w: WorkerProcess, timeoutMs = PATIENCE_MS): Promise<void> {
  await waitFor(() => w.stderr().includes('serving'), timeoutMs, () => `worker did not start: ${w.stderr()}`);
}

/** SIGTERM, and SIGKILL if the process has not exited after `graceMs` (a failed test must not leave workers behind). */
export async function stopOrKill(w: { proc: ChildProcess; exited: Promise<number | null> }, graceMs = 15_000): Promise<number | null> {
  if (w.proc.exitCode !== null || w.proc.signalCode !== null) return w.proc.exitCode;
  w.proc.kill('SIGTERM');
  const timer = setTimeout(() => w.proc.kill('SIGKILL'), graceMs);
  try {
    return await w.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** One line of a worker's JSON log (NEWSINT_LOG_FORMAT=json). */
export interface LogLine {
  level: string;
  time?: string;
  msg: string;
  [field: string]: unknown;
}

/**
 * A worker's stderr as log lines. A line that is not JSON (a stray print, a stack trace) is
 * kept with level 'raw': the operator sees it too, so tests can assert there is none.
 */
export function logLines(w: WorkerProcess): LogLine[] {
  return w
    .stderr()
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        return { level: 'raw', msg: l };
      }
    });
}

export async function stopWorker(w: WorkerProcess): Promise<number | null> {
  if (w.proc.exitCode === null) w.proc.kill('SIGTERM');
  return w.exited;
}

/**
 * How long a test waits for an event (a count reached, a log line) before it calls it lost.
 * Waits end as soon as the event happens, so this only bounds a hang; it is generous because
 * a shared 2-core machine under load can be 10-20 times slower than an idle one.
 */
export const PATIENCE_MS = 120_000;

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, message: () => string = () => 'timed out'): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(message());
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Wait until no job is waiting, active, delayed or queued behind children in the work queues:
 * from then on nothing more can arrive on `results`, so "nothing else was published" can be
 * asserted without a sleep.
 */
export async function waitIdle(prefix: string, redis: Redis, names: Array<keyof typeof QUEUE_NAMES> = ['discover', 'fetch', 'extract']): Promise<void> {
  const queues = names.map((n) => openQueue(prefix, n, redis));
  let last = '';
  try {
    await waitFor(
      async () => {
        const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')));
        last = JSON.stringify(counts);
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      },
      PATIENCE_MS,
      () => `queues never went idle: ${last}`,
    );
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

/** Every record on the results queue (not consumed), each checked against the schema. */
export async function readResults(queue: Queue): Promise<ArticleRecord[]> {
  const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
  return jobs.map((j) => ArticleRecordSchema.parse(j.data));
}

export async function jobsIn(queue: Queue, states: Array<'failed' | 'completed' | 'waiting' | 'delayed' | 'active'>): Promise<Job[]> {
  return queue.getJobs(states);
}

export function openQueue(prefix: string, name: keyof typeof QUEUE_NAMES, connection: Redis): Queue {
  return new Queue(QUEUE_NAMES[name], { connection, prefix: `{${prefix}}` });
}

/** The project's sample pages: name -> HTML bytes (served as-is, charset from the page). */
export function samplePages(): Map<string, Buffer> {
  const pages = new Map<string, Buffer>();
  for (const file of readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.html')).sort()) {
    pages.set(file.replace(/\.html$/, ''), readFileSync(SAMPLES_DIR + file));
  }
  if (pages.size === 0) throw new Error('samples/*.html is empty');
  return pages;
}
