/**
 * The pure core: one HTML page in, one validated article record out.
 * No I/O and deterministic for the same input (extractedAt aside, which callers may pin).
 */
import { createHash } from 'node:crypto';
import { extractContent, type ContentResult } from '../extractors/content/index.js';
import { plainTextArticle } from '../extractors/content/plain-text.js';
import { extractEntities } from '../extractors/entities/index.js';
import { NewsintError } from './errors.js';
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

export interface ExtractTextOptions extends ExtractArticleOptions {
  /** When the text was published (ISO 8601): the record's publishedAt, and what relative dates resolve against. */
  publishedAt?: string | null;
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

/** A page or text with no article is not a record: the caller gets a permanent NO_ARTICLE error. */
function noArticle(what: string, url: string | null): NewsintError {
  const where = url ? ` (${url})` : '';
  return new NewsintError('NO_ARTICLE', `${what}${where}; nothing to extract, so no record is made`, { kind: 'permanent', ...(url ? { url } : {}) });
}

function buildRecord(content: ContentResult, options: ExtractArticleOptions): ArticleRecord {
  const url = options.url ?? null;
  const fetchedAt = isoOrNull(options.fetchedAt);
  const canonicalUrl =
    (content.canonicalUrl && canonicalizeUrl(content.canonicalUrl, url ?? undefined)) ||
    (url ? canonicalizeUrl(url) ?? url : null);
  const publishedAt = isoOrNull(content.publishedAt);
  const { entities, relations } = extractEntities(content.text, { referenceDate: publishedAt ?? fetchedAt, ownUrls: [url, canonicalUrl] });

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

/**
 * Turn one security news page into one schema-valid record.
 * Never throws on bad HTML; a page with no article text (empty, all furniture, not a page
 * at all) throws a permanent NewsintError NO_ARTICLE rather than returning an empty record.
 *
 * @example
 * const record = extractArticle(html, { url: 'https://example.com/news/1', fetchedAt: new Date().toISOString() });
 * console.log(record.title, record.entities.aptGroups.map((g) => g.name));
 */
export function extractArticle(html: string, options: ExtractArticleOptions = {}): ArticleRecord {
  const content = extractContent(typeof html === 'string' ? html : String(html ?? ''));
  if (!content.text.trim()) throw noArticle('the page holds no article text', options.url ?? null);
  return buildRecord(content, options);
}

/**
 * Plain article text (a pasted report, a .txt export) to one record: paragraphs by blank
 * lines, the title from a first short line when there is one, `publishedAt` from the options.
 * Throws NO_ARTICLE for empty text.
 *
 * @example
 * const record = extractText(reportText, { publishedAt: '2024-11-14T12:00:00Z' });
 */
export function extractText(text: string, options: ExtractTextOptions = {}): ArticleRecord {
  const article = plainTextArticle(typeof text === 'string' ? text : String(text ?? ''));
  if (!article.text) throw noArticle('the text is empty', options.url ?? null);
  return buildRecord(
    {
      title: article.title,
      authors: [],
      publishedAt: options.publishedAt ?? null,
      modifiedAt: null,
      canonicalUrl: null,
      siteName: null,
      language: null,
      text: article.text,
    },
    options,
  );
}
