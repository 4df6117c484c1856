/**
 * Per-element text statistics in one bottom-up pass: text length, link text length, commas
 * and paragraph count, so scoring and cleaning never re-read a subtree (no O(n^2)).
 */
import { isElement, walk, type DomNode } from './dom.js';

export interface NodeStats {
  /** Characters of text with whitespace runs counted as one. */
  text: number;
  /** Of which inside links. */
  link: number;
  commas: number;
  /** <p>-like blocks with some text below this node. */
  paras: number;
  /** Non-link text inside <p>/<pre>/<blockquote> and leaf divs: the prose below this node. */
  prose: number;
  /** <article> elements in this subtree (itself included) that are stories, not sections of one (see `sectionArticles`). */
  articles: number;
}

export type StatsMap = Map<DomNode, NodeStats>;

const COMMAS = /[,，、،]/g;

const PROSE_TAGS = new Set(['p', 'pre', 'blockquote']);
/** Div-soup pages use leaf divs as paragraphs. */
const PROSE_DIVS = new Set(['div', 'section', 'td', 'font', 'span']);
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'ul', 'ol', 'dl', 'table', 'tr', 'td', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'footer', 'aside', 'nav', 'form', 'figure', 'li',
]);
const isBlockElement = (n: DomNode) => isElement(n) && BLOCKS.has(n.name);

function textLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160;
    if (ws) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

const STORY_MARKS = new Set(['h1', 'header', 'time', 'address']);
const LINKABLE_HEADINGS = new Set(['h2', 'h3', 'h4']);

/**
 * <article> elements that carry none of a story's own marks (a headline <h1>, a header, a
 * <time>, an address, or a heading that links elsewhere, as teaser cards do): page builders
 * wrap each section of one body in <article>, and those are parts, not other stories.
 * Run before cleaning, since cleaning drops headers and datelines.
 */
export function sectionArticles(root: DomNode): Set<DomNode> {
  const out = new Set<DomNode>();
  const open: Array<{ el: DomNode; story: boolean }> = [];
  let heading = 0;
  walk(
    root,
    (n) => {
      if (!isElement(n)) return;
      if (n.name === 'article') open.push({ el: n, story: false });
      const linkedHeading = heading > 0 && n.name === 'a' && !/^\s*#/.test(n.attribs.href ?? '#');
      if (LINKABLE_HEADINGS.has(n.name)) heading++;
      if ((STORY_MARKS.has(n.name) || linkedHeading) && open.length > 0) open[open.length - 1]!.story = true;
    },
    (n) => {
      if (!isElement(n)) return;
      if (LINKABLE_HEADINGS.has(n.name)) heading--;
      if (n.name === 'article') {
        const top = open.pop();
        if (top && !top.story) out.add(n);
        // A story mark inside a nested article marks the outer one too.
        if (top?.story && open.length > 0) open[open.length - 1]!.story = true;
      }
    },
  );
  return out;
}

export function computeStats(root: DomNode, sections?: Set<DomNode>): StatsMap {
  const stats: StatsMap = new Map();
  const add = (to: DomNode, from: NodeStats) => {
    const s = stats.get(to);
    if (s) {
      s.text += from.text;
      s.link += from.link;
      s.commas += from.commas;
      s.paras += from.paras;
      s.prose += from.prose;
      s.articles += from.articles;
    } else stats.set(to, { ...from });
  };
  stats.set(root, { text: 0, link: 0, commas: 0, paras: 0, prose: 0, articles: 0 });
  walk(
    root,
    (n) => {
      if (isElement(n)) stats.set(n, { text: 0, link: 0, commas: 0, paras: 0, prose: 0, articles: 0 });
    },
    (n) => {
      let own: NodeStats;
      if (n.type === 'text') {
        const d = n.data ?? '';
        own = { text: textLength(d), link: 0, commas: d.match(COMMAS)?.length ?? 0, paras: 0, prose: 0, articles: 0 };
      } else if (isElement(n)) {
        own = stats.get(n)!;
        if (n.name === 'a') own.link = own.text;
        if (n.name === 'article' && !sections?.has(n)) own.articles += 1;
        if ((PROSE_TAGS.has(n.name) || (PROSE_DIVS.has(n.name) && !n.children.some(isBlockElement))) && own.text > 0) {
          own.paras += 1;
          // Nested prose blocks (p inside blockquote) are counted once.
          own.prose = own.text - own.link;
        }
      } else return;
      if (n.parent) add(n.parent, own);
    },
  );
  return stats;
}

export function linkDensity(s: NodeStats | undefined): number {
  return s && s.text > 0 ? Math.min(1, s.link / s.text) : 0;
}
