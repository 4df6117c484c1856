/**
 * The article-extraction benchmark's metric: 4-token shingles compared as multisets,
 * normalized per page so every page weighs the same, then P/R means and F1 of the means.
 */

/** Python's `\w+` with re.UNICODE: letters, numbers and the underscore (combining marks are not `\w`). */
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;
export const SHINGLE_SIZE = 4;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/** All overlapping n-token shingles as a multiset; a text shorter than n is one shingle of all its tokens. */
export function shingles(text: string, n = SHINGLE_SIZE): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    // \u0001 cannot occur inside a token, so joined keys never collide.
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  /** Normalized so tp + fp + fn = 1 (all zero when both texts are empty). */
  tp: number;
  fp: number;
  fn: number;
}

export function scorePage(gold: string, predicted: string): PageScore {
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, gc] of g) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(gc, pc);
    fn += Math.max(0, gc - pc);
  }
  for (const [key, pc] of p) fp += Math.max(0, pc - (g.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp: 0, fp: 0, fn: 0 };
}

export function pagePrecision({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function pageRecall({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export interface Metrics {
  precision: number;
  recall: number;
  f1: number;
  /** Share of pages whose token list equals the gold token list exactly. */
  accuracy: number;
  pages: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Score many pages: precision over pages that predicted something, recall over pages with a gold body. */
export function scorePages(pairs: Array<{ gold: string; predicted: string }>): Metrics {
  const scores = pairs.map((p) => scorePage(p.gold, p.predicted));
  const precision = mean(scores.filter((s) => s.tp + s.fp > 0).map(pagePrecision));
  const recall = mean(scores.filter((s) => s.tp + s.fn > 0).map(pageRecall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const exact = pairs.filter((p) => tokenize(p.gold).join(' ') === tokenize(p.predicted).join(' ')).length;
  return { precision, recall, f1, accuracy: pairs.length ? exact / pairs.length : 0, pages: pairs.length };
}

/** F1 of one page, for ranking the worst pages. */
export function pageF1(score: PageScore): number {
  const p = pagePrecision(score);
  const r = pageRecall(score);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}
