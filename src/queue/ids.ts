/**
 * Job ids derived from canonical URLs. BullMQ ids may not contain ':' and may not be
 * plain integers, so the URL is hashed (sha256 hex, the same digest as record ids).
 */
import { createHash } from 'node:crypto';

export function urlKey(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex');
}

/**
 * Fetch job id: the URL key plus when it was enqueued. The URL key alone is the
 * deduplication id (one fetch per re-crawl window); the suffix lets a later window
 * fetch again and lets the producer tell "new" from "duplicate" (a duplicate returns
 * the id of the job already there).
 */
export function fetchJobId(key: string, now: number): string {
  return `${key}-${now.toString(36)}`;
}

/** A child job id derived from its parent's, so a re-run parent adds no second child. */
export function childJobId(parentId: string, index: number): string {
  return `${parentId.replace(/:/g, '_')}-${index}`;
}

/**
 * The id a job passes on to the job it queues next (fetch -> extract). BullMQ refuses
 * custom ids that are plain integers or contain ':', and its own default ids are
 * integers: a job from a producer that set no id (BullMQ in Python, by hand) gets a
 * derived id that BullMQ accepts, still stable when the job runs twice.
 */
export function downstreamJobId(id: string | undefined): string {
  const safe = String(id ?? '').replace(/:/g, '_');
  return /^\d*$/.test(safe) ? `job-${safe || 'none'}` : safe;
}

/**
 * Results job id: the record id plus a tag of the extract job that made it. The extract
 * job id is the crawl (one fetch of one requested URL), so a job that runs twice publishes
 * once, while a later crawl of the article, or another URL whose page names the same
 * canonical URL, publishes again even if an earlier record waits in the dead-letter list.
 */
export function resultJobId(recordId: string, extractJobId: string): string {
  return `${recordId}-${createHash('sha256').update(extractJobId).digest('hex').slice(0, 16)}`;
}
