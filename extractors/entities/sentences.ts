/**
 * Sentence splitter returning offsets into the text: relations need the one sentence that
 * states them, and date/people rules look at sentence context. Rule-based and linear.
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * Words that end in a period without ending a sentence. "U.S." and the like are caught by
 * the dotted-acronym rule; these are the titles, corporate suffixes and month abbreviations.
 */
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'lt', 'col', 'capt', 'cmdr', 'adm', 'sgt',
    'sen', 'rep', 'gov', 'pres', 'hon', 'rev', 'inc', 'corp', 'ltd', 'co', 'bros', 'llc', 'plc', 'no', 'nos',
    'vs', 'v', 'etc', 'approx', 'dept', 'est', 'fig', 'vol', 'ver', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
    'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun',
  ],
);

/** Abbreviations after which a capitalized word usually does start a new sentence. */
const SENTENCE_FINAL_ABBREVIATIONS = new Set(['etc', 'inc', 'corp', 'ltd', 'co', 'llc', 'plc']);

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);
const OPENERS = /["'“‘(\[«]/;

/** The word (letters and inner dots) that ends right before `dot`. */
function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1]!)) i--;
  return text.slice(i, dot);
}

/** Decide whether the terminator at `at` (a '.', '!' or '?') ends a sentence. */
function endsSentence(text: string, at: number, next: number): boolean {
  const ch = text[at];
  if (next >= text.length) return true;
  const following = text[next]!;
  // The next sentence starts with a capital, a digit or an opening quote/bracket.
  if (!/[\p{Lu}\p{N}]/u.test(following) && !OPENERS.test(following)) return false;
  if (ch !== '.') return true;
  const word = wordBefore(text, at);
  if (word === '') return true;
  // Initials and dotted acronyms: "John F. Kennedy", "U.S.", "U.K.", "e.g."; not the "T" of "AT&T".
  const standalone = /[\s"'“‘(\[]/.test(text[at - word.length - 1] ?? ' ');
  if (standalone && (/^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word))) return false;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return SENTENCE_FINAL_ABBREVIATIONS.has(lower) && /[\p{Lu}]/u.test(following) && isLikelySentenceStart(text, next);
  return true;
}

/** After "Inc." a new sentence starts with a function word like "The" or "It", not a name. */
function isLikelySentenceStart(text: string, at: number): boolean {
  return /^(?:The|A|An|It|This|That|These|Those|In|On|At|But|And|However|He|She|They|We|I)\b/.test(text.slice(at, at + 10));
}

/**
 * Split `text` into sentences. Blank lines and line breaks always end a sentence (the content
 * step joins paragraphs with a blank line); offsets exclude surrounding whitespace.
 *
 * @example
 * splitSentences('The U.S. said so. Dr. Smith agreed.') // two spans
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    // Swallow repeated terminators ("?!", "...") and closing quotes/brackets.
    let end = i + 1;
    while (end < text.length && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end++;
    while (end < text.length && CLOSERS.has(text[end]!)) end++;
    // Needs whitespace after it: decimals (3.5), versions (1.2.3) and domains (cisa.gov) stay whole.
    if (end < text.length && !/\s/.test(text[end]!)) {
      i = end - 1;
      continue;
    }
    let next = end;
    while (next < text.length && text[next] !== '\n' && /\s/.test(text[next]!)) next++;
    if (next < text.length && text[next] === '\n') {
      i = end - 1;
      continue; // the line break ends it
    }
    if (endsSentence(text, i, next)) {
      push(end);
      start = end;
    }
    i = end - 1;
  }
  push(text.length);
  return spans;
}

/** Index of the sentence containing offset `pos` (binary search), or -1. */
export function sentenceIndexAt(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
