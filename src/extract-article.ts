/**
 * The pure core: one HTML page in, one validated article record out.
 * No I/O and deterministic for the same input (extractedAt aside, which callers may pin).
 */
import { createHash } from 'node:crypto';
import { extractContent } from '../extractors/content/index.js';
import { extractEntities } from '../extractors/entities/index.js';
import { ArticleRecordSchema, SCHEMA_VERSION, type ArticleRecord } from './record/schema.js';
import { canonicalizeUrl } from './url/canonical.js';

export interface ExtractArticleOptions {
  /** The URL the page was requested from; resolves relative links and seeds `id`. */
  url?: string | null;
  /** When the page was fetched (ISO 8601); the fallback date that relative dates resolve against. */
  fetchedAt?: string | null;
  /** Pin `extractedAt` (tests, reproducible runs); defaults to now. */
  extractedAt?: string;
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export function recordId(canonicalUrl: string | null, text: string): string {
  return createHash('sha256').update(canonicalUrl ?? text).digest('hex');
}

function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/**
 * Turn one security news page into one schema-valid record.
 * Never throws on bad HTML: the worst page yields a record with empty text.
 *
 * @example
 * const record = extractArticle(html, { url: 'https://example.com/news/1', fetchedAt: new Date().toISOString() });
 * console.log(record.title, record.entities.aptGroups.map((g) => g.name));
 */
export function extractArticle(html: string, options: ExtractArticleOptions = {}): ArticleRecord {
  const url = options.url ?? null;
  const fetchedAt = isoOrNull(options.fetchedAt);
  const content = extractContent(typeof html === 'string' ? html : String(html ?? ''));
  const canonicalUrl =
    (content.canonicalUrl && canonicalizeUrl(content.canonicalUrl, url ?? undefined)) ||
    (url ? canonicalizeUrl(url) ?? url : null);
  const publishedAt = isoOrNull(content.publishedAt);
  const { entities, relations } = extractEntities(content.text, { referenceDate: publishedAt ?? fetchedAt });

  const record: ArticleRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: recordId(canonicalUrl, content.text),
    url,
    canonicalUrl,
    fetchedAt,
    extractedAt: options.extractedAt ?? new Date().toISOString(),
    title: content.title,
    authors: content.authors,
    publishedAt,
    modifiedAt: isoOrNull(content.modifiedAt),
    siteName: content.siteName,
    language: content.language,
    text: content.text,
    wordCount: countWords(content.text),
    entities,
    relations,
  };
  // Validate before it leaves: a record that breaks the contract is a bug, never output.
  return ArticleRecordSchema.parse(record);
}
