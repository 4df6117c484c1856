/**
 * Feed parsers: RSS 2.0 / RSS 1.0 (RDF), Atom and JSON Feed to the article links they list.
 * Pure: text in, absolute URLs out (relative links resolved against the feed URL).
 */
import type { CheerioAPI } from 'cheerio';

function absolute(href: string | undefined | null, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** RSS: <item><link>; a permalink <guid> stands in when <link> is missing. */
export function rssLinks($: CheerioAPI, base: string): string[] {
  const out: string[] = [];
  $('item').each((_, el) => {
    const item = $(el);
    let href = item.children('link').first().text() || item.children('link').first().attr('rdf:resource');
    if (!href) {
      const guid = item.children('guid').first();
      if (guid.attr('isPermaLink') !== 'false') href = guid.text();
    }
    const url = absolute(href, base);
    if (url) out.push(url);
  });
  return out;
}

/** Atom: each <entry>'s rel="alternate" link (the default rel), honouring xml:base. */
export function atomLinks($: CheerioAPI, base: string): string[] {
  const out: string[] = [];
  const feedBase = absolute($('feed').first().attr('xml:base'), base) ?? base;
  $('entry').each((_, el) => {
    const links = $(el).children('link');
    const alternate = links.filter((_, l) => ($(l).attr('rel') ?? 'alternate') === 'alternate').first();
    const url = absolute(alternate.attr('href'), feedBase);
    if (url) out.push(url);
  });
  return out;
}

/** JSON Feed 1.x: items[].url, else external_url. Returns null when `text` is not one. */
export function jsonFeedLinks(text: string, base: string): string[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { items?: unknown }).items)) return null;
  const version = (doc as { version?: unknown }).version;
  if (typeof version !== 'string' || !version.includes('jsonfeed.org')) return null;
  const out: string[] = [];
  for (const item of (doc as { items: Array<Record<string, unknown>> }).items) {
    const href = typeof item?.url === 'string' ? item.url : typeof item?.external_url === 'string' ? item.external_url : null;
    const url = absolute(href, base);
    if (url) out.push(url);
  }
  return out;
}
