/**
 * `npm run eval:entity-ceiling`: for each issue-8 bar read at the document level, how far a finder
 * restricted to what the project may know could go. Every gold thing today's record misses is put
 * in one class (ceiling-classes.ts): its name is in a public list of the type (MISP galaxy clusters
 * and the project's gazetteers built from them), or a cue in the text introduces it ("dubbed X",
 * "X ransomware", "the X group", "researchers at X"), or the gold gives it another entity type, or
 * the gold span is a generic phrase, or (sectors) it names no CISA sector, or none of these.
 *
 * The ceiling recall counts found + list + cue; the ceiling F1 is read twice: with no false
 * positive at all, and charged for the false positives of today's record that are names of a
 * public list of the type the gold leaves unlabeled (a finder that knows the lists lists them too).
 * Today's false positives are split into classes as well. CEILING_SAMPLES=n prints n examples of
 * each class with their context, to check the classes by reading.
 */
import type { Mention } from '../../src/record/schema.js';
import { extractEntities } from '../../extractors/entities/index.js';
import { nameKey } from '../../extractors/data-build/lists.js';
import { gazetteers } from '../../extractors/entities/gazetteer.js';
import { annoctrDocumentRows, loadDocs, type Doc, type DocumentRow, type Entities } from './annoctr.js';
import { aptnerDocumentRows, countryPlaces } from './aptner.js';
import { classifyMiss, FP_CLASSES, MISS_CLASSES, publicLists, REACHABLE, type FpClass, type ListType, type MissClass } from './ceiling-classes.js';
import { documentThings, overlaps, prf, type GoldSpan, type PredEntity } from './score.js';

const SAMPLES = Number(process.env.CEILING_SAMPLES ?? 0);
const f = (x: number) => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));

interface Bar {
  row: string;
  type: ListType;
  /** 'F1' or 'recall', and the bar's value. */
  measure: 'F1' | 'recall';
  bar: number;
  /** Record lists of other entity types: a gold thing one of them covers is a type disagreement. */
  other: Array<keyof Entities>;
  /** List types a gold name may belong to instead. */
  otherTypes: ListType[];
}

const BARS: Record<'annoctr' | 'aptner', Bar[]> = {
  annoctr: [
    { row: 'apt_group', type: 'apt', measure: 'F1', bar: 0.9, other: ['malware', 'tools', 'companies', 'agencies', 'countries'], otherTypes: ['malware', 'org', 'country'] },
    { row: 'country', type: 'country', measure: 'F1', bar: 0.92, other: ['agencies', 'companies'], otherTypes: ['org'] },
    { row: 'malware + tools', type: 'malware', measure: 'F1', bar: 0.88, other: ['aptGroups', 'companies', 'agencies', 'countries'], otherTypes: ['apt', 'org', 'country'] },
    { row: 'ORG (recall)', type: 'org', measure: 'recall', bar: 0.85, other: ['malware', 'tools', 'countries', 'sectors', 'people'], otherTypes: ['malware', 'country'] },
    { row: 'sector', type: 'sector', measure: 'F1', bar: 0.7, other: ['agencies', 'companies', 'aptGroups', 'countries'], otherTypes: ['org'] },
  ],
  aptner: [
    { row: 'apt_group', type: 'apt', measure: 'F1', bar: 0.88, other: ['malware', 'tools', 'companies', 'agencies', 'countries'], otherTypes: ['malware', 'org', 'country'] },
    { row: 'malware + tools', type: 'malware', measure: 'F1', bar: 0.75, other: ['aptGroups', 'companies', 'agencies', 'countries'], otherTypes: ['apt', 'org', 'country'] },
    { row: 'security_team (recall)', type: 'org', measure: 'recall', bar: 0.85, other: ['aptGroups', 'malware', 'tools', 'people'], otherTypes: ['apt', 'malware', 'country'] },
  ],
};

interface Tally {
  things: number;
  found: number;
  misses: Record<MissClass, number>;
  tp: number;
  fp: number;
  fps: Record<FpClass, number>;
  missSamples: Partial<Record<MissClass, string[]>>;
  fpSamples: Partial<Record<FpClass, string[]>>;
}
const tally = (): Tally => ({
  things: 0,
  found: 0,
  misses: Object.fromEntries(MISS_CLASSES.map((c) => [c, 0])) as Record<MissClass, number>,
  tp: 0,
  fp: 0,
  fps: Object.fromEntries(FP_CLASSES.map((c) => [c, 0])) as Record<FpClass, number>,
  missSamples: {},
  fpSamples: {},
});

const context = (text: string, at: { start: number; end: number }) =>
  `${text.slice(Math.max(0, at.start - 60), at.start)}[${text.slice(at.start, at.end)}]${text.slice(at.end, at.end + 50)}`.replace(/\s+/g, ' ');
const sample = <K extends string>(list: Partial<Record<K, string[]>>, k: K, line: string) => (list[k] ??= []).push(line);

const demonymKeys = new Set(gazetteers().countries.flatMap((c) => c.demonyms).map(nameKey));

function fpClass(bar: Bar, p: PredEntity, d: Doc): FpClass {
  // AnnoCTR labels only country names as countries; "Chinese" is "other" LOC there, a convention before a type.
  if (bar.type === 'country' && p.mentions.every((m) => demonymKeys.has(nameKey(m.text)))) return 'demonym only';
  if (p.mentions.some((m) => d.entities.some((g) => overlaps(m, g)))) return 'gold labels another type';
  if (bar.type !== 'sector' && bar.type !== 'country' && publicLists().names[bar.type].has(nameKey(p.name))) return 'public-list name, unlabeled';
  // A country named outright that the gold leaves unlabeled (AnnoCTR labels some places "other").
  if (bar.type === 'country') return 'public-list name, unlabeled';
  return 'other';
}

function account(bar: Bar, r: DocumentRow, d: Doc, entities: Entities, t: Tally): void {
  const { things, tpP } = documentThings(r.gold, r.preds, r.key, r.agrees);
  t.tp += tpP;
  for (const p of r.preds) {
    if (r.gold.some((g) => r.agrees(p, g))) continue;
    t.fp++;
    const c = fpClass(bar, p, d);
    t.fps[c]++;
    sample(t.fpSamples, c, `${d.id.slice(0, 44)} ${p.name} :: ${context(d.text, p.mentions[0]!)}`);
  }
  const others = bar.other.flatMap((k) => (entities[k] as Array<{ mentions: Mention[] }>).flatMap((e) => e.mentions));
  for (const thing of things) {
    t.things++;
    if (thing.found) {
      t.found++;
      continue;
    }
    // A demonym inside the span ("Chinese" in "Chinese military") makes no other type of it.
    const otherHit = thing.spans.some((g: GoldSpan) => others.some((m) => overlaps(m, g) && !demonymKeys.has(nameKey(m.text))));
    const c = classifyMiss(bar.type, thing.spans, d.text, otherHit, bar.otherTypes);
    t.misses[c]++;
    sample(t.missSamples, c, `${d.id.slice(0, 44)} :: ${context(d.text, thing.spans[0]!)}`);
  }
}

function report(corpus: string, bars: Bar[], tallies: Tally[]): void {
  console.log(`\n${corpus}, document level: today, and a finder restricted to public lists and cues (ceiling)`);
  console.log('row                      bar     today   gold  found  +list  +cue  ceil R  ceil F1 (P=1 / P with gaps)   misses: other-type generic link not-CISA none');
  bars.forEach((bar, i) => {
    const t = tallies[i]!;
    const reach = t.found + [...REACHABLE].reduce((n, c) => n + t.misses[c], 0);
    const today = prf({ tp: t.tp, fp: bar.measure === 'recall' ? 0 : t.fp, fn: t.things - t.found, tpG: t.found });
    const r = reach / t.things;
    const gaps = t.fps['public-list name, unlabeled'];
    const pGaps = reach / (reach + gaps);
    const f1 = (p: number) => (2 * p * r) / (p + r);
    const todayValue = bar.measure === 'recall' ? today.r : today.f;
    const ceil = bar.measure === 'recall' ? `${f(r)}` : `${f(r)}  ${f(f1(1))} / ${f(f1(pGaps))}`;
    console.log(
      `${bar.row.padEnd(24)} ${bar.measure === 'recall' ? 'R' : 'F'}${bar.bar.toFixed(2)}  ${f(todayValue)}  ${String(t.things).padStart(5)} ${String(t.found).padStart(6)} ${String(t.misses['public list']).padStart(6)} ${String(t.misses['cue in the text']).padStart(5)}  ${ceil.padEnd(36)} ${t.misses['other entity type']} / ${t.misses['generic phrase']} / ${t.misses['inside a link']} / ${t.misses['not a CISA sector']} / ${t.misses['no list, no cue']}`,
    );
    if (bar.measure === 'F1') console.log(`${''.padEnd(26)}today's ${t.fp} false positives: ${FP_CLASSES.map((c) => `${c} ${t.fps[c]}`).join(', ')}`);
  });
  if (!SAMPLES) return;
  bars.forEach((bar, i) => {
    const t = tallies[i]!;
    for (const c of MISS_CLASSES) {
      const list = t.missSamples[c] ?? [];
      if (list.length) console.log(`\n  ${corpus} ${bar.row} miss, ${c} (${list.length}):\n    ${spread(list, SAMPLES).join('\n    ')}`);
    }
    for (const c of FP_CLASSES) {
      const list = t.fpSamples[c] ?? [];
      if (list.length && bar.measure === 'F1') console.log(`\n  ${corpus} ${bar.row} FP, ${c} (${list.length}):\n    ${spread(list, SAMPLES).join('\n    ')}`);
    }
  });
}

/** n examples spread evenly over the list (deterministic, not the first n of one document). */
const spread = (list: string[], n: number) => (list.length <= n ? list : Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)]!));

function run(corpus: 'annoctr' | 'aptner'): void {
  const docs = loadDocs(`${corpus}-train-dev.jsonl`);
  const bars = BARS[corpus];
  const tallies = bars.map(tally);
  for (const d of docs) {
    const { entities } = extractEntities(d.text, { referenceDate: corpus === 'annoctr' && d.publishedAt ? `${d.publishedAt}T12:00:00Z` : null });
    const rows = corpus === 'annoctr' ? annoctrDocumentRows(d, entities, (m) => demonymKeys.has(nameKey(m.text))) : aptnerDocumentRows(d, entities, countryPlaces(d));
    bars.forEach((bar, i) => account(bar, rows.find((r) => r.row === bar.row)!, d, entities, tallies[i]!));
  }
  report(corpus === 'annoctr' ? `AnnoCTR train+dev (${docs.length} documents)` : `APTNER train+dev (${docs.length} pseudo-documents)`, bars, tallies);
}

run('annoctr');
run('aptner');
console.log(
  '\n  list: a name inside the gold span is in a public list of the type; cue: the text introduces it by a cue phrase;' +
    '\n  other-type: the record or a public list gives it another entity type; generic: no name in the span (a common noun phrase,' +
    '\n  a format or protocol, or a sector word used as a modifier, "banking trojan"); link: the span is part of a URL or address;' +
    '\n  not-CISA: a sector in MISP\'s wider sense, none of CISA\'s 16; none: no list, no cue.',
);
