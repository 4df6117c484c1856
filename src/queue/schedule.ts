/**
 * Crawl schedules as BullMQ job schedulers: one scheduler per NAME, producing a
 * `discover` job for its feeds and sitemaps every interval or on a cron pattern.
 */
import type { Queue } from 'bullmq';
import { NewsintError } from '../errors.js';
import { canonicalizeUrl } from '../url/canonical.js';
import { JOB_NAMES } from './names.js';
import { checkPayload, DiscoverJobSchema, type Seed } from './payloads.js';

export interface ScheduleSpec {
  name: string;
  feeds?: string[];
  sitemaps?: string[];
  /** Interval in ms (`--every 15m`), or ... */
  everyMs?: number;
  /** ... a cron pattern (`--cron "*\/15 * * * *"`). */
  cron?: string;
}

export interface ScheduleInfo {
  name: string;
  everyMs: number | null;
  cron: string | null;
  seeds: Seed[];
  /** When a worker last started a run of this schedule (null: never yet). */
  lastRunAt: string | null;
  nextRunAt: string | null;
}

/** Hash of schedule name -> ISO time of its last run, beside the queues under the prefix. */
function runsKey(queue: Queue): string {
  return `${queue.opts.prefix}:schedule-runs`;
}

/** Called by the discover worker when a scheduled run starts. */
export async function markScheduleRun(queue: Queue, name: string, at: Date = new Date()): Promise<void> {
  const client = await queue.getBackend().client;
  await client.hset(runsKey(queue), { [name]: at.toISOString() });
}

export const SCHEDULE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export interface ScheduleLimits {
  /** NEWSINT_MAX_SEEDS */
  maxSeeds: number;
  /** NEWSINT_MAX_URL_LENGTH */
  maxUrlLength: number;
}

export const DEFAULT_SCHEDULE_LIMITS: ScheduleLimits = { maxSeeds: 100, maxUrlLength: 2048 };

export async function upsertSchedule(queue: Queue, spec: ScheduleSpec, limits: ScheduleLimits = DEFAULT_SCHEDULE_LIMITS): Promise<ScheduleInfo> {
  if (!SCHEDULE_NAME.test(spec.name)) {
    throw new NewsintError('BAD_INPUT', `schedule name "${spec.name}" must be 1-100 letters, digits, _ . or -`, { kind: 'permanent' });
  }
  if ((spec.everyMs === undefined) === (spec.cron === undefined)) {
    throw new NewsintError('BAD_INPUT', 'give exactly one of --every DURATION or --cron EXPR', { kind: 'permanent' });
  }
  const seeds: Seed[] = [];
  for (const [kind, urls] of [['feed', spec.feeds ?? []], ['sitemap', spec.sitemaps ?? []]] as const) {
    for (const raw of urls) {
      if (raw.length > limits.maxUrlLength) {
        throw new NewsintError('BAD_URL', `a --${kind} URL of ${raw.length} characters is longer than NEWSINT_MAX_URL_LENGTH (${limits.maxUrlLength})`, { kind: 'permanent' });
      }
      const url = canonicalizeUrl(raw);
      if (!url) throw new NewsintError('BAD_URL', `"${raw}" is not an absolute http(s) URL`, { kind: 'permanent' });
      seeds.push({ url, kind });
    }
  }
  if (seeds.length > limits.maxSeeds) {
    throw new NewsintError('BAD_INPUT', `${seeds.length} feeds and sitemaps in one schedule, over NEWSINT_MAX_SEEDS (${limits.maxSeeds}): split it into several schedules`, { kind: 'permanent' });
  }
  if (seeds.length === 0) throw new NewsintError('BAD_INPUT', 'give at least one --feed URL or --sitemap URL', { kind: 'permanent' });
  const data = checkPayload(DiscoverJobSchema, { source: spec.name, seeds, depth: 0 }, 'discover');
  const repeat = spec.everyMs !== undefined ? { every: spec.everyMs } : { pattern: spec.cron! };
  try {
    await queue.upsertJobScheduler(spec.name, repeat, { name: JOB_NAMES.discover, data });
  } catch (err) {
    // BullMQ validates the cron pattern; say which flag was wrong.
    if (spec.cron !== undefined && err instanceof Error && !/ECONN|Connection|closed/i.test(err.message)) {
      throw new NewsintError('BAD_INPUT', `--cron "${spec.cron}" is not a valid cron pattern (${err.message}); e.g. "*/15 * * * *"`, { kind: 'permanent', cause: err });
    }
    throw err;
  }
  const info = (await listSchedules(queue)).find((s) => s.name === spec.name);
  return info ?? { name: spec.name, everyMs: spec.everyMs ?? null, cron: spec.cron ?? null, seeds, lastRunAt: null, nextRunAt: null };
}

export async function listSchedules(queue: Queue): Promise<ScheduleInfo[]> {
  const schedulers = await queue.getJobSchedulers(0, -1, true);
  const runs = schedulers.length > 0 ? await (await queue.getBackend().client).hgetall(runsKey(queue)) : {};
  return schedulers.map((s) => {
    const parsed = DiscoverJobSchema.safeParse(s.template?.data);
    return {
      name: s.key,
      everyMs: s.every ? Number(s.every) : null,
      cron: s.pattern ?? null,
      seeds: parsed.success ? parsed.data.seeds : [],
      lastRunAt: runs[s.key] ?? null,
      nextRunAt: s.next ? new Date(s.next).toISOString() : null,
    };
  });
}

/** True when a schedule of that name existed. */
export async function removeSchedule(queue: Queue, name: string): Promise<boolean> {
  await (await queue.getBackend().client).hdel(runsKey(queue), name);
  return queue.removeJobScheduler(name);
}
