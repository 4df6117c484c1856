/** `newsint schedule add|list|remove`: crawl schedules over feeds and sitemaps (BullMQ job schedulers). */
import type { Command } from 'commander';
import { listSchedules, removeSchedule, scheduleSource, type ScheduleInfo } from '../../api.js';
import { formatDuration, parseDuration } from '../../config.js';
import { NewsintError } from '../../errors.js';
import { exitWithError } from '../errors.js';
import { addConfigOptions, configFromCli } from '../options.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function run(use: () => Promise<void>): Promise<void> {
  try {
    await use();
  } catch (err) {
    exitWithError(err);
  }
}

/** "cisa  every 15m  last 2024-11-14T09:00:00Z  next 2024-11-14T09:15:00Z  feed https://..." */
export function describeSchedule(s: ScheduleInfo): string {
  const when = s.everyMs !== null ? `every ${formatDuration(s.everyMs)}` : `cron "${s.cron}"`;
  const seeds = s.seeds.map((seed) => `${seed.kind} ${seed.url}`).join(', ');
  return `${s.name}\t${when}\tlast ${s.lastRunAt ?? 'never'}\tnext ${s.nextRunAt ?? '-'}\t${seeds}`;
}

export function registerSchedule(program: Command): void {
  const schedule = program.command('schedule').description('manage crawl schedules: feeds and sitemaps read every interval or on a cron pattern');

  const add = schedule
    .command('add')
    .description('create or update schedule NAME')
    .argument('<name>', 'schedule name (letters, digits, _ . -)')
    .option('--feed <url>', 'RSS, Atom or JSON feed (repeatable)', collect)
    .option('--sitemap <url>', 'sitemap, sitemap index or news sitemap (repeatable)', collect)
    .option('--every <duration>', 'interval such as 15m or 1h')
    .option('--cron <expr>', 'cron pattern such as "*/15 * * * *"');
  addConfigOptions(add, ['redisUrl', 'prefix']);
  add.action(async (name: string, opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    let everyMs: number | undefined;
    if (typeof opts.every === 'string') {
      const ms = parseDuration(opts.every);
      if (ms === null || ms < 1000) exitWithError(new NewsintError('USAGE', `--every "${opts.every}": expected a duration of 1s or more, such as 15m`));
      everyMs = ms;
    }
    await run(async () => {
      const info = await scheduleSource({
        name,
        feeds: opts.feed as string[] | undefined,
        sitemaps: opts.sitemap as string[] | undefined,
        everyMs,
        cron: typeof opts.cron === 'string' ? opts.cron : undefined,
      }, config);
      process.stdout.write(`scheduled ${describeSchedule(info)}\n`);
    });
  });

  const list = schedule.command('list').description('list schedules').option('--json', 'print JSON');
  addConfigOptions(list, ['redisUrl', 'prefix']);
  list.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    await run(async () => {
      const all = await listSchedules(config);
      if (opts.json) process.stdout.write(JSON.stringify(all) + '\n');
      else if (all.length === 0) process.stdout.write('no schedules\n');
      else for (const s of all) process.stdout.write(describeSchedule(s) + '\n');
    });
  });

  const remove = schedule.command('remove').description('remove schedule NAME').argument('<name>');
  addConfigOptions(remove, ['redisUrl', 'prefix']);
  remove.action(async (name: string, opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    await run(async () => {
      if (await removeSchedule(name, config)) process.stdout.write(`removed ${name}\n`);
      else exitWithError(new NewsintError('BAD_INPUT', `no schedule named "${name}" (see "newsint schedule list")`));
    });
  });
}
