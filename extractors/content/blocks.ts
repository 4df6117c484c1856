/**
 * Features of each paragraph the rules chose (length, links, punctuation, function words, tag,
 * position, place in the tree) for a learned block model: a logistic regression that would drop
 * the paragraphs it judges furniture. `npm run train:content` trains and cross-validates it over
 * both dev sets; it does not beat the rules out of fold yet, so extractContent does not use it.
 */
import { isElement, type DomElement } from './dom.js';
import { boilerplateHint } from './hints.js';
import type { TextBlock } from './text.js';

export interface BlockModel {
  /** Feature names, in the order of `weights` (a check that data and code agree). */
  features: string[];
  weights: number[];
  bias: number;
  /** A block whose probability of being article text is below this is dropped. */
  threshold: number;
}

/** Function words of English (most of both dev sets): prose has many, menus and labels few. */
const STOPWORDS = new Set(
  'a an the and or but of to in on at for with by from as is are was were be been it its this that these those he she they we you i not no can will would has have had do does did their our your his her which who what when where how if than then so also into about over after more most such there'.split(' '),
);
const SENTENCE_END = /[.!?:;"”’)…]$/;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export const FEATURES = [
  'logChars', 'linkDensity', 'sentenceEnd', 'commaRate', 'stopwordShare', 'capitalShare', 'digitShare',
  'tagP', 'tagHeading', 'tagLi', 'tagTable', 'tagPre', 'tagQuote', 'position', 'inFirst3', 'inLast3',
  'inMainParent', 'depthOff', 'hintedAncestor', 'prevShort', 'nextShort', 'shortLine', 'blockShare',
  'repeated', 'secondPerson', 'urlShare',
] as const;
const SECOND_PERSON = new Set(['you', 'your', 'yours', "you're", 'us', 'our']);

function tagOf(b: TextBlock): string {
  return b.el?.name ?? 'div';
}

/** The element that holds most of the text's blocks as direct children's parent: the article's main column. */
function mainParent(blocks: TextBlock[]): DomElement | null {
  const chars = new Map<DomElement, number>();
  for (const b of blocks) {
    const p = b.el?.parent;
    if (p && isElement(p)) chars.set(p, (chars.get(p) ?? 0) + b.text.length);
  }
  let best: DomElement | null = null;
  let most = 0;
  for (const [el, n] of chars) if (n > most) [best, most] = [el, n];
  return best;
}

/** Any generic furniture hint (comments, share, related...) on the ancestors within `levels`. */
function hintedAncestor(el: DomElement | null, levels: number): boolean {
  let n: DomElement | null = el;
  for (let i = 0; n && i < levels; i++) {
    if (boilerplateHint(n)) return true;
    n = n.parent && isElement(n.parent) ? n.parent : null;
  }
  return false;
}

/** Feature vectors for the blocks of one page, in FEATURES order. */
export function blockFeatures(blocks: TextBlock[]): number[][] {
  const n = blocks.length;
  const main = mainParent(blocks);
  const depths = blocks.map((b) => b.depth).sort((a, b) => a - b);
  const medianDepth = depths[Math.floor(n / 2)] ?? 0;
  const total = blocks.reduce((s, b) => s + b.text.length, 0) || 1;
  const seen = new Map<string, number>();
  for (const b of blocks) seen.set(b.text, (seen.get(b.text) ?? 0) + 1);
  return blocks.map((b, i) => {
    const t = b.text;
    const words = t.match(/[\p{L}\p{N}']+/gu) ?? [];
    const wc = Math.max(1, words.length);
    const tag = tagOf(b);
    const short = (x: TextBlock | undefined) => (x && x.text.length < 40 ? 1 : 0);
    return [
      Math.log1p(t.length) / 8,
      Math.min(1, b.linkChars / Math.max(1, t.length)),
      SENTENCE_END.test(t) ? 1 : 0,
      Math.min(1, ((t.match(/,/g)?.length ?? 0) / wc) * 5),
      words.filter((w) => STOPWORDS.has(w.toLowerCase())).length / wc,
      words.filter((w) => /^\p{Lu}/u.test(w)).length / wc,
      Math.min(1, (t.match(/\p{N}/gu)?.length ?? 0) / Math.max(1, t.length) * 5),
      tag === 'p' ? 1 : 0,
      HEADINGS.has(tag) ? 1 : 0,
      tag === 'li' || tag === 'dd' || tag === 'dt' ? 1 : 0,
      tag === 'table' || tag === 'tr' || tag === 'td' || tag === 'th' ? 1 : 0,
      tag === 'pre' ? 1 : 0,
      tag === 'blockquote' ? 1 : 0,
      n > 1 ? i / (n - 1) : 0,
      i < 3 ? 1 : 0,
      i >= n - 3 ? 1 : 0,
      main && b.el?.parent === main ? 1 : 0,
      Math.min(1, Math.abs(b.depth - medianDepth) / 5),
      hintedAncestor(b.el, 6) ? 1 : 0,
      short(blocks[i - 1]),
      short(blocks[i + 1]),
      t.length < 40 && !SENTENCE_END.test(t) ? 1 : 0,
      Math.min(1, (t.length / total) * 10),
      (seen.get(t) ?? 0) > 1 && t.length > 20 ? 1 : 0,
      Math.min(1, (words.filter((w) => SECOND_PERSON.has(w.toLowerCase())).length / wc) * 10),
      Math.min(1, ((t.match(/https?:\/\/\S+/g) ?? []).join('').length / Math.max(1, t.length)) * 2),
    ];
  });
}

export function probability(model: BlockModel, x: number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += (model.weights[i] ?? 0) * x[i]!;
  return 1 / (1 + Math.exp(-z));
}
