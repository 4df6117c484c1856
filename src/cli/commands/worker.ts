/**
 * `newsint worker`: run queue processors until SIGTERM/SIGINT, then finish active jobs within
 * NEWSINT_DRAIN_TIMEOUT, hand back the rest, and exit 0.
 */
import type { Command } from 'commander';
import { startWorker } from '../../api.js';
import { hashTagPrefix } from '../../queue/names.js';
import { describeError } from '../../errors.js';
import { formatDuration } from '../../config.js';
import { limitHeapGrowth } from '../../ops/heap-growth.js';
import { exitWithError } from '../errors.js';
import { addConfigOptions, configFromCli } from '../options.js';

/** Signals closer together than this are one request (GNU timeout sends two). */
export const REPEAT_WINDOW_MS = 2_000;

export function registerWorker(program: Command): void {
  const cmd = program
    .command('worker')
    .description('process the discover, fetch and extract queues (run as many as you like, on any machine sharing the Redis)')
    .option('--concurrency <n>', 'fetch jobs in parallel in this process (same as --fetch-concurrency)');
  addConfigOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts, typeof opts.concurrency === 'string' ? { fetchConcurrency: opts.concurrency } : {});
    // Process-wide: the main thread's heap and every extraction thread's.
    limitHeapGrowth(config.heapGrowthPercent);
    // Loaded here: other commands do not pay for the logger and metrics libraries at start-up.
    const [{ createLogger }, { createMetrics, parseListen, serveMetrics }] = await Promise.all([import('../../ops/log.js'), import('../../ops/metrics.js')]);
    const log = createLogger({ level: config.logLevel, format: config.logFormat });
    const metrics = config.metricsPort ? createMetrics() : undefined;
    const pid = process.pid;
    // Handlers first: a signal during start-up also ends in a clean exit 0, once the workers are up.
    let firstSignalAt: number | undefined;
    let started: Promise<Awaited<ReturnType<typeof startWorker>>> | undefined;
    const bound = formatDuration(config.drainTimeoutMs);
    const stop = (signal: NodeJS.Signals) => {
      if (firstSignalAt !== undefined) {
        // GNU timeout (and some supervisors) send the signal twice in a row: that is the same request.
        if (Date.now() - firstSignalAt < REPEAT_WINDOW_MS) return;
        quitNow(signal);
        return;
      }
      firstSignalAt = Date.now();
      if (!started) process.exit(0);
      started.then(async (worker) => {
        const active = worker.activeJobs();
        log.info(
          { signal, activeJobs: active, drainTimeoutMs: config.drainTimeoutMs },
          `worker ${pid}: ${signal}, finishing ${active} active job${active === 1 ? '' : 's'} for up to ${bound} (NEWSINT_DRAIN_TIMEOUT), taking no new ones; jobs still active then go back to the queue for another worker`,
        );
        const out = await worker.drain(config.drainTimeoutMs);
        if (out.handedBack + out.leftToStalledCheck > 0) {
          const stalled = out.leftToStalledCheck ? `, ${out.leftToStalledCheck} left for the stalled check (Redis unreachable)` : '';
          log.warn({ handedBack: out.handedBack, leftToStalledCheck: out.leftToStalledCheck }, `worker ${pid}: ${bound} passed; ${out.handedBack} unfinished job(s) handed back to the queue${stalled}`);
        }
        log.info({ drainMs: out.ms }, `worker ${pid}: stopped after ${(out.ms / 1000).toFixed(1)}s`);
        process.exit(0);
      }).catch((err: unknown) => {
        log.error(`worker ${pid}: shutdown error: ${describeError(err)}`);
        process.exit(1);
      });
    };
    // A second signal well after the first: stop at once. Unfinished jobs go back to the queue
    // (or, if Redis cannot be reached, the stalled check returns them after their lock lapses).
    const quitNow = (signal: NodeJS.Signals) => {
      const ready = started ?? Promise.reject(new Error('not started'));
      void ready
        .then((worker) => worker.handBack())
        .then(
          (n) => log.warn(`worker ${pid}: ${signal} again, quitting now; ${n} unfinished job(s) handed back to the queue`),
          () => log.warn(`worker ${pid}: ${signal} again, quitting now; unfinished jobs return through the stalled check`),
        )
        .finally(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    try {
      const listen = config.metricsPort ? parseListen(config.metricsPort) : undefined;
      started = startWorker(config, { log, ...(metrics ? { metrics } : {}) });
      const worker = await started;
      if (metrics && listen) {
        const server = await serveMetrics(metrics, listen);
        const addr = server.address() as { address: string; port: number };
        log.info({ metrics: `http://${addr.address}:${addr.port}/metrics` }, `metrics on http://${addr.address}:${addr.port}/metrics`);
      }
      if (firstSignalAt !== undefined) return;
      log.info(
        { worker: worker.name, queues: config.queues, prefix: hashTagPrefix(config.prefix), fetchConcurrency: config.fetchConcurrency, extractConcurrency: config.extractConcurrency },
        `worker ${pid}: serving ${config.queues.join(', ')} on ${hashTagPrefix(config.prefix)} (fetch concurrency ${config.fetchConcurrency}, extract ${config.extractConcurrency})`,
      );
    } catch (err) {
      exitWithError(err);
    }
  });
}
