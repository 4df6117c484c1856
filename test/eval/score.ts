/**
 * Scoring helpers shared by eval:entities: counts, tables, error lists, and the two ways of
 * matching predictions to gold spans (every mention, or each distinct thing per document once).
 */
import type { Mention } from '../../src/record/schema.js';

/** Counts of one type. Document level counts the predicted and the gold side apart (tpP, tpG). */
export interface Score {
  tp: number;
  fp: number;
  fn: number;
  /** Gold things found, when it differs from `tp` (document level: one prediction may find two names). */
  tpG?: number;
  /** Only recall is meaningful (the prediction side belongs to a wider type). */
  recallOnly?: boolean;
  /** Only precision is meaningful (the gold side is wider than the type). */
  precisionOnly?: boolean;
}
export const score = (only?: 'recall' | 'precision'): Score => ({
  tp: 0,
  fp: 0,
  fn: 0,
  ...(only === 'recall' ? { recallOnly: true } : only === 'precision' ? { precisionOnly: true } : {}),
});

export function prf(s: Score): { p: number; r: number; f: number } {
  const tpG = s.tpG ?? s.tp;
  const p = s.recallOnly ? NaN : s.tp + s.fp ? s.tp / (s.tp + s.fp) : NaN;
  const r = s.precisionOnly ? NaN : tpG + s.fn ? tpG / (tpG + s.fn) : NaN;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : NaN };
}
const fmt = (x: number) => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));

export function printTable(title: string, rows: Record<string, Score>, note = ''): void {
  console.log(`\n${title}${note ? `  (${note})` : ''}`);
  console.log('type                   precision  recall     F1      tp    fp    fn');
  for (const [type, s] of Object.entries(rows)) {
    const { p, r, f } = prf(s);
    const tp = s.tpG !== undefined && s.tpG !== s.tp ? `${s.tp}/${s.tpG}` : String(s.tp);
    const fp = s.recallOnly ? '-' : String(s.fp);
    const fn = s.precisionOnly ? '-' : String(s.fn);
    console.log(
      `${type.padEnd(22)} ${fmt(p).padStart(9)} ${fmt(r).padStart(7)} ${fmt(f).padStart(7)} ${tp.padStart(7)}${fp.padStart(6)}${fn.padStart(6)}`,
    );
  }
}

/** Tallies of wrong predictions and missed gold names, printed most frequent first. */
export class ErrorLists {
  private readonly lists = new Map<string, Map<string, number>>();
  add(kind: string, text: string): void {
    const m = this.lists.get(kind) ?? new Map<string, number>();
    m.set(text, (m.get(text) ?? 0) + 1);
    this.lists.set(kind, m);
  }
  print(title: string, top: number): void {
    console.log(`\n${title}: top false positives and misses (name×documents)`);
    for (const [kind, m] of this.lists) {
      const list = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top);
      console.log(`  ${kind} (${m.size} distinct): ${list.map(([t, n]) => `${t}×${n}`).join(', ')}`);
    }
  }
}

export interface Span {
  start: number;
  end: number;
}
export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export interface GoldSpan extends Span {
  type: string;
  text: string;
  original_label: string;
  value?: string;
  code?: string;
}

/** A predicted entity as the record lists it: a display name, its mentions, a code or value. */
export interface PredEntity {
  name: string;
  mentions: Mention[];
  code?: string;
  value?: string;
}

/** Normalized name of a gold span: case, possessive and quotes do not matter. */
export const goldKey = (t: string) =>
  t
    .toLowerCase()
    .replace(/['’]s?$/, '')
    .replace(/^[“"']|[”"']$/g, '')
    .trim();

/**
 * Document level: each distinct thing once, as the record lists it. Gold spans are grouped by
 * `key` (their name; a code or value where the type has one); gold names that one predicted entity
 * covers together ("APT29" and "Cozy Bear" in one record entry) are one gold thing, since the
 * record lists them as one. A predicted entity is right when `agrees` with some gold span; a gold
 * thing is found when some predicted entity agrees with one of its spans.
 */
export function scoreDocument(
  gold: GoldSpan[],
  preds: PredEntity[],
  key: (g: GoldSpan) => string,
  agrees: (p: PredEntity, g: GoldSpan) => boolean,
  s: Score,
  errors: ErrorLists,
  label: string,
): void {
  const { things, tpP } = documentThings(gold, preds, key, agrees, (p) => {
    if (!s.recallOnly) errors.add(`${label} FP`, p.name);
  });
  let tpG = 0;
  for (const { spans, found } of things) {
    if (found) tpG++;
    else {
      s.fn++;
      if (!s.precisionOnly) errors.add(`${label} miss`, spans[0]!.text);
    }
  }
  s.tp += tpP;
  s.fp += preds.length - tpP;
  s.tpG = (s.tpG ?? 0) + tpG;
}

/** One gold thing of a document (its spans, all names of it) and whether a prediction agrees with one of them. */
export interface GoldThing {
  spans: GoldSpan[];
  found: boolean;
}

/** The gold things of one document as scoreDocument counts them, and how many predictions are right. */
export function documentThings(
  gold: GoldSpan[],
  preds: PredEntity[],
  key: (g: GoldSpan) => string,
  agrees: (p: PredEntity, g: GoldSpan) => boolean,
  onWrong: (p: PredEntity) => void = () => {},
): { things: GoldThing[]; tpP: number } {
  const groups = new Map<string, GoldSpan[]>();
  for (const g of gold) groups.set(key(g), [...(groups.get(key(g)) ?? []), g]);
  const keys = [...groups.keys()];
  const parent = new Map(keys.map((k) => [k, k]));
  const root = (k: string): string => (parent.get(k) === k ? k : root(parent.get(k)!));
  let tpP = 0;
  for (const p of preds) {
    const hit = keys.filter((k) => groups.get(k)!.some((g) => agrees(p, g)));
    if (hit.length) tpP++;
    else onWrong(p);
    for (const k of hit.slice(1)) parent.set(root(k), root(hit[0]!));
  }
  const things = new Map<string, GoldSpan[]>();
  for (const k of keys) things.set(root(k), [...(things.get(root(k)) ?? []), ...groups.get(k)!]);
  return { things: [...things.values()].map((spans) => ({ spans, found: preds.some((p) => spans.some((g) => agrees(p, g))) })), tpP };
}

/** Mention level: every predicted mention and every gold span, matched by `agrees`. */
export function scoreMentions(
  gold: GoldSpan[],
  preds: Array<Mention & { code?: string; value?: string }>,
  agrees: (p: Mention & { code?: string; value?: string }, g: GoldSpan) => boolean,
  s: Score,
): void {
  for (const p of preds) {
    if (gold.some((g) => agrees(p, g))) s.tp++;
    else s.fp++;
  }
  for (const g of gold) if (!preds.some((p) => agrees(p, g))) s.fn++;
}
