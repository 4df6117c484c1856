/** `newsint status`: job counts per queue (waiting, active, delayed, failed, completed). */
import type { Command } from 'commander';
import { addConfigOptions, configFromCli, exitWithError } from '../../config.js';
import { assertRedisReachable, createRedis } from '../../queue/connection.js';
import { createQueues } from '../../queue/queues.js';
import { COUNT_STATES, countJobs, jobSubject } from '../../queue/status.js';
import { listSchedules } from '../../queue/schedule.js';

export function registerStatus(program: Command): void {
  const cmd = program
    .command('status')
    .description('print job counts per queue and the crawl schedules')
    .option('--json', 'print JSON')
    .option('--failed <n>', 'also list the N most recent failed jobs of each queue with their reason');
  addConfigOptions(cmd, ['redisUrl', 'prefix']);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    try {
      await assertRedisReachable(config.redisUrl);
      const connection = createRedis({ url: config.redisUrl });
      const queues = createQueues({ config, connection });
      try {
        const counts = await countJobs(queues);
        const schedules = await listSchedules(queues.discover);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ prefix: queues.prefix, counts, schedules: schedules.length }) + '\n');
          return;
        }
        const rows = [['queue', ...COUNT_STATES], ...Object.entries(counts).map(([q, c]) => [q, ...COUNT_STATES.map((s) => String(c[s]))])];
        const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        for (const r of rows) process.stdout.write(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ') + '\n');
        process.stdout.write(`prefix ${queues.prefix}, ${schedules.length} schedule(s)\n`);
        const n = Number(opts.failed ?? 0);
        if (n > 0) {
          for (const name of ['discover', 'fetch', 'extract', 'results'] as const) {
            for (const job of await queues[name].getFailed(0, n - 1)) {
              const what = jobSubject(job.data, job.id);
              process.stdout.write(`failed ${name} ${what}: ${job.failedReason} (after ${job.attemptsMade} attempt(s))\n`);
            }
          }
        }
      } finally {
        await queues.close();
        connection.disconnect();
      }
    } catch (err) {
      exitWithError(err);
    }
  });
}
