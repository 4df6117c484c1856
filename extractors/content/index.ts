/**
 * The content extractor: one HTML page in, the article body as text plus its metadata out.
 * Parse once (cheerio/htmlparser2), clean, score, serialize; never throws.
 */
import { collapse, elements, isElement, parseHtml, walk, type DomElement, type DomNode } from './dom.js';
import { isMarkedArticleBody } from './hints.js';
import { linkDensity, type StatsMap } from './stats.js';
import { MAX_LINK_DENSITY } from './text.js';
import { cardProse, dropBoilerplate, pruneJunk, teaserCards } from './clean.js';
import { extractMetadata, type Metadata } from './metadata.js';
import { selectArticle } from './score.js';
import { computeStats, sectionArticles } from './stats.js';
import { joinBlocks, serializeBlocks, type TextBlock } from './text.js';
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

/** The scored body may miss most of the article when it holds less than this share of the marked container's text. */
export const MARKED_FALLBACK_SHARE = 0.3;

/**
 * Where the page itself says the article is: itemprop=articleBody, else <article>, else
 * <main>, the one with the most text that is not a list of links.
 */
function markedContainer(all: DomElement[], stats: StatsMap): DomElement | null {
  for (const pick of [isMarkedArticleBody, (e: DomElement) => e.name === 'article', (e: DomElement) => e.name === 'main']) {
    let best: DomElement | null = null;
    let bestLen = 0;
    for (const el of all) {
      if (!pick(el)) continue;
      const s = stats.get(el);
      if (!s || linkDensity(s) >= MAX_LINK_DENSITY) continue;
      if (s.text - s.link > bestLen) {
        best = el;
        bestLen = s.text - s.link;
      }
    }
    if (best) return best;
  }
  return null;
}

/** The one <article> inside the chosen block is the body when it holds at least this share of the block's prose. */
export const NARROW_SHARE = 0.4;

/**
 * A chosen block that wraps exactly one <article> holding much of its prose: the page marks
 * the body, and the rest of the block (testimonials, sign-up forms, rails) is around it.
 */
function narrowToArticle(nodes: DomNode[], stats: StatsMap): DomNode[] {
  if (nodes.length !== 1 || !isElement(nodes[0]!) || nodes[0].name === 'article') return nodes;
  const top = nodes[0];
  const found: DomElement[] = [];
  walk(top, (n) => {
    if (!isElement(n)) return;
    if (n.name === 'article') {
      found.push(n);
      return false;
    }
  });
  if (found.length !== 1) return nodes;
  const mine = stats.get(found[0]!)?.prose ?? 0;
  const theirs = stats.get(top)?.prose ?? 0;
  return theirs > 0 && mine >= theirs * NARROW_SHARE && mine < theirs ? [found[0]!] : nodes;
}

/** The body as the rules found it: its paragraphs when they came from the page's blocks, else text (JSON-LD). */
export interface RuleBody {
  blocks: TextBlock[] | null;
  text: string;
}

function extractBody(root: DomNode, meta: Metadata): RuleBody {
  const mediaHolders = pruneJunk(root);
  const sections = sectionArticles(root);
  const raw = computeStats(root, sections);
  const cards = teaserCards(root, raw);
  const cleaned = dropBoilerplate(root, raw, sections);
  const all = elements(root);
  const selected = narrowToArticle(selectArticle(all, cleaned, cardProse(cards, cleaned)).nodes, cleaned);
  // The whole page won (sections straight under <body>): judge its blocks one by one, since the
  // page as one block is as link-heavy as its menus.
  const nodes = selected.length === 1 && isElement(selected[0]!) && (selected[0].name === 'html' || selected[0].name === 'body')
    ? (all.find((e) => e.name === 'body') ?? selected[0]).children
    : selected;
  const opts = { stats: cleaned, title: meta.title, mediaHolders };
  let blocks = nodes.length ? serializeBlocks(nodes, opts) : [];
  let text = joinBlocks(blocks);
  // Candidates agree or the page's own marking wins: a scored body that holds a small part of
  // the marked container's text picked a fragment (a split body, a modal, one section).
  const marked = markedContainer(all, cleaned);
  if (marked && !nodes.includes(marked)) {
    const ms = cleaned.get(marked);
    if (ms && text.length < (ms.text - ms.link) * MARKED_FALLBACK_SHARE) {
      const alt = serializeBlocks([marked], opts);
      const altText = joinBlocks(alt);
      if (altText.length > text.length) [blocks, text] = [alt, altText];
    }
  }
  if (meta.ldBody && text.length < MIN_BODY_CHARS) {
    const ld = ldBodyText(meta.ldBody);
    if (ld.length > text.length) return { blocks: null, text: ld };
  }
  if (!text) {
    // Nothing scored (a bare fragment): fall back to every block of the page.
    const body = all.find((e) => e.name === 'body') ?? root;
    blocks = serializeBlocks(body.children ?? [], opts);
    text = joinBlocks(blocks);
  }
  return { blocks, text };
}

/** The body's paragraphs with the elements they came from and the page's metadata: what `npm run train:content` learns from. */
export function ruleBody(html: string): RuleBody & { meta: Metadata } {
  const root = parseHtml(html);
  const meta = extractMetadata(elements(root).filter(isElement));
  return { ...extractBody(root, meta), meta };
}

/**
 * Extract the article body and metadata from one page. Never throws: malformed input yields
 * whatever could be recovered, at worst empty text and null metadata.
 *
 * @example
 * const { title, text } = extractContent(html);
 */
export function extractContent(html: string): ContentResult {
  try {
    if (typeof html !== 'string' || html.length === 0) return { ...EMPTY };
    const root = parseHtml(html);
    const meta = extractMetadata(elements(root).filter(isElement));
    let text = '';
    try {
      text = extractBody(root, meta).text;
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
