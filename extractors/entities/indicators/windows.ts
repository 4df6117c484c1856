/**
 * Where indicators can be: the few stretches of an article that hold a mark inside a token (a
 * dot, bracket, '@', backslash or colon between two non-space characters), a spaced defang
 * (" . ", "[at]") or a long token (a hash, a wallet). The full patterns run on those
 * stretches only: prose is most of a page, and scanning all of it with every pattern cost more
 * than the rest of the entity step.
 */

/**
 * Two plain scans (a pattern that starts with a class of common characters costs the regex engine
 * an attempt at every position; these start on rare characters): the marks, and long tokens.
 */
const MARK = /[.@\\:[\](){}]/g;
const LONG = /\s\S{26}/g;

export interface Window {
  start: number;
  end: number;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;

/** Start of the token before the one holding `i` (one token of context: "evil . com", "http:// host"). */
function leftEdge(text: string, i: number): number {
  let j = i;
  while (j > 0 && !isSpace(text.charCodeAt(j - 1))) j--;
  while (j > 0 && isSpace(text.charCodeAt(j - 1))) j--;
  while (j > 0 && !isSpace(text.charCodeAt(j - 1))) j--;
  return j;
}

function tokenEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
  return j;
}

function rightEdge(text: string, i: number): number {
  let j = i;
  const n = text.length;
  while (j < n && !isSpace(text.charCodeAt(j))) j++;
  while (j < n && isSpace(text.charCodeAt(j))) j++;
  while (j < n && !isSpace(text.charCodeAt(j))) j++;
  return j;
}

/** Positions worth a look: a mark inside a token, a spaced defang, or the start of a long token. */
function hotPositions(text: string): number[] {
  const hot: number[] = [];
  MARK.lastIndex = 0;
  for (let m = MARK.exec(text); m; m = MARK.exec(text)) {
    const i = m.index;
    const before = i > 0 && !isSpace(text.charCodeAt(i - 1));
    const after = i + 1 < text.length && !isSpace(text.charCodeAt(i + 1));
    if ((before && after) || (m[0] === '.' && !before && !after && i > 0) || ((m[0] === '[' || m[0] === '(') && /^at[\])]/i.test(text.slice(i + 1, i + 4)))) hot.push(i);
  }
  LONG.lastIndex = 0;
  for (let m = LONG.exec(text); m; m = LONG.exec(text)) hot.push(m.index + 1);
  if (/^\S{26}/.test(text)) hot.push(0);
  return hot.sort((a, b) => a - b);
}

/** Stretches of `text` to scan, in order, merged where they touch. */
export function candidateWindows(text: string): Window[] {
  const out: Window[] = [];
  let skipTo = -1;
  for (const at of hotPositions(text)) {
    // Further marks in a token already taken add nothing (linear in the text, however long a token).
    if (at < skipTo) continue;
    skipTo = tokenEnd(text, at);
    const end = rightEdge(text, at);
    const start = leftEdge(text, at);
    const last = out.at(-1);
    if (last && start <= last.end + 1) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  return out;
}
