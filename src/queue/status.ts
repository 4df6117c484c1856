/** Job counts per queue, for `newsint status` and monitoring. */
import type { PipelineQueues } from './queues.js';
import { QUEUE_NAMES } from './names.js';

export const COUNT_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type CountState = (typeof COUNT_STATES)[number];
export type QueueCounts = Record<keyof typeof QUEUE_NAMES, Record<CountState, number>>;

export async function countJobs(queues: PipelineQueues): Promise<QueueCounts> {
  const names = Object.keys(QUEUE_NAMES) as Array<keyof typeof QUEUE_NAMES>;
  const entries = await Promise.all(
    names.map(async (name) => {
      const counts = await queues[name].getJobCounts(...COUNT_STATES);
      const row = Object.fromEntries(COUNT_STATES.map((s) => [s, counts[s] ?? 0])) as Record<CountState, number>;
      return [name, row] as const;
    }),
  );
  return Object.fromEntries(entries) as QueueCounts;
}

/**
 * What a job is about, for a failure line: its URL, its first seed, else its id. Job data
 * comes from any producer and may be null, a string or anything else.
 */
export function jobSubject(data: unknown, id: string | undefined): string {
  if (data && typeof data === 'object') {
    const d = data as { url?: unknown; seeds?: unknown };
    if (typeof d.url === 'string') return d.url;
    if (Array.isArray(d.seeds) && typeof (d.seeds[0] as { url?: unknown } | undefined)?.url === 'string') return (d.seeds[0] as { url: string }).url;
  }
  return `job ${id ?? '?'}`;
}
