/**
 * AnnoCTR train+dev (86 vendor reports, ../shared/datasets/entities-dev): the entity extractor
 * scored at the mention level and at the document level (each distinct thing per document once,
 * as the record lists it), with the error lists of the document level.
 *
 * - Mention level: a predicted mention counts when it overlaps a gold span of the same type
 *   (gold spans sometimes include "Group", a possessive or a quote our names leave out). Countries
 *   must agree on the ISO code, dates on the value (gold dates without a value are left out).
 *   AnnoCTR labels only country NAMES as countries (demonyms are "other" LOC), so demonym mentions
 *   are neither credited nor charged here.
 * - Document level: every entity of the record counts. A country entity is right when the document
 *   names that country (so "Chinese" alone, where the report never names China, is a false
 *   positive: AnnoCTR does not label it); a date entity when the document has a gold date of that
 *   value. AnnoCTR's ORG mixes agencies and companies: scored for recall against agencies +
 *   companies + groups, and agencies + companies for precision against ORG and GROUP spans.
 */
import { readFileSync } from 'node:fs';
import type { Entities, Mention } from '../../src/record/schema.js';
import { extractEntities } from '../../extractors/entities/index.js';
import { nameKey } from '../../extractors/data-build/lists.js';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { gazetteers } from '../../extractors/entities/gazetteer.js';
import { ErrorLists, goldKey, overlaps, printTable, score, scoreDocument, scoreMentions, type GoldSpan, type PredEntity, type Score } from './score.js';

export interface Doc {
  id: string;
  publishedAt: string | null;
  text: string;
  entities: GoldSpan[];
}

export function loadDocs(file: string): Doc[] {
  return readFileSync(sharedPath('datasets', 'entities-dev', file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Doc);
}

const named = (list: ReadonlyArray<{ name: string; mentions: Mention[] }>): PredEntity[] => list.map((e) => ({ name: e.name, mentions: e.mentions }));

export function evalAnnoctr(top: number): void {
  const docs = loadDocs('annoctr-train-dev.jsonl');
  const demonyms = new Set(gazetteers().countries.flatMap((c) => c.demonyms ?? []).map(nameKey));
  const isDemonym = (m: Mention) => demonyms.has(nameKey(m.text));
  // 'malware + tools': AnnoCTR labels Cobalt Strike and Mimikatz MALWARE; newsint (as STIX and DESIGN.md)
  // reports them as tools, so this row scores the malware gold against both lists.
  const mention: Record<string, Score> = { apt_group: score(), malware: score(), 'malware + tools': score(), country: score(), date: score(), sector: score(), 'ORG (recall)': score('recall') };
  const doc: Record<string, Score> = {
    apt_group: score(),
    malware: score(),
    'malware + tools': score(),
    country: score(),
    'country, named only': score(),
    date: score(),
    sector: score(),
    'ORG (recall)': score('recall'),
    'agencies+companies': score('precision'),
  };
  const errors = new ErrorLists();
  let ms = 0;
  for (const d of docs) {
    const t0 = performance.now();
    const { entities } = extractEntities(d.text, { referenceDate: d.publishedAt ? `${d.publishedAt}T12:00:00Z` : null });
    ms += performance.now() - t0;
    const gold = (type: string) => d.entities.filter((e) => e.type === type);
    const dated = gold('date').filter((e) => e.value);
    const undated = gold('date').filter((e) => !e.value);
    const orgGold = d.entities.filter((e) => e.original_label === 'ORG');
    const byOverlap = byOverlapOf;

    // ---- mention level
    const mentionsOf = (list: ReadonlyArray<{ mentions: Mention[] }>) => list.flatMap((e) => e.mentions);
    scoreMentions(gold('apt_group'), mentionsOf(entities.aptGroups), byOverlap, mention.apt_group!);
    scoreMentions(gold('malware'), mentionsOf(entities.malware), byOverlap, mention.malware!);
    scoreMentions(gold('malware'), mentionsOf([...entities.malware, ...entities.tools]), byOverlap, mention['malware + tools']!);
    scoreMentions(gold('sector'), mentionsOf(entities.sectors), byOverlap, mention.sector!);
    scoreMentions(
      gold('country'),
      entities.countries.flatMap((c) => c.mentions.filter((m) => !isDemonym(m)).map((m) => ({ ...m, code: c.code }))),
      (p, g) => overlaps(p, g) && p.code === g.code,
      mention.country!,
    );
    scoreMentions(
      dated,
      entities.dates.flatMap((e) => e.mentions.filter((m) => !undated.some((u) => overlaps(u, m))).map((m) => ({ ...m, value: e.value }))),
      (p, g) => overlaps(p, g) && p.value === g.value,
      mention.date!,
    );
    scoreMentions(orgGold, mentionsOf([...entities.agencies, ...entities.companies, ...entities.aptGroups]), byOverlap, mention['ORG (recall)']!);

    // ---- document level
    for (const r of annoctrDocumentRows(d, entities, isDemonym)) scoreDocument(r.gold, r.preds, r.key, r.agrees, doc[r.row]!, r.listed ? errors : new ErrorLists(), r.label);
  }
  printTable(`AnnoCTR train+dev: ${docs.length} documents, mention level`, mention, `extractEntities ${(ms / docs.length).toFixed(1)} ms/doc`);
  printTable(`AnnoCTR train+dev: ${docs.length} documents, DOCUMENT level (each distinct thing per document once)`, doc);
  console.log(SOFTWARE_NOTE);
  if (top) errors.print('AnnoCTR document level', top);
}

/** One document-level row of a document: its gold, the record's entities it is scored against, and how they match. */
export interface DocumentRow {
  /** The row of the table. */
  row: string;
  /** The name in the error lists. */
  label: string;
  gold: GoldSpan[];
  preds: PredEntity[];
  key: (g: GoldSpan) => string;
  agrees: (p: PredEntity, g: GoldSpan) => boolean;
  /** Its errors go to the printed error lists. */
  listed: boolean;
}

/** Builds a document's rows: gold keyed by `key` and matched by `agrees` unless a row says otherwise. */
export function rowMaker(key: DocumentRow['key'], agrees: DocumentRow['agrees']) {
  return (row: string, label: string, gold: GoldSpan[], preds: PredEntity[], listed = true, k = key, match = agrees): DocumentRow => ({
    row,
    label,
    gold,
    preds,
    key: k,
    agrees: match,
    listed,
  });
}

const byOverlapOf = (p: { mentions?: Mention[]; start?: number; end?: number }, g: GoldSpan) =>
  p.mentions ? p.mentions.some((m) => overlaps(m, g)) : overlaps(p as Mention, g);

/** The document-level rows of one AnnoCTR document (shared with eval:entity-ceiling). */
export function annoctrDocumentRows(d: Doc, entities: Entities, isDemonym: (m: Mention) => boolean): DocumentRow[] {
  const gold = (type: string) => d.entities.filter((e) => e.type === type);
  const dated = gold('date').filter((e) => e.value);
  const undated = gold('date').filter((e) => !e.value);
  const orgGold = d.entities.filter((e) => e.original_label === 'ORG');
  const orgOrGroup = d.entities.filter((e) => e.original_label === 'ORG' || e.type === 'apt_group');
  const key = (g: GoldSpan) => goldKey(g.text);
  const countries = entities.countries.map((c) => ({ name: c.name, code: c.code, mentions: c.mentions }));
  const sameCode = (p: PredEntity, g: GoldSpan) => p.code === g.code;
  const namedCountries = countries.map((c) => ({ ...c, mentions: c.mentions.filter((m) => !isDemonym(m)) })).filter((c) => c.mentions.length);
  const row = rowMaker(key, byOverlapOf);
  const rows = [
    row('apt_group', 'apt_group', gold('apt_group'), named(entities.aptGroups)),
    row('malware', 'malware', gold('malware'), named(entities.malware), false),
    row('malware + tools', 'malware+tools', gold('malware'), malwareAndTools(entities, gold('malware'), d.entities.filter((e) => e.original_label === 'TOOL'))),
    row('sector', 'sector', gold('sector'), named(entities.sectors)),
    row('country', 'country', gold('country'), countries, true, (g) => g.code!, sameCode),
    row('country, named only', 'country', gold('country'), namedCountries, false, (g) => g.code!, sameCode),
  ];
  if (dated.length) {
    const dates = entities.dates
      .filter((e) => !e.mentions.every((m) => undated.some((u) => overlaps(u, m))))
      .map((e) => ({ name: `${e.text}=${e.value}`, value: e.value, mentions: e.mentions }));
    rows.push(row('date', 'date', dated, dates, true, (g) => g.value!, (p, g) => p.value === g.value));
  }
  rows.push(row('ORG (recall)', 'ORG', orgGold, named([...entities.agencies, ...entities.companies, ...entities.aptGroups])));
  rows.push(row('agencies+companies', 'agencies+companies', orgOrGroup, named([...entities.agencies, ...entities.companies])));
  return rows;
}

export const SOFTWARE_NOTE =
  "  'malware' scores gold malware against the record's malware list alone; 'malware + tools' against its malware and tools\n" +
  '  lists together (a reader sees both; a tool the corpus labels a tool is neither credited nor charged). Both are reported;\n' +
  "  the malware bar is read from 'malware + tools', since the corpus's malware/tool line is not ATT&CK's. Error lists: malware + tools.";

/**
 * The record's malware and tools as one list, for scoring gold MALWARE the way a reader of the
 * record meets it (both lists side by side). The corpus draws the malware/tool line elsewhere than
 * ATT&CK and STIX do (AnnoCTR: Cobalt Strike and Mimikatz MALWARE, Metasploit TOOL; APTNER: the same
 * name MAL in one sentence, TOOL in the next), so a tool the corpus itself labels a tool (and
 * never malware) is neither credited nor charged; any other tool counts as a false positive.
 */
export function malwareAndTools(entities: Entities, goldMalware: GoldSpan[], goldTools: GoldSpan[]): PredEntity[] {
  const hits = (e: { mentions: Mention[] }, gold: GoldSpan[]) => e.mentions.some((m) => gold.some((g) => overlaps(m, g)));
  const tools = entities.tools.filter((t) => hits(t, goldMalware) || !hits(t, goldTools));
  return named([...entities.malware, ...tools]);
}

export type { Entities };
