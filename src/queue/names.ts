/**
 * Queue names and the shared key prefix. The prefix is wrapped in braces so every key
 * of every queue hashes to one Redis Cluster slot (BullMQ's Lua scripts need that).
 */
export const QUEUE_NAMES = {
  discover: 'discover',
  fetch: 'fetch',
  extract: 'extract',
  results: 'results',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Job names inside each queue (BullMQ requires one; consumers may filter on it). */
export const JOB_NAMES = {
  discover: 'discover',
  fetch: 'fetch',
  extract: 'extract',
  results: 'record',
} as const;

/** "newsint" -> "{newsint}"; an already tagged prefix is kept as is. */
export function hashTagPrefix(prefix: string): string {
  return prefix.startsWith('{') && prefix.endsWith('}') ? prefix : `{${prefix}}`;
}
