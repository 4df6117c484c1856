/**
 * `newsint results failed|retry|drop`: the dead-letter list of the results queue, records
 * whose consumer failed them on every attempt. List them, hand them out again, or drop them.
 */
import type { Command } from 'commander';
import { dropFailedResults, listFailedResults, retryFailedResults, type DeadTarget } from '../../api.js';
import { NewsintError } from '../../errors.js';
import { exitWithError } from '../errors.js';
import { addConfigOptions, configFromCli } from '../options.js';

async function run(use: () => Promise<void>): Promise<void> {
  try {
    await use();
  } catch (err) {
    exitWithError(err);
  }
}

function targetOf(id: string | undefined, opts: Record<string, unknown>, verb: string): DeadTarget {
  if (opts.all && id) exitWithError(new NewsintError('USAGE', `give an ID or --all, not both`));
  if (opts.all) return { all: true };
  if (!id) exitWithError(new NewsintError('USAGE', `give the ID of a dead record to ${verb} (see "newsint results failed"), or --all`));
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
    if (!Number.isInteger(limit) || limit < 0) exitWithError(new NewsintError('USAGE', `--limit "${String(opts.limit)}": expected a whole number`));
    const config = configFromCli(opts);
    await run(async () => {
      const { total, records } = await listFailedResults({ ...config, limit });
      for (const r of records) {
        if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
        else process.stdout.write(`${r.recordId ?? '-'}  ${r.url ?? '-'}  failed ${r.failedAt ?? '-'} after ${r.attempts} attempt(s): ${r.reason}\n`);
      }
      process.stderr.write(`${total} dead record(s)${total > records.length ? `, ${records.length} shown` : ''}${total > 0 ? '; replay with "newsint results retry ID|--all", delete with "newsint results drop ID|--all"' : ''}\n`);
    });
  });

  const actions = [
    { name: 'retry', description: 'hand dead records to consumers again, with a fresh set of attempts', act: retryFailedResults, done: 'queued again' },
    { name: 'drop', description: 'delete dead records for good', act: dropFailedResults, done: 'dropped' },
  ] as const;
  for (const a of actions) {
    const cmd = results
      .command(a.name)
      .description(a.description)
      .argument('[id]', 'record id (all its dead copies) or results job id')
      .option('--all', 'every dead record');
    addConfigOptions(cmd, ['redisUrl', 'prefix']);
    cmd.action(async (id: string | undefined, opts: Record<string, unknown>) => {
      const target = targetOf(id, opts, a.name);
      const config = configFromCli(opts);
      await run(async () => {
        process.stdout.write(`${await a.act(target, config)} record(s) ${a.done}\n`);
      });
    });
  }
}
