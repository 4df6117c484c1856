/**
 * Cleaning before scoring: drop what is never text (scripts, forms' controls, hidden nodes),
 * then page furniture found by tag, role and class/id hints, unless it holds most of the page.
 */
import { isElement, walk, type DomElement, type DomNode } from './dom.js';
import { BOILERPLATE_TAGS, JUNK_TAGS, PLACEHOLDER_TEXT, boilerplateHint, isHidden } from './hints.js';
import { computeStats, linkDensity, type StatsMap } from './stats.js';

/** A furniture-looking block is kept if it holds at least this share of the page's text (it is the page's prose). */
export const KEEP_SHARE = 0.4;
/** A block with only weak furniture hints is kept when it holds this much running text (non-link characters)... */
export const WEAK_KEEP_CHARS = 200;
/** ...at a link density below this: section wrappers of the article, not link rails. */
export const WEAK_KEEP_LINK_DENSITY = 0.25;
/** Elements hints may never remove: they are the page or the article itself. */
const NEVER_DROP = new Set(['html', 'body', 'main', 'article']);
const INLINE = new Set(['a', 'span', 'b', 'strong', 'i', 'em', 'small', 'font', 'abbr', 'code', 'mark', 'sup', 'sub', 'u', 'cite', 'q']);
const TEXT_BLOCKS = new Set(['p', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'td', 'dd']);

/** Filter children of every element with `drop`, without recursion. */
export function prune(root: DomNode, drop: (n: DomNode) => boolean): void {
  const filter = (n: DomNode) => {
    if (n.children && n.children.length > 0 && n.children.some(drop)) {
      n.children = n.children.filter((c) => {
        if (!drop(c)) return true;
        c.parent = null;
        return false;
      });
    }
  };
  filter(root);
  walk(root, (n) => {
    filter(n);
  });
}

const MEDIA = new Set(['img', 'picture', 'video', 'iframe', 'svg', 'canvas', 'embed', 'object']);

/**
 * Drop what is never text. Returns the elements that held media, so captions beside an
 * image can still be recognised after the image itself is gone.
 */
export function pruneJunk(root: DomNode): Set<DomNode> {
  const mediaHolders = new Set<DomNode>();
  prune(root, (n) => {
    const junk = isJunk(n);
    if (junk && isElement(n) && MEDIA.has(n.name) && n.parent) mediaHolders.add(n.parent);
    return junk;
  });
  return mediaHolders;
}

export function isJunk(n: DomNode): boolean {
  if (n.type === 'comment' || n.type === 'directive' || n.type === 'cdata') return true;
  if (!isElement(n)) return false;
  if (JUNK_TAGS.has(n.name) || n.type === 'script' || n.type === 'style') return true;
  if (n.name === 'form') return false;
  return isHidden(n);
}

const PLACEHOLDER_BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'span', 'td', 'blockquote']);

/** The first non-blank text under an element (a few nodes deep at most). */
function leadingText(el: DomElement): string {
  let lead = '';
  let seen = 0;
  walk(el, (n) => {
    if (lead || ++seen > 20) return false;
    if (n.type === 'text' && (n.data ?? '').trim()) lead = (n.data ?? '').trim();
  });
  return lead;
}

/** A template's filler text ("Lorem ipsum dolor sit amet...") left in a block: never the article. */
function isPlaceholder(el: DomElement): boolean {
  if (!PLACEHOLDER_BLOCKS.has(el.name)) return false;
  // Only a leaf block: a wrapper that merely starts with filler may hold the article after it.
  if (el.children.some((c) => isElement(c) && !INLINE.has(c.name) && c.name !== 'br')) return false;
  return PLACEHOLDER_TEXT.test(leadingText(el));
}

/** Repeated items longer than this are sections of a body, not teaser cards. */
export const MAX_CARD_CHARS = 1200;
/** How many like siblings with a linked heading make a list of teaser cards. */
export const MIN_CARDS = 3;
const CARD_HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
const CARD_SCAN_NODES = 400;

/** Does a heading in this block link to another page (a heading inside a link, or a link inside a heading)? */
function hasLinkedHeading(el: DomElement): boolean {
  let found = false;
  let seen = 0;
  const links: number[] = [];
  let headings = 0;
  walk(
    el,
    (n) => {
      if (found || ++seen > CARD_SCAN_NODES) return false;
      if (!isElement(n)) return;
      const isLink = n.name === 'a' && !/^\s*(#|javascript:|$)/i.test(n.attribs.href ?? '');
      if ((isLink && headings > 0) || (CARD_HEADINGS.has(n.name) && links.length > 0)) found = true;
      if (isLink) links.push(1);
      if (CARD_HEADINGS.has(n.name)) headings++;
    },
    (n) => {
      if (!isElement(n)) return;
      if (n.name === 'a' && links.length > 0 && !/^\s*(#|javascript:|$)/i.test(n.attribs.href ?? '')) links.pop();
      if (CARD_HEADINGS.has(n.name)) headings--;
    },
  );
  return found;
}

/** Prose inside teaser cards still in the tree, summed up to every ancestor. */
export function cardProse(cards: Set<DomNode>, stats: StatsMap): Map<DomNode, number> {
  const out = new Map<DomNode, number>();
  for (const c of cards) {
    const prose = stats.get(c)?.prose ?? 0;
    if (!c.parent || prose === 0) continue;
    for (let n: DomNode | null = c; n; n = n.parent) out.set(n, (out.get(n) ?? 0) + prose);
  }
  return out;
}

/**
 * Teaser cards: like siblings (same tag and class) that each hold a heading linking elsewhere
 * and little text, as "more stories" lists and grids are built. A body's own sections have
 * headings that link nowhere.
 */
export function teaserCards(root: DomNode, stats: StatsMap): Set<DomNode> {
  const cards = new Set<DomNode>();
  walk(root, (n) => {
    if (!isElement(n) || n.children.length < MIN_CARDS) return;
    const groups = new Map<string, DomElement[]>();
    for (const c of n.children) {
      if (!isElement(c)) continue;
      const key = `${c.name}.${c.attribs.class ?? ''}`;
      const g = groups.get(key);
      if (g) g.push(c);
      else groups.set(key, [c]);
    }
    for (const g of groups.values()) {
      if (g.length < MIN_CARDS) continue;
      const hits = g.filter((c) => (stats.get(c)?.text ?? 0) < MAX_CARD_CHARS && hasLinkedHeading(c));
      if (hits.length >= MIN_CARDS) for (const c of hits) cards.add(c);
    }
  });
  return cards;
}

/** Drop page furniture; returns fresh stats for the cleaned tree. */
export function dropBoilerplate(root: DomNode, stats: StatsMap, sections?: Set<DomNode>): StatsMap {
  // Prose (text in paragraphs) rather than all text, so heavy menus cannot dilute the share.
  const rootStats = stats.get(root);
  const prose = rootStats?.prose ?? 0;
  const total = prose > 0 ? prose : rootStats?.text ?? 0;
  const big = (el: DomElement) => {
    const s = stats.get(el);
    return total > 0 && (prose > 0 ? s?.prose ?? 0 : s?.text ?? 0) >= total * KEEP_SHARE;
  };
  prune(root, (n) => {
    if (!isElement(n) || NEVER_DROP.has(n.name)) return false;
    if (isPlaceholder(n)) return true;
    if (BOILERPLATE_TAGS.has(n.name) && !big(n)) return true;
    if (n.name === 'form') return !big(n);
    // Inline elements inside running text (a link styled as a tag) are part of the sentence.
    if (INLINE.has(n.name) && n.parent && isElement(n.parent) && TEXT_BLOCKS.has(n.parent.name)) return false;
    const hint = boilerplateHint(n);
    if (!hint || big(n)) return false;
    if (hint === 'weak') {
      const s = stats.get(n);
      if (s && s.text - s.link >= WEAK_KEEP_CHARS && linkDensity(s) < WEAK_KEEP_LINK_DENSITY) return false;
    }
    return true;
  });
  return computeStats(root, sections);
}
