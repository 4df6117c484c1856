/**
 * Finished extract jobs need their page no more. The worker drops it right after BullMQ has
 * recorded the outcome (workers/runner.ts); a worker that dies in between leaves the page in a
 * completed job (kept 10 minutes) or a failed one (kept a week). This sweep, run by every
 * extract worker when it starts and then every minute, drops such leftovers.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { holdsPage, slimExtractData } from './payloads.js';

/**
 * Data of a finished job longer than this is read to see if it still holds a page: dropped
 * data is a few hundred characters (two URLs and a date); a page under this size is let be.
 */
const SLIM_MAX_CHARS = 2_000;
/** Failed jobs looked at per sweep, newest first (the leftover is always among the newest). */
export const SWEEP_FAILED = 1_000;

/** Drops the page from finished extract jobs that still hold one; resolves with how many. `client` reaches the queue's Redis. */
export async function sweepFinishedPages(extract: Queue, client: Redis, failedToScan = SWEEP_FAILED): Promise<number> {
  const ids = [
    ...(await client.zrange(extract.toKey('completed'), 0, -1)),
    ...(await client.zrevrange(extract.toKey('failed'), 0, failedToScan - 1)),
  ];
  if (ids.length === 0) return 0;
  const check = client.pipeline();
  for (const id of ids) check.hstrlen(extract.toKey(id), 'data');
  const lengths = (await check.exec()) ?? [];
  let dropped = 0;
  for (const [i, id] of ids.entries()) {
    if (Number(lengths[i]?.[1] ?? 0) <= SLIM_MAX_CHARS) continue;
    const job = await extract.getJob(id);
    if (!job || !holdsPage(job.data)) continue;
    // Only finished jobs are in these sets: no worker will run this one again.
    await job.updateData(slimExtractData(job.data));
    dropped++;
  }
  return dropped;
}
