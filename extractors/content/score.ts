/**
 * Picks the article container the way Readability does: paragraphs score their ancestors by
 * length and commas, class/id hints and link density adjust, then siblings that belong join.
 */
import { isElement, type DomElement, type DomNode } from './dom.js';
import { classWeight } from './hints.js';
import { linkDensity, type StatsMap } from './stats.js';

/** Shorter paragraphs say little about where the article is. */
export const MIN_PARAGRAPH_CHARS = 25;
/** How many ancestors a paragraph's score reaches. */
const ANCESTOR_LEVELS = 5;
const HINT_BONUS = 25;
/** Climb to the parent when the chosen block holds less than this share of the parent's prose. */
export const CLIMB_SHARE = 0.8;
const CLIMB_MAX_LINK_DENSITY = 0.35;
const CLIMB_LEVELS = 3;

const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'blockquote']);
const DIV_LIKE = new Set(['div', 'section', 'article', 'main', 'span', 'font', 'center', 'td', 'body']);
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'ul', 'ol', 'dl', 'table', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'footer', 'aside', 'nav', 'form', 'figure', 'address', 'li', 'tr', 'td',
]);

function tagBonus(name: string): number {
  switch (name) {
    case 'div': case 'article': case 'section': case 'main': return 5;
    case 'pre': case 'td': case 'blockquote': return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': return -5;
    default: return 0;
  }
}

/** Text directly inside a div-like element (old layouts put paragraphs between <br>s). */
function directText(el: DomElement): { len: number; commas: number } {
  let len = 0;
  let commas = 0;
  for (const c of el.children) {
    if (c.type === 'text') {
      const t = (c.data ?? '').trim();
      len += t.length;
      commas += t.split(',').length - 1;
    } else if (isElement(c) && (c.name === 'a' || c.name === 'b' || c.name === 'i' || c.name === 'em' || c.name === 'strong')) {
      const first = c.children[0];
      if (first?.type === 'text') len += (first.data ?? '').trim().length;
    }
  }
  return { len, commas };
}

export interface Selection {
  /** Nodes whose text is the article, in document order. */
  nodes: DomNode[];
  top: DomElement | null;
}

/**
 * @param cards prose inside teaser cards below each element: the climb and the sibling join do
 *   not reach for it (a "more stories" grid beside the body is not more of the body).
 */
export function selectArticle(all: DomElement[], stats: StatsMap, cards: Map<DomNode, number> = new Map()): Selection {
  const scores = new Map<DomElement, number>();
  const init = (el: DomElement) => {
    let s = scores.get(el);
    if (s === undefined) {
      s = tagBonus(el.name) + classWeight(el) * HINT_BONUS;
      scores.set(el, s);
    }
    return s;
  };

  for (const el of all) {
    if (!el.parent) continue; // pruned
    let len: number;
    let commas: number;
    if (PARAGRAPH_TAGS.has(el.name)) {
      const s = stats.get(el);
      if (!s) continue;
      len = s.text - s.link;
      commas = s.commas;
    } else if (DIV_LIKE.has(el.name)) {
      if (el.children.some((c) => isElement(c) && BLOCK_TAGS.has(c.name) && c.name !== 'td')) {
        // Mixed content: only its loose text counts as a paragraph.
        ({ len, commas } = directText(el));
      } else if (el.name !== 'td') {
        const s = stats.get(el);
        if (!s) continue;
        len = s.text - s.link;
        commas = s.commas;
      } else continue;
    } else continue;
    if (len < MIN_PARAGRAPH_CHARS) continue;
    const score = 1 + commas + Math.min(Math.floor(len / 100), 3);
    let anc = el.parent as DomNode | null;
    for (let level = 0; level < ANCESTOR_LEVELS && anc && isElement(anc); level++) {
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(anc, init(anc) + score / divider);
      anc = anc.parent;
    }
  }

  let top: DomElement | null = null;
  let topScore = -Infinity;
  const final = new Map<DomElement, number>();
  for (const [el, s] of scores) {
    if (!el.parent) continue;
    const f = s * (1 - linkDensity(stats.get(el)));
    final.set(el, f);
    if (f > topScore) {
      topScore = f;
      top = el;
    }
  }
  if (!top) return { nodes: [], top: null };

  // Climb while an ancestor scores as well: the article is often split over sibling wrappers.
  let parent = top.parent;
  let last = topScore;
  const threshold = topScore / 3;
  const holdsArticles = (el: DomNode) => stats.get(el)?.articles ?? 0;
  while (parent && isElement(parent) && parent.name !== 'body' && parent.name !== 'html') {
    if (holdsArticles(parent) > Math.max(1, holdsArticles(top))) break;
    const ps = final.get(parent);
    if (ps === undefined) {
      parent = parent.parent;
      continue;
    }
    if (ps < threshold) break;
    if (ps > last) {
      top = parent;
      topScore = ps;
      break;
    }
    last = ps;
    parent = parent.parent;
  }
  // Climb while the parent holds clearly more prose: bodies split over sibling wrappers
  // ("read more" halves, per-section divs) belong together.
  for (let climbed = true; climbed; ) {
    climbed = false;
    const mine = stats.get(top)?.prose ?? 0;
    // Look a few levels up; levels count only where prose grows, so empty wrappers are free.
    let up: DomNode | null = top.parent;
    for (let level = 0; level < CLIMB_LEVELS && up && isElement(up) && up.name !== 'body' && up.name !== 'html'; ) {
      const theirs = stats.get(up);
      // Never climb into a region with more <article>s than we hold: the next story of an
      // infinite-scroll page is not the rest of this one.
      if (theirs && theirs.articles > Math.max(1, holdsArticles(top))) break;
      const theirProse = (theirs?.prose ?? 0) - ((cards.get(up) ?? 0) - (cards.get(top) ?? 0));
      if (theirs && mine < theirProse * CLIMB_SHARE && linkDensity(theirs) <= CLIMB_MAX_LINK_DENSITY) {
        top = up;
        topScore = Math.max(topScore, final.get(up) ?? 0);
        climbed = true;
        break;
      }
      if ((theirs?.prose ?? 0) > mine) level++;
      up = up.parent;
    }
  }
  while (top.parent && isElement(top.parent) && top.parent.name !== 'body' && top.parent.children.filter(isElement).length === 1) {
    top = top.parent;
    topScore = final.get(top) ?? topScore;
  }

  const host = top.parent;
  if (!host || !host.children || !isElement(host)) return { nodes: [top], top };
  const siblingThreshold = Math.max(10, topScore * 0.2);
  const nodes: DomNode[] = [];
  for (const sib of host.children) {
    if (sib === top) {
      nodes.push(sib);
      continue;
    }
    if (!isElement(sib)) continue;
    // Another <article> beside ours is another story.
    if (holdsArticles(top) > 0 && holdsArticles(sib) > 0) continue;
    // A grid of teaser cards beside ours is a list of other stories.
    if ((cards.get(sib) ?? 0) * 2 > (stats.get(sib)?.prose ?? 0)) continue;
    let bonus = 0;
    if (sib.attribs.class && sib.attribs.class === top.attribs.class) bonus = topScore * 0.2;
    const s = final.get(sib);
    if (s !== undefined && s + bonus >= siblingThreshold) {
      nodes.push(sib);
      continue;
    }
    if (sib.name === 'p') {
      const st = stats.get(sib);
      const ld = linkDensity(st);
      const len = st?.text ?? 0;
      if ((len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld === 0 && /\.( |$)/.test(textSample(sib)))) nodes.push(sib);
    }
  }
  return { nodes, top };
}

function textSample(el: DomElement): string {
  return el.children.map((c) => (c.type === 'text' ? c.data ?? '' : '')).join('');
}
