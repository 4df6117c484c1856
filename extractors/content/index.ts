/**
 * The content extractor: one HTML page in, the article body as text plus its metadata out.
 * Parse once (cheerio/htmlparser2), clean, score, serialize; never throws.
 */
import { collapse, elements, isElement, parseHtml, type DomNode } from './dom.js';
import { dropBoilerplate, pruneJunk } from './clean.js';
import { extractMetadata, type Metadata } from './metadata.js';
import { selectArticle } from './score.js';
import { computeStats } from './stats.js';
import { serialize } from './text.js';
import type { ContentResult } from './types.js';

export type { ContentResult } from './types.js';

/** Below this many characters the scored body is suspect and JSON-LD articleBody may stand in. */
export const MIN_BODY_CHARS = 200;

const EMPTY: ContentResult = {
  title: null, authors: [], publishedAt: null, modifiedAt: null, canonicalUrl: null, siteName: null, language: null, text: '',
};

/** JSON-LD articleBody as paragraphs by our convention (it is plain text, sometimes with markup). */
function ldBodyText(body: string): string {
  return body
    .replace(/<[^>]+>/g, ' ')
    .split(/\n\s*\n|\r\n\s*\r\n/)
    .map(collapse)
    .filter(Boolean)
    .join('\n\n');
}

function extractBody(root: DomNode, meta: Metadata): string {
  const mediaHolders = pruneJunk(root);
  const cleaned = dropBoilerplate(root, computeStats(root));
  const all = elements(root);
  const { nodes } = selectArticle(all, cleaned);
  let text = nodes.length ? serialize(nodes, { stats: cleaned, title: meta.title, mediaHolders }) : '';
  if (meta.ldBody && text.length < MIN_BODY_CHARS) {
    const ld = ldBodyText(meta.ldBody);
    if (ld.length > text.length) text = ld;
  }
  if (!text) {
    // Nothing scored (a bare fragment): fall back to every block of the page.
    const body = all.find((e) => e.name === 'body') ?? root;
    text = serialize([body], { stats: cleaned, title: meta.title, mediaHolders });
  }
  return text;
}

/**
 * Extract the article body and metadata from one page. Never throws: malformed input yields
 * whatever could be recovered, at worst empty text and null metadata.
 *
 * @example
 * const { title, text } = extractContent(html, { url: 'https://example.com/news/1' });
 */
export function extractContent(html: string): ContentResult {
  try {
    if (typeof html !== 'string' || html.length === 0) return { ...EMPTY };
    const root = parseHtml(html);
    const meta = extractMetadata(elements(root).filter(isElement));
    let text = '';
    try {
      text = extractBody(root, meta);
    } catch {
      text = meta.ldBody ? ldBodyText(meta.ldBody) : '';
    }
    return {
      title: meta.title,
      authors: meta.authors,
      publishedAt: meta.publishedAt,
      modifiedAt: meta.modifiedAt,
      canonicalUrl: meta.canonicalUrl,
      siteName: meta.siteName,
      language: meta.language,
      text,
    };
  } catch {
    return { ...EMPTY };
  }
}
