/**
 * Discovery documents in, links out: sniffs RSS, Atom, JSON Feed, sitemap, sitemap index
 * news sitemap and text sitemap (whatever the user called it). The fetcher gunzips
 * .xml.gz bodies in feed mode; `gunzipText` is here for documents read from elsewhere.
 */
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { NewsintError } from '../errors.js';
import { atomLinks, jsonFeedLinks, rssLinks } from './feeds.js';
import { sitemapIndexLinks, urlsetLinks } from './sitemaps.js';

export type DocumentKind = 'rss' | 'atom' | 'jsonfeed' | 'urlset' | 'sitemapindex';

export interface Discovered {
  kind: DocumentKind;
  /** Article pages to fetch. */
  articles: string[];
  /** Child sitemaps to read (sitemap index only). */
  sitemaps: string[];
}

/** Largest decompressed sitemap (the sitemaps.org limit is 50 MB uncompressed). */
export const MAX_GUNZIP_BYTES = 50 * 1024 * 1024;

/** True for a gzip stream (magic bytes 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function gunzipText(bytes: Uint8Array, url: string, maxBytes = MAX_GUNZIP_BYTES): string {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (err) {
    throw new NewsintError('FEED_PARSE', `${url}: broken or oversized gzip body`, { kind: 'permanent', url, cause: err });
  }
}

function unique(urls: string[]): string[] {
  return [...new Set(urls)];
}

/** Parse one discovery document fetched from `url`. Throws FEED_PARSE (permanent) on anything else. */
export function parseDiscovery(text: string, url: string): Discovered {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) {
    const links = jsonFeedLinks(trimmed, url);
    if (links) return { kind: 'jsonfeed', articles: unique(links), sitemaps: [] };
  }
  if (trimmed.startsWith('<')) {
    const $ = load(trimmed, { xml: true });
    const root = $.root().children().first();
    const tag = (root.prop('tagName') ?? '').toLowerCase().replace(/^.*:/, '');
    if (tag === 'rss' || tag === 'rdf') return { kind: 'rss', articles: unique(rssLinks($, url)), sitemaps: [] };
    if (tag === 'feed') return { kind: 'atom', articles: unique(atomLinks($, url)), sitemaps: [] };
    if (tag === 'urlset') return { kind: 'urlset', articles: unique(urlsetLinks($, url)), sitemaps: [] };
    if (tag === 'sitemapindex') return { kind: 'sitemapindex', articles: [], sitemaps: unique(sitemapIndexLinks($, url)) };
  }
  // A text sitemap: one absolute URL a line (sitemaps.org allows it).
  const lines = trimmed.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > 0 && lines.every((l) => /^https?:\/\/\S+$/i.test(l))) return { kind: 'urlset', articles: unique(lines), sitemaps: [] };
  throw new NewsintError('FEED_PARSE', `${url} is not an RSS, Atom or JSON feed, nor a sitemap`, { kind: 'permanent', url });
}
