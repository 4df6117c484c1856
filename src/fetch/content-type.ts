/**
 * Which responses we take: HTML only for articles; for feeds also XML, RSS, Atom,
 * JSON Feed, plain-text sitemaps and gzip. A missing or generic type is sniffed.
 */
import type { AcceptMode } from './types.js';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

const FEED_TYPES = new Set([
  'application/xml',
  'text/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'text/plain', // sitemaps may be one URL per line
  'application/gzip',
  'application/x-gzip',
]);

/** Types that say nothing about the content: decide by sniffing the body. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/** "text/html; charset=utf-8" -> "text/html". */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export type TypeVerdict = 'accept' | 'refuse' | 'sniff';

export function judgeContentType(contentType: string | null, mode: AcceptMode): TypeVerdict {
  const type = mediaType(contentType);
  if (GENERIC_TYPES.has(type)) return 'sniff';
  if (HTML_TYPES.has(type)) return 'accept';
  if (mode === 'article' && type === 'text/plain') return 'accept';
  if (mode === 'feed' && (FEED_TYPES.has(type) || type.endsWith('+xml') || type.endsWith('+json'))) return 'accept';
  return 'refuse';
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The first non-blank characters of a body, lower-cased, BOM skipped. */
function head(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '').replace(/\x00/g, '').trimStart().toLowerCase();
}

/** What a body with no useful content type looks like: the sniffing rules of the WHATWG spec, trimmed. */
export function sniffBody(bytes: Uint8Array, mode: AcceptMode): boolean {
  const start = head(bytes);
  if (/^<(!doctype html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|!--)[\s>]/.test(start)) return true;
  if (mode === 'html') return false;
  // An article may be plain text; the extractor refuses what holds none.
  if (mode === 'article') return looksLikeText(bytes);
  // Feed mode also serves robots.txt and plain-text sitemaps: any body that reads as text.
  return isGzip(bytes) || looksLikeText(bytes);
}

/** No NUL and almost no other control bytes in the first KiB (UTF-16 is not expected here). */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 1024);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= sample.length / 100;
}
