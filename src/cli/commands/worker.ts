/** `newsint worker`: run queue processors until SIGTERM/SIGINT, then finish active jobs and exit 0. */
import type { Command } from 'commander';
import { runWorkers } from '../../../workers/runner.js';
import { addConfigOptions, configFromCli, exitWithError } from '../../config.js';
import { assertRedisReachable } from '../../queue/connection.js';

export function registerWorker(program: Command): void {
  const cmd = program
    .command('worker')
    .description('process the discover, fetch and extract queues (run as many as you like, on any machine sharing the Redis)')
    .option('--concurrency <n>', 'fetch jobs in parallel in this process (same as --fetch-concurrency)');
  addConfigOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts, typeof opts.concurrency === 'string' ? { fetchConcurrency: opts.concurrency } : {});
    try {
      await assertRedisReachable(config.redisUrl);
      await runWorkers(config);
    } catch (err) {
      exitWithError(err);
    }
  });
}
