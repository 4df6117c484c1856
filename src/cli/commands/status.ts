/**
 * `newsint status`: per queue, what waits, runs, is delayed or failed, and how fast jobs
 * finish; the workers seen; the schedules' last and next runs; why delayed jobs wait.
 */
import type { Command } from 'commander';
import { failedJobs, pipelineStatus, type PipelineOverview } from '../../api.js';
import { formatDuration } from '../../config.js';
import { NewsintError } from '../../errors.js';
import { exitWithError } from '../errors.js';
import { addConfigOptions, configFromCli } from '../options.js';
import { describeSchedule } from './schedule.js';

const COLUMNS = ['queue', 'waiting', 'active', 'delayed', 'failed', 'completed', 'done/min', 'failed/min', 'oldest waiting', 'workers'] as const;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n') + '\n';
}

const perMinute = (n: number) => (n === 0 ? '0' : n < 10 ? n.toFixed(1) : String(Math.round(n)));

export function renderStatus(o: PipelineOverview): string {
  const rows = [
    [...COLUMNS],
    ...o.queues.map((q) => [
      q.name,
      String(q.waiting),
      String(q.active),
      String(q.delayed),
      String(q.failed),
      String(q.completed),
      perMinute(q.completedPerMinute),
      perMinute(q.failedPerMinute),
      q.oldestWaitingMs === null ? '-' : formatDuration(Math.round(q.oldestWaitingMs / 1000) * 1000),
      String(q.workers),
    ]),
  ];
  let out = table(rows);
  out += `completed: finished jobs still kept; done/min, failed/min: per minute over the last 5 minutes (prefix ${o.prefix})\n`;
  out += o.workers.length === 0 ? 'workers: none seen\n' : `workers: ${o.workers.map((w) => `${w.name} (${w.queues.join(',')})`).join(', ')}\n`;
  if (o.schedules.length === 0) out += 'schedules: none\n';
  else for (const s of o.schedules) out += `schedule ${describeSchedule(s)}\n`;
  for (const d of o.delayed) out += `delayed ${d.queue}: ${d.count} ${d.reason}\n`;
  return out;
}

export function registerStatus(program: Command): void {
  const cmd = program
    .command('status')
    .description('job counts and rates per queue, workers seen, schedules (last/next run), why delayed jobs wait')
    .option('--json', 'print JSON')
    .option('--failed <n>', 'also list the N most recent failed jobs of each queue with their reason');
  addConfigOptions(cmd, ['redisUrl', 'prefix']);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    const n = opts.failed === undefined ? 0 : Number(opts.failed);
    if (!Number.isInteger(n) || n < 0) exitWithError(new NewsintError('USAGE', `--failed "${String(opts.failed)}": expected a whole number such as 5`));
    try {
      const overview = await pipelineStatus(config);
      const failures = n > 0 ? await failedJobs(n, config) : [];
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...overview, failures }) + '\n');
        return;
      }
      process.stdout.write(renderStatus(overview));
      for (const f of failures) process.stdout.write(`failed ${f.queue} ${f.input}: ${f.reason} (after ${f.attempts} attempt(s))\n`);
    } catch (err) {
      exitWithError(err);
    }
  });
}
