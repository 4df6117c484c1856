/**
 * Serializes the chosen container to text by the project's convention: one paragraph per
 * block (p, heading, list item, quote, pre, data-table row with " | "), blank line between.
 */
import { SMALL_BLOCK_NODES, collapse, isElement, textOf, textWithin, walk, type DomElement, type DomNode } from './dom.js';
import { BIO_START, BOILERPLATE_LINE, CONSENT_LINE, MAX_BIO_CHARS, CREDIT_LINE, MAX_TRAILER_CHARS, TEASER_LINE, TRAILER_LINE } from './hints.js';
import { linkDensity, type StatsMap } from './stats.js';

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'header', 'footer', 'aside',
  'nav', 'figure', 'figcaption', 'address', 'hr', 'center', 'form', 'fieldset', 'details', 'summary', 'body', 'html',
]);
const TABLE_BLOCKS = new Set(['p', 'div', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'section', 'article']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Link-heavy containers past this share of link text are lists of other stories. */
export const MAX_LINK_DENSITY = 0.5;
/** A paragraph or list item that is (almost) all link. */
export const TEASER_LINK_DENSITY = 0.8;

export interface SerializeOptions {
  stats: StatsMap;
  title: string | null;
  /** Elements that held an image or video before cleaning. */
  mediaHolders?: Set<DomNode>;
}

/** A list whose every item links elsewhere, with this much link text, is a "more stories" list. */
export const LINKED_LIST_DENSITY = 0.3;
const MIN_LINKED_ITEMS = 3;

function isLinkInEveryItem(list: DomElement, stats: StatsMap): boolean {
  const items = list.children.filter((c): c is DomElement => isElement(c) && c.name === 'li');
  return items.length >= MIN_LINKED_ITEMS && items.every((li) => (stats.get(li)?.link ?? 0) > 0);
}

/** A short block that is mostly a <time> is the dateline ("Updated Nov. 14, 2024"). */
export const MAX_DATELINE_CHARS = 100;
const MAX_NON_DATE_CHARS = 30;

function isDateline(el: DomElement): boolean {
  let timeText = -1;
  let seen = 0;
  walk(el, (n) => {
    if (++seen > SMALL_BLOCK_NODES) return false;
    if (isElement(n) && n.name === 'time') {
      timeText = Math.max(0, timeText) + collapse(textOf(n)).length;
      return false;
    }
  });
  if (timeText < 0) return false;
  const all = collapse(textWithin(el, SMALL_BLOCK_NODES) ?? '').length;
  return all - timeText <= MAX_NON_DATE_CHARS;
}

/** Captions are short; a longer block beside an image is body text. */
export const MAX_CAPTION_CHARS = 150;
const MAX_SIBLINGS_SCANNED = 500;
const CAPTION_TAGS = new Set(['div', 'span', 'em', 'i', 'small', 'section', 'center', 'font', 'dl', 'dd', 'dt']);

/** A short non-paragraph block holding an image, or right after an image-only block, is its caption. */
function isCaption(el: DomElement, opts: SerializeOptions, textLen: number): boolean {
  const media = opts.mediaHolders;
  if (!media || media.size === 0 || !CAPTION_TAGS.has(el.name) || textLen > MAX_CAPTION_CHARS) return false;
  if (media.has(el)) return true;
  const siblings = el.parent?.children;
  // indexOf is linear: skip the sibling check in huge flat lists so the pass stays linear.
  if (!siblings || siblings.length > MAX_SIBLINGS_SCANNED) return false;
  const i = siblings.indexOf(el);
  for (let j = i - 1; j >= 0; j--) {
    const prev = siblings[j]!;
    if ((prev.type === 'text' && !(prev.data ?? '').trim()) || (isElement(prev) && prev.name === 'br')) continue;
    return isElement(prev) && media.has(prev) && (opts.stats.get(prev)?.text ?? 0) === 0;
  }
  return false;
}

/** A data table holds only inline content in its cells; anything else is page layout. */
function isDataTable(table: DomElement): boolean {
  let data = true;
  walk(table, (n) => {
    if (!data) return false;
    if (isElement(n) && TABLE_BLOCKS.has(n.name)) data = false;
  });
  return data;
}

function tableRows(table: DomElement): string[] {
  const rows: string[] = [];
  walk(table, (n) => {
    if (!isElement(n) || n.name !== 'tr') return;
    const cells = n.children.filter((c): c is DomElement => isElement(c) && (c.name === 'td' || c.name === 'th'));
    const texts = cells.map((c) => collapse(textOf(c))).filter(Boolean);
    if (texts.length) rows.push(texts.join(' | '));
    return false;
  });
  return rows;
}

const normTitle = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Inside the article: blocks that are still furniture (link lists, headline, "Advertisement"). */
function isNoise(el: DomElement, opts: SerializeOptions, title: string): boolean {
  const s = opts.stats.get(el);
  if (!s || s.text === 0) return false;
  if (el.name === 'h1') return true;
  if (HEADINGS.has(el.name) && title && s.text <= title.length + 10) {
    const t = textWithin(el, SMALL_BLOCK_NODES);
    if (t !== null && normTitle(t) === title) return true;
  }
  if (isCaption(el, opts, s.text)) return true;
  if (s.text < MAX_DATELINE_CHARS && isDateline(el)) return true;
  const ld = linkDensity(s);
  if (el.name !== 'p' && el.name !== 'a' && !HEADINGS.has(el.name) && BLOCK.has(el.name) && ld > MAX_LINK_DENSITY) return true;
  if ((el.name === 'ul' || el.name === 'ol') && ld > LINKED_LIST_DENSITY && isLinkInEveryItem(el, opts.stats)) return true;
  // A paragraph that is all link is a teaser for another story.
  // (A list item may be all link and still be body: lists are judged as a whole above.)
  if (el.name === 'p' && ld >= TEASER_LINK_DENSITY) return true;
  if (s.text < 250 && BLOCK.has(el.name)) {
    const raw = textWithin(el, SMALL_BLOCK_NODES);
    const t = raw === null ? '' : collapse(raw);
    if ((BOILERPLATE_LINE.test(t) && t.length < 60) || TEASER_LINE.test(t) || CREDIT_LINE.test(t) || CONSENT_LINE.test(t)) return true;
  } else if (s.text < MAX_CONSENT_CHARS && BLOCK.has(el.name)) {
    // Consent small print runs long (message rates, opt-out terms) and still opens with its cue.
    const raw = textWithin(el, SMALL_BLOCK_NODES);
    if (raw !== null && CONSENT_LINE.test(collapse(raw))) return true;
  }
  return false;
}

/** Consent small print is checked on blocks up to this long. */
export const MAX_CONSENT_CHARS = 1000;

/** One paragraph of the serialized article and where it came from (features for the block model). */
export interface TextBlock {
  text: string;
  /** The innermost block element that held it (the table for data-table rows). */
  el: DomElement | null;
  /** Characters of it inside links. */
  linkChars: number;
  /** Block elements open around it, counted from the serialized roots. */
  depth: number;
}

export function serializeBlocks(nodes: DomNode[], opts: SerializeOptions): TextBlock[] {
  const blocks: TextBlock[] = [];
  let buf: string[] = [];
  let linkChars = 0;
  let brs = 0;
  let inLink = 0;
  const open: DomElement[] = [];
  const title = opts.title ? normTitle(opts.title) : '';
  const flush = () => {
    if (buf.length) {
      const p = collapse(buf.join(''));
      if (p) blocks.push({ text: p, el: open[open.length - 1] ?? null, linkChars: Math.min(linkChars, p.length), depth: open.length });
      buf = [];
    }
    linkChars = 0;
    brs = 0;
  };
  for (const root of nodes) {
    const visit = (n: DomNode): boolean | void => {
      if (n.type === 'text') {
        const d = n.data ?? '';
        buf.push(d);
        if (inLink > 0) linkChars += collapse(d).length;
        if (/\S/.test(d)) brs = 0;
        return;
      }
      if (!isElement(n)) return false;
      if (isNoise(n, opts, title)) return false;
      if (n.name === 'br') {
        if (++brs >= 2) flush();
        else buf.push(' ');
        return;
      }
      if (n.name === 'table' && isDataTable(n)) {
        flush();
        for (const row of tableRows(n)) blocks.push({ text: row, el: n, linkChars: 0, depth: open.length + 1 });
        return false;
      }
      if (n.name === 'a') inLink++;
      if (BLOCK.has(n.name)) {
        flush();
        open.push(n);
      } else if (n.name === 'td' || n.name === 'th') buf.push(' ');
    };
    const leave = (n: DomNode) => {
      if (!isElement(n)) return;
      if (n.name === 'a') inLink = Math.max(0, inLink - 1);
      if (BLOCK.has(n.name)) {
        flush();
        if (open[open.length - 1] === n) open.pop();
      }
    };
    if (visit(root) !== false && root.children && root.children.length > 0) walk(root, visit, leave);
    leave(root);
    flush();
    open.length = 0;
    inLink = 0;
  }
  dropClosingBio(blocks);
  // Bios and "follow me" plugs close a story; the same words mid-story are body text.
  for (let i = 0; i < 3 && blocks.length > 1; i++) {
    const last = blocks[blocks.length - 1]!.text;
    if (last.length > MAX_TRAILER_CHARS || !(TRAILER_LINE.test(last) || CREDIT_LINE.test(last))) break;
    blocks.pop();
  }
  return blocks;
}

/**
 * An author bio closing the story: a paragraph among the last few that opens "<Full Name> is
 * the <role>..." and the paragraphs after it, when every one of them names the person again
 * (first name or a pronoun) and all are short together.
 */
function dropClosingBio(blocks: TextBlock[]): void {
  const from = Math.max(1, blocks.length - 4);
  for (let i = from; i < blocks.length; i++) {
    const m = BIO_START.exec(blocks[i]!.text);
    if (!m) continue;
    const tail = blocks.slice(i);
    const first = m[1]!;
    const namesAgain = new RegExp(`\\b(${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|she|he|they|her|his|their)\\b`, 'i');
    if (tail.reduce((n, b) => n + b.text.length, 0) > MAX_BIO_CHARS) continue;
    if (tail.slice(1).every((b) => namesAgain.test(b.text))) {
      blocks.length = i;
      return;
    }
  }
}

export const joinBlocks = (blocks: TextBlock[]): string => blocks.map((b) => b.text).join('\n\n');

export function serialize(nodes: DomNode[], opts: SerializeOptions): string {
  return joinBlocks(serializeBlocks(nodes, opts));
}
