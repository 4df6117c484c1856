/**
 * `npm run eval:entities`: per-type precision, recall and F1 of the entity extractor on AnnoCTR
 * (../shared/datasets/entities-dev) and on the samples' expected records.
 *
 * Matching rules:
 * - AnnoCTR is scored per MENTION (the headline table, the one the issue's bars are read from):
 *   AnnoCTR annotates spans, every occurrence of a name, so mentions are what the data supports.
 *   A predicted mention counts when it overlaps a gold span of the same type (overlap, not exact
 *   offsets: gold spans sometimes include "Group", a possessive or a quote our names leave out, or
 *   the reverse). Countries must also agree on the ISO code; dates on the value (gold dates without
 *   a value are left out). AnnoCTR labels only country NAMES as countries (demonyms like "Russian"
 *   are "other" LOC), so predicted demonym mentions are neither credited nor charged. Gold ORG
 *   (agencies and companies together) is scored for recall against agencies + companies + groups;
 *   its precision line counts agency and company mentions that hit no ORG or GROUP span.
 *   The annotation has gaps (a name labelled in prose but not in a table or heading nearby, the
 *   ransomware "DarkSide" labelled a group), which the mention score charges as errors.
 * - An ENTITY-level AnnoCTR table is printed too: per document, each distinct gold name (code for
 *   countries, value for dates) is one gold entity; see scoreEntities. It weighs a name seen once
 *   as much as one seen forty times, and spelling variants ("Cobalt group", "Cobalt Group") apart.
 * - Samples are scored per ENTITY, as the expected records list entities: an expected entity is
 *   found when a predicted one of the same type carries its name (name, fullName or an alias;
 *   case-insensitive; countries by code, dates by value and text, CVEs by id).
 *
 * Run with --verbose to list the most frequent misses.
 */
import { readFileSync } from 'node:fs';
import { extractEntities } from '../../extractors/entities/index.js';
import { findPackageRoot, loadGazetteers } from '../../extractors/entities/gazetteer.js';
import { nameKey } from '../../extractors/data-build/lists.js';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import type { Entities, Mention } from '../../src/record/schema.js';
import { extractSample, listSamples, type Expected } from '../helpers/samples.js';

const ROOT = findPackageRoot();
const ANNOCTR = sharedPath('datasets', 'entities-dev', 'annoctr-train-dev.jsonl');
const VERBOSE = process.argv.includes('--verbose');

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
const score = (): Score => ({ tp: 0, fp: 0, fn: 0 });
const prf = (s: Score) => {
  const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : NaN;
  const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : NaN;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : NaN };
};
const fmt = (x: number) => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));

function printTable(title: string, rows: Record<string, Score>, note = ''): void {
  console.log(`\n${title}${note ? `  (${note})` : ''}`);
  console.log('type                precision  recall     F1      tp    fp    fn');
  for (const [type, s] of Object.entries(rows)) {
    const { p, r, f } = prf(s);
    console.log(
      `${type.padEnd(19)} ${fmt(p).padStart(9)} ${fmt(r).padStart(7)} ${fmt(f).padStart(7)} ${String(s.tp).padStart(6)}${String(s.fp).padStart(6)}${String(s.fn).padStart(6)}`,
    );
  }
}

// ---------- AnnoCTR, mention level ----------

interface GoldSpan {
  type: string;
  text: string;
  start: number;
  end: number;
  original_label: string;
  value?: string;
  code?: string;
}
interface Doc {
  id: string;
  publishedAt: string | null;
  text: string;
  entities: GoldSpan[];
}
interface Pred extends Mention {
  code?: string;
  value?: string;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function evalAnnoctr(): void {
  const docs = readFileSync(ANNOCTR, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Doc);
  const g = loadGazetteers(ROOT);
  const demonyms = new Set(g.countries.flatMap((c) => c.demonyms ?? []).map(nameKey));
  // 'date, no durations' scores the same gold without our duration predictions ("at least five
  // years" -> P5Y): AnnoCTR resolves no duration to a value, so each one counts as a false positive.
  const rows: Record<string, Score> = { apt_group: score(), malware: score(), country: score(), date: score(), 'date, no durations': score(), sector: score() };
  const goldType = (type: string) => (type === 'date, no durations' ? 'date' : type);
  const org = score();
  const ent: Record<string, Score> = { apt_group: score(), malware: score(), country: score(), date: score(), sector: score() };
  const entOrg = score();
  const misses: Record<string, Map<string, number>> = {};
  const miss = (kind: string, text: string) => {
    const m = (misses[kind] ??= new Map());
    m.set(text, (m.get(text) ?? 0) + 1);
  };
  let ms = 0;
  for (const doc of docs) {
    const t0 = performance.now();
    const { entities } = extractEntities(doc.text, { referenceDate: doc.publishedAt ? `${doc.publishedAt}T12:00:00Z` : null });
    ms += performance.now() - t0;
    const preds: Record<string, Pred[]> = {
      apt_group: entities.aptGroups.flatMap((e) => e.mentions),
      malware: entities.malware.flatMap((e) => e.mentions),
      country: entities.countries.flatMap((e) => e.mentions.filter((m) => !demonyms.has(nameKey(m.text))).map((m) => ({ ...m, code: e.code }))),
      date: entities.dates.flatMap((e) => e.mentions.map((m) => ({ ...m, value: e.value }))),
      'date, no durations': entities.dates
        .filter((e) => e.granularity !== 'duration')
        .flatMap((e) => e.mentions.map((m) => ({ ...m, value: e.value }))),
      sector: entities.sectors.flatMap((e) => e.mentions),
    };
    for (const type of Object.keys(rows)) {
      let gold = doc.entities.filter((e) => e.type === goldType(type));
      let pred = preds[type]!;
      if (goldType(type) === 'date') {
        // Only dates the annotators resolved can be checked for their value.
        const unresolved = gold.filter((e) => !e.value);
        gold = gold.filter((e) => e.value);
        pred = pred.filter((p) => !unresolved.some((u) => overlaps(u, p)));
      }
      const agrees = (p: Pred, e: GoldSpan) =>
        overlaps(p, e) && (type !== 'country' || p.code === e.code) && (goldType(type) !== 'date' || p.value === e.value);
      for (const p of pred) {
        if (gold.some((e) => agrees(p, e))) rows[type]!.tp++;
        else {
          rows[type]!.fp++;
          miss(`${type} FP`, p.text);
        }
      }
      for (const e of gold) {
        if (!pred.some((p) => agrees(p, e))) {
          rows[type]!.fn++;
          miss(`${type} FN`, e.text);
        }
      }
    }
    scoreEntities(doc, entities, demonyms, ent, entOrg);
    const orgPred = [...entities.agencies, ...entities.companies, ...entities.aptGroups].flatMap((e) => e.mentions);
    for (const e of doc.entities.filter((x) => x.original_label === 'ORG')) {
      if (orgPred.some((p) => overlaps(p, e))) org.tp++;
      else {
        org.fn++;
        miss('ORG FN', e.text);
      }
    }
    // Precision of agencies + companies where the gold has any label: ORG or GROUP spans count as right.
    for (const p of [...entities.agencies, ...entities.companies].flatMap((e) => e.mentions)) {
      if (doc.entities.some((e) => (e.original_label === 'ORG' || e.type === 'apt_group') && overlaps(p, e))) continue;
      org.fp++;
      miss('ORG FP', p.text);
    }
  }
  printTable(`AnnoCTR train+dev: ${docs.length} documents, mention level`, { ...rows, ORG: org }, `extractEntities ${(ms / docs.length).toFixed(1)} ms/doc`);
  printTable(`AnnoCTR train+dev: ${docs.length} documents, entity level (distinct things per document)`, { ...ent, ORG: entOrg });
  if (VERBOSE) {
    for (const [kind, m] of Object.entries(misses)) {
      const top = [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
      console.log(`  ${kind}: ${top.map(([t, n]) => `${t}×${n}`).join(', ')}`);
    }
  }
}

/** Normalized name of a gold span: case, possessive and quotes do not matter. */
const goldKey = (t: string) => t.toLowerCase().replace(/['’]s$/, '').replace(/^[“"']|[”"']$/g, '').trim();

/**
 * Entity level: per document, the distinct gold names of a type (codes for countries, values for
 * dates) against the record's entities. A predicted entity is right when one of its mentions
 * overlaps a gold span of its type (countries: same code; dates: same value); a gold name is found
 * when one of its spans is overlapped by a predicted mention of the type. Entities whose every
 * mention is a demonym are out of AnnoCTR's scope and not scored.
 */
function scoreEntities(doc: Doc, entities: Entities, demonyms: Set<string>, rows: Record<string, Score>, org: Score): void {
  type PredEntity = { mentions: Mention[]; code?: string; value?: string };
  const preds: Record<string, PredEntity[]> = {
    apt_group: entities.aptGroups,
    malware: entities.malware,
    country: entities.countries
      .map((e) => ({ code: e.code, mentions: e.mentions.filter((m) => !demonyms.has(nameKey(m.text))) }))
      .filter((e) => e.mentions.length),
    date: entities.dates.map((e) => ({ value: e.value, mentions: e.mentions })),
    sector: entities.sectors,
  };
  for (const type of Object.keys(rows)) {
    let gold = doc.entities.filter((e) => e.type === type);
    if (type === 'date') gold = gold.filter((e) => e.value);
    const key = (e: GoldSpan) => (type === 'country' ? e.code! : type === 'date' ? e.value! : goldKey(e.text));
    const goldKeys = new Map<string, GoldSpan[]>();
    for (const e of gold) goldKeys.set(key(e), [...(goldKeys.get(key(e)) ?? []), e]);
    const agrees = (p: PredEntity, e: GoldSpan) =>
      (type === 'country' ? p.code === e.code : type === 'date' ? p.value === e.value : true) &&
      (type === 'country' || type === 'date' ? true : p.mentions.some((m) => overlaps(m, e)));
    for (const p of preds[type]!) {
      if (type === 'date' && !gold.length) continue;
      if (gold.some((e) => agrees(p, e))) rows[type]!.tp++;
      else rows[type]!.fp++;
    }
    for (const spans of goldKeys.values()) {
      if (preds[type]!.some((p) => spans.some((e) => agrees(p, e)))) continue;
      rows[type]!.fn++;
    }
  }
  const orgPred = [...entities.agencies, ...entities.companies, ...entities.aptGroups];
  const orgGold = new Map<string, GoldSpan[]>();
  for (const e of doc.entities.filter((x) => x.original_label === 'ORG')) orgGold.set(goldKey(e.text), [...(orgGold.get(goldKey(e.text)) ?? []), e]);
  for (const spans of orgGold.values()) {
    if (orgPred.some((p) => p.mentions.some((m) => spans.some((e) => overlaps(m, e))))) org.tp++;
    else org.fn++;
  }
  for (const p of [...entities.agencies, ...entities.companies]) {
    const right = p.mentions.some((m) => doc.entities.some((e) => (e.original_label === 'ORG' || e.type === 'apt_group') && overlaps(m, e)));
    if (!right) org.fp++;
  }
}

// ---------- samples, entity level ----------

const low = (s: string | null | undefined) => (s ?? '').toLowerCase();

function namesOf(entities: Entities, type: keyof Entities): string[][] {
  const list = entities[type] as Array<Record<string, unknown>>;
  return list.map((e) => {
    switch (type) {
      case 'countries':
        return [low(e.code as string)];
      case 'sectors':
        return [low(e.name as string)];
      case 'cves':
        return [low(e.id as string)];
      case 'dates':
        return [`${low(e.text as string)}=${e.value as string}`];
      default:
        return [e.name, e.fullName, ...((e.aliases as string[] | undefined) ?? [])].filter(Boolean).map((x) => low(x as string));
    }
  });
}

function expectedNames(exp: Expected['entities'], type: keyof Expected['entities']): string[] {
  const list = exp[type] as unknown[];
  return list.map((e) => {
    if (typeof e === 'string') return low(e);
    const o = e as { name?: string; text?: string; value?: string };
    return type === 'dates' ? `${low(o.text)}=${o.value}` : low(o.name);
  });
}

function evalSamples(): void {
  const types: Array<keyof Expected['entities']> = ['agencies', 'aptGroups', 'companies', 'sectors', 'dates', 'countries', 'people', 'cves', 'malware'];
  const rows = Object.fromEntries(types.map((t) => [t, score()])) as Record<string, Score>;
  const problems: string[] = [];
  const samples = listSamples();
  for (const sample of samples) {
    const base = sample.name;
    const { record, expected } = extractSample(sample);
    for (const type of types) {
      const pred = namesOf(record.entities, type);
      const exp = expectedNames(expected.entities, type);
      const used = new Set<number>();
      for (const name of exp) {
        const i = pred.findIndex((names, k) => !used.has(k) && names.includes(name));
        if (i >= 0) {
          used.add(i);
          rows[type]!.tp++;
        } else {
          rows[type]!.fn++;
          problems.push(`${base} ${type} missing: ${name}`);
        }
      }
      pred.forEach((names, k) => {
        if (used.has(k)) return;
        rows[type]!.fp++;
        problems.push(`${base} ${type} extra: ${names[0]}`);
      });
    }
  }
  printTable(`Samples: ${samples.length} expected records, entity level`, rows);
  if (VERBOSE) for (const p of problems) console.log(`  ${p}`);
}

evalAnnoctr();
evalSamples();
