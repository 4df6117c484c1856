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
