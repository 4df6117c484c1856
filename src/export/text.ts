/** A record for reading: the title, where it came from, and the article body. */
import type { ArticleRecord } from '../record/schema.js';

export function toText(record: ArticleRecord): string {
  const head = [record.title?.trim() || '(no title)'];
  const meta = [record.siteName, record.publishedAt?.slice(0, 10), record.canonicalUrl ?? record.url].filter(Boolean);
  if (meta.length) head.push(meta.join(' · '));
  return `${head.join('\n')}\n\n${record.text}\n`;
}
