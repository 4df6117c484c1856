/**
 * `newsint results failed|retry|drop`: the dead-letter list of the results queue, records
 * whose consumer failed them on every attempt. List them, hand them out again, or drop them.
 */
import type { Command } from 'commander';
import { addConfigOptions, configFromCli, exitWithError, type Config } from '../../config.js';
import { NewsintError } from '../../errors.js';
import { assertRedisReachable, createRedis } from '../../queue/connection.js';
import { dropDeadRecords, listDeadRecords, retryDeadRecords, type DeadTarget } from '../../queue/dead-letter.js';
import { createQueue } from '../../queue/queues.js';
import type { Queue } from 'bullmq';

async function withResults(config: Config, use: (q: Queue) => Promise<void>): Promise<void> {
  try {
    await assertRedisReachable(config.redisUrl);
    const connection = createRedis({ url: config.redisUrl });
    const queue = createQueue('results', { config, connection });
    try {
      await use(queue);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  } catch (err) {
    exitWithError(err);
  }
}

function targetOf(id: string | undefined, opts: Record<string, unknown>, verb: string): DeadTarget {
  if (opts.all && id) exitWithError(new NewsintError('BAD_INPUT', `give an ID or --all, not both`));
  if (opts.all) return { all: true };
  if (!id) exitWithError(new NewsintError('BAD_INPUT', `give the ID of a dead record to ${verb} (see "newsint results failed"), or --all`));
  return id;
}

export function registerResultsFailed(results: Command): void {
  const failed = results
    .command('failed')
    .description('list records whose consumer failed them on every attempt (the dead-letter list), most recent first')
    .option('--limit <n>', 'show at most N records', '20')
    .option('--json', 'one JSON object per record');
  addConfigOptions(failed, ['redisUrl', 'prefix']);
  failed.action(async (opts: Record<string, unknown>) => {
    const limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 0) exitWithError(new NewsintError('BAD_INPUT', `--limit "${String(opts.limit)}": expected a whole number`));
    await withResults(configFromCli(opts), async (q) => {
      const { total, records } = await listDeadRecords(q, limit);
      for (const r of records) {
        if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
        else process.stdout.write(`${r.recordId ?? '-'}  ${r.url ?? '-'}  failed ${r.failedAt ?? '-'} after ${r.attempts} attempt(s): ${r.reason}\n`);
      }
      process.stderr.write(`${total} dead record(s)${total > records.length ? `, ${records.length} shown` : ''}${total > 0 ? '; replay with "newsint results retry ID|--all", delete with "newsint results drop ID|--all"' : ''}\n`);
    });
  });

  const retry = results
    .command('retry')
    .description('hand dead records to consumers again, with a fresh set of attempts')
    .argument('[id]', 'record id (all its dead copies) or results job id')
    .option('--all', 'every dead record');
  addConfigOptions(retry, ['redisUrl', 'prefix']);
  retry.action(async (id: string | undefined, opts: Record<string, unknown>) => {
    const target = targetOf(id, opts, 'retry');
    await withResults(configFromCli(opts), async (q) => {
      process.stdout.write(`${await retryDeadRecords(q, target)} record(s) queued again\n`);
    });
  });

  const drop = results
    .command('drop')
    .description('delete dead records for good')
    .argument('[id]', 'record id (all its dead copies) or results job id')
    .option('--all', 'every dead record');
  addConfigOptions(drop, ['redisUrl', 'prefix']);
  drop.action(async (id: string | undefined, opts: Record<string, unknown>) => {
    const target = targetOf(id, opts, 'drop');
    await withResults(configFromCli(opts), async (q) => {
      process.stdout.write(`${await dropDeadRecords(q, target)} record(s) dropped\n`);
    });
  });
}
