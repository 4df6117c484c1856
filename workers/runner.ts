/**
 * Starts the chosen queue workers in this process and stops them gracefully: a drain stops
 * taking jobs, lets active ones finish within a bound, hands the rest back to the queue,
 * and closes the connections.
 */
import { hostname } from 'node:os';
import { MetricsTime, type Job, type Worker } from 'bullmq';
import { formatDuration, redactUrl, type Config, type QueueKind } from '../src/config.js';
import { describeError } from '../src/errors.js';
import { silentLogger, type Logger } from '../src/ops/log.js';
import type { PipelineMetrics } from '../src/ops/metrics.js';
import { isLockLost, watchRedis } from '../src/ops/redis-watch.js';
import { createRedis } from '../src/queue/connection.js';
import { hashTagPrefix, QUEUE_NAMES } from '../src/queue/names.js';
import { sweepFinishedPages } from '../src/queue/page-sweep.js';
import { holdsPage, slimExtractData } from '../src/queue/payloads.js';
import { codeOf, queueDepths, type QueueDepth, type QueueKey } from '../src/queue/overview.js';
import { createBackoffStrategy } from '../src/queue/retry.js';
import { jobSubject } from '../src/queue/status.js';
import { PipelineWorker } from '../src/queue/worker.js';
import { createWorkerContext } from './context.js';
import { createDiscoverProcessor } from './discover.js';
import type { ExtractOutcome } from './extract.js';
import { createExtraction } from './extract-worker.js';
import { createFetchProcessor, type FetchOutcome } from './fetch.js';

export interface RunningWorkers {
  workers: Worker[];
  /** The name this process shows in `newsint status` and the dashboard (host:pid). */
  name: string;
  /** Queue counts, for metrics scrapes. */
  depths(): Promise<Record<QueueKey, QueueDepth>>;
  /** Finish active jobs, then close every connection. */
  close(): Promise<void>;
  /** Jobs being processed in this process now. */
  activeJobs(): number;
  /**
   * Stop taking jobs and wait for the active ones up to `boundMs`; jobs still active then go
   * back to the waiting list for another worker. Resolves with how many went back.
   */
  drain(boundMs: number): Promise<DrainOutcome>;
  /** Hand every active job back to the queue now (the process is about to exit). */
  handBack(): Promise<number>;
}

export interface DrainOutcome {
  /** Jobs still active at the bound, put back on the waiting list. */
  handedBack: number;
  /** Jobs still active at the bound that could not be put back (Redis unreachable): the stalled check returns them. */
  leftToStalledCheck: number;
  ms: number;
}

/** How often an extract worker looks for pages left in finished jobs (src/queue/page-sweep.ts). */
const SWEEP_EVERY_MS = 60_000;

/** Longest wait for Redis while handing jobs back; past it the stalled check returns them. */
const HAND_BACK_MS = 2_000;

export interface StartOptions {
  log?: Logger;
  metrics?: PipelineMetrics;
}

function hostOf(url: unknown): string {
  try {
    return new URL(String(url)).host || 'unknown';
  } catch {
    return 'unknown';
  }
}

function inputOf(job: Job): string {
  return jobSubject(job.data, job.id);
}

/** "aptGroups": ["APT29", "Sandworm"] -> "aptGroups": 2 (the log line carries counts only). */
function counts(entities: Record<string, string[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(entities).map(([type, names]) => [type, names.length]));
}

/** Counters between two summary lines. */
class Tally {
  extracted = 0;
  failures = new Map<string, number>();
  since = Date.now();
  reset(): void {
    this.extracted = 0;
    this.failures.clear();
    this.since = Date.now();
  }
}

export async function startWorkers(config: Config, { log = silentLogger(), metrics }: StartOptions = {}): Promise<RunningWorkers> {
  const redis = createRedis({ url: config.redisUrl, role: 'worker' });
  const watch = watchRedis(redis, log, redactUrl(config.redisUrl));
  await redis.connect();
  const ctx = createWorkerContext(config, redis, (line) => log.info(line));
  const prefix = hashTagPrefix(config.prefix);
  const name = `${hostname()}:${process.pid}`;
  const settings = { backoffStrategy: createBackoffStrategy({ baseMs: config.backoffMs, maxRetryAfterMs: config.maxRetryAfterMs }) };
  // BullMQ's per-minute completed/failed counts in Redis: the rates `status` and the dashboard show.
  // A job whose lock lapses (its worker died, or Redis was away longer than this) is handed out
  // again by the stalled check, which runs this often too.
  // A stall is not the job's fault (a deploy's SIGKILL, then an outage, must not fail it), but a job
  // that keeps taking its workers down must stop: NEWSINT_MAX_STALLS, then STALLED.
  const locks = { lockDuration: config.lockDurationMs, stalledInterval: config.lockDurationMs, maxStalledCount: config.maxStalls };
  const common = { connection: redis, prefix, settings, autorun: false, name, ...locks, metrics: { maxDataPoints: MetricsTime.ONE_WEEK } };
  const workers: PipelineWorker[] = [];
  // A job whose lock lapsed is not this worker's any more (the stalled check hands it out again;
  // at least once). After an outage longer than the lock that is expected: one debug line per
  // job. Otherwise it means this process stalled past the lock: one warning per job.
  const lockLostJobs = new Set<string>();
  const noteLockLost = (queue: string, err: Error) => {
    const jobId = /job (\S+?)\.? /.exec(`${err.message} `)?.[1] ?? '?';
    const key = `${queue}/${jobId}`;
    const afterOutage = watch.down || Date.now() - watch.lastBackAt < 2 * config.lockDurationMs + 5_000;
    const fields = { queue, jobId, err: err.message };
    if (afterOutage) log.debug(fields, `${queue} job ${jobId}: lock lapsed during the Redis outage; the stalled check hands it out again`);
    else if (!lockLostJobs.has(key)) log.warn(fields, `${queue} job ${jobId}: lock lost (held past NEWSINT_LOCK_DURATION, ${formatDuration(config.lockDurationMs)}); the stalled check hands it out again`);
    lockLostJobs.add(key);
    if (lockLostJobs.size > 1000) lockLostJobs.clear();
  };
  const serve = new Set<QueueKind>(config.queues);
  const tally = new Tally();

  if (serve.has('discover')) {
    workers.push(new PipelineWorker(QUEUE_NAMES.discover, createDiscoverProcessor(ctx), { ...common, concurrency: config.discoverConcurrency }));
  }
  if (serve.has('fetch')) {
    const worker = new PipelineWorker(QUEUE_NAMES.fetch, createFetchProcessor(ctx), {
      ...common,
      concurrency: config.fetchConcurrency,
      // Global across all workers on this Redis: BullMQ keeps the counter there.
      limiter: { max: config.rateMax, duration: config.rateDurationMs },
    });
    worker.on('completed', (job: Job, out: FetchOutcome) => {
      metrics?.fetched(hostOf(out.finalUrl), out.status, out.ms / 1000, out.bytes);
      log.debug({ queue: 'fetch', url: inputOf(job), status: out.status, bytes: out.bytes, ms: out.ms }, `fetched ${inputOf(job)}`);
    });
    workers.push(worker);
  }
  const extraction = serve.has('extract') ? createExtraction(config, ctx) : undefined;
  if (extraction) {
    const worker = new PipelineWorker(QUEUE_NAMES.extract, extraction.processor, { ...common, ...extraction.options });
    // Logs and metrics live here, whichever thread or child did the work.
    worker.on('completed', (job: Job, out: ExtractOutcome) => {
      // Only now that BullMQ recorded the outcome: the page is no longer needed for a re-run.
      void job.updateData(slimExtractData(job.data)).catch(() => undefined);
      tally.extracted++;
      metrics?.extracted(out.ms / 1000);
      metrics?.published();
      log.info({ url: out.url, recordId: out.id, ms: out.ms, words: out.wordCount, entities: counts(out.entities) }, `extracted ${out.url}`);
    });
    workers.push(worker);
  }
  // Pages left in finished extract jobs by a worker that died before dropping them.
  const sweep = async () => {
    if (watch.down) return;
    const dropped = await sweepFinishedPages(ctx.queues.extract, redis).catch(() => 0);
    if (dropped) log.info({ queue: 'extract', dropped }, `dropped the page of ${dropped} finished extract job(s) a stopped worker had left`);
  };
  const sweeper = extraction ? setInterval(() => void sweep(), SWEEP_EVERY_MS) : undefined;
  sweeper?.unref();

  for (const worker of workers) {
    const queue = worker.name;
    worker.on('failed', (job: Job | undefined, err: Error) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
      // The sandbox drops the page from a job it fails for good; this covers the failures it
      // never saw (a child that crashed, a job failed as stalled).
      if (final && worker.name === QUEUE_NAMES.extract && holdsPage(job.data)) {
        void job.updateData(slimExtractData(job.data)).catch(() => undefined);
      }
      const code = codeOf(describeError(err));
      const fields = { queue, jobId: job.id, url: inputOf(job), code, attempts: job.attemptsMade };
      if (!final) {
        log.debug(fields, `retry ${queue} ${inputOf(job)}: ${describeError(err)}`);
        return;
      }
      tally.failures.set(code, (tally.failures.get(code) ?? 0) + 1);
      metrics?.failed(queue, code, hostOf(inputOf(job)));
      log.warn(fields, `failed ${queue} ${inputOf(job)}: ${describeError(err)}`);
    });
    // During a Redis outage every connection reports every reconnect: one line per outage instead.
    worker.on('error', (err) => {
      if (watch.noteError(err)) return;
      if (isLockLost(err)) return noteLockLost(queue, err);
      log.error({ queue, err: describeError(err) }, `error ${queue}: ${describeError(err)}`);
    });
    void worker.run().catch((err) => log.error({ queue, err: describeError(err) }, `error ${queue}: ${describeError(err)}`));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  if (extraction) await sweep();
  for (const queue of [ctx.queues.discover, ctx.queues.fetch, ctx.queues.extract, ctx.queues.results]) {
    queue.on('error', (err) => {
      if (!watch.noteError(err)) log.error({ queue: queue.name, err: describeError(err) }, `error ${queue.name}: ${describeError(err)}`);
    });
  }

  const depths = () => queueDepths(ctx.queues);
  metrics?.setQueueDepths(depths);
  const summary = config.logSummaryMs > 0 ? setInterval(() => void logSummary(), config.logSummaryMs) : undefined;
  summary?.unref();
  async function logSummary(): Promise<void> {
    const seconds = (Date.now() - tally.since) / 1000;
    const pagesPerSecond = Number((tally.extracted / seconds).toFixed(2));
    const failures = Object.fromEntries(tally.failures);
    const extracted = tally.extracted;
    tally.reset();
    const queues = watch.down ? null : await depths().catch(() => null);
    const shown = queues ? Object.entries(queues).map(([q, d]) => `${q} ${d.waiting}w/${d.active}a/${d.delayed}d`).join(', ') : 'queues unknown (Redis unreachable)';
    const failed = Object.entries(failures).map(([c, n]) => `${n} ${c}`).join(', ') || 'no failures';
    log.info({ summary: true, pagesPerSecond, extracted, failures, queues }, `summary: ${pagesPerSecond} pages/s, ${failed}; ${shown}`);
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      if (summary) clearInterval(summary);
      if (sweeper) clearInterval(sweeper);
      watch.stop();
      await Promise.all(workers.map((w) => w.close()));
      await extraction?.close();
      await ctx.close();
      redis.disconnect();
    })());
  const activeJobs = () => workers.reduce((n, w) => n + w.activeCount, 0);
  const handBack = async () => {
    const all = Promise.all(workers.map((w) => w.handBack())).then((n) => n.reduce((a, b) => a + b, 0));
    return Promise.race([all, new Promise<number>((r) => setTimeout(() => r(0), HAND_BACK_MS).unref())]);
  };
  let draining: Promise<DrainOutcome> | undefined;
  const drain = (boundMs: number) =>
    (draining ??= (async () => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<'bound'>((r) => (timer = setTimeout(() => r('bound'), boundMs)));
      const first = await Promise.race([close().then(() => 'done' as const), bound]);
      clearTimeout(timer);
      if (first === 'done') return { handedBack: 0, leftToStalledCheck: 0, ms: Date.now() - started };
      const left = activeJobs();
      const handedBack = await handBack();
      return { handedBack, leftToStalledCheck: Math.max(0, left - handedBack), ms: Date.now() - started };
    })());
  return { workers, name, depths, close, activeJobs, drain, handBack };
}
