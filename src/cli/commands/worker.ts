/** `newsint worker`: run queue processors until SIGTERM/SIGINT, then finish active jobs and exit 0. */
import type { Command } from 'commander';
import { startWorker } from '../../api.js';
import { hashTagPrefix } from '../../queue/names.js';
import { describeError } from '../../errors.js';
import { exitWithError } from '../errors.js';
import { addConfigOptions, configFromCli } from '../options.js';

export function registerWorker(program: Command): void {
  const cmd = program
    .command('worker')
    .description('process the discover, fetch and extract queues (run as many as you like, on any machine sharing the Redis)')
    .option('--concurrency <n>', 'fetch jobs in parallel in this process (same as --fetch-concurrency)');
  addConfigOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts, typeof opts.concurrency === 'string' ? { fetchConcurrency: opts.concurrency } : {});
    // Loaded here: other commands do not pay for the logger and metrics libraries at start-up.
    const [{ createLogger }, { createMetrics, parseListen, serveMetrics }] = await Promise.all([import('../../ops/log.js'), import('../../ops/metrics.js')]);
    const log = createLogger({ level: config.logLevel, format: config.logFormat });
    const metrics = config.metricsPort ? createMetrics() : undefined;
    const pid = process.pid;
    // Handlers first: a signal during start-up also ends in a clean exit 0, once the workers are up.
    let stopping = false;
    let started: Promise<Awaited<ReturnType<typeof startWorker>>> | undefined;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn(`worker ${pid}: ${signal} again, exiting now; active jobs will be recovered as stalled`);
        process.exit(0);
      }
      stopping = true;
      log.info(`worker ${pid}: ${signal}, finishing active jobs`);
      if (!started) process.exit(0);
      started.then((worker) => worker.stop()).then(
        () => {
          log.info(`worker ${pid}: stopped`);
          process.exit(0);
        },
        (err: unknown) => {
          log.error(`worker ${pid}: shutdown error: ${describeError(err)}`);
          process.exit(1);
        },
      );
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
      if (stopping) return;
      log.info(
        { worker: worker.name, queues: config.queues, prefix: hashTagPrefix(config.prefix), fetchConcurrency: config.fetchConcurrency, extractConcurrency: config.extractConcurrency },
        `worker ${pid}: serving ${config.queues.join(', ')} on ${hashTagPrefix(config.prefix)} (fetch concurrency ${config.fetchConcurrency}, extract ${config.extractConcurrency})`,
      );
    } catch (err) {
      exitWithError(err);
    }
  });
}
