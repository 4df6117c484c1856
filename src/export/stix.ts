/**
 * Records to STIX 2.1 bundles: a `report` per article whose `object_refs` name what the
 * article is about, one object per entity and a relationship per relation.
 *
 * Ids are deterministic (ids.ts), so the same actor from many articles is one object, and a
 * bundle of many records holds it once. Timestamps come from the record, never the clock:
 * the report's `created` and `published` are the article's date (publishedAt, else
 * fetchedAt, else extractedAt) and its `modified` the later of that and modifiedAt; the
 * article's objects are created and modified at the article's date. Exporting the same record
 * twice is byte-identical; re-extracting a page with no date of its own needs
 * `--extracted-at` (or a pinned fetchedAt) for that.
 */
import type { ArticleRecord } from '../record/schema.js';
import { normName, stixId } from './ids.js';
import * as make from './stix-objects.js';
import { addRef, relationship, relationships, type EndKind, type RefIndex } from './stix-relations.js';
import type { Stamp, StixBundle, StixObject } from './stix-types.js';

export type { StixBundle, StixObject } from './stix-types.js';

/** Fixed, so newsint's own identity is byte-identical in every bundle. */
const NEWSINT_CREATED = '2024-01-01T00:00:00.000Z';

/** The identity every object's `created_by_ref` names: newsint, the system that extracted it. */
export const NEWSINT_IDENTITY: StixObject = {
  type: 'identity',
  spec_version: '2.1',
  id: stixId('identity', { name: 'newsint', identity_class: 'system' }),
  created: NEWSINT_CREATED,
  modified: NEWSINT_CREATED,
  name: 'newsint',
  identity_class: 'system',
  description: 'Entities and relations extracted automatically from security news articles by newsint.',
};

const MAX_DESCRIPTION = 1000;
const iso = (s: string) => new Date(s).toISOString();

/** The article's date, and the report's modified time (never before it). */
export function articleTimes(record: ArticleRecord): { date: string; modified: string } {
  const date = iso(record.publishedAt ?? record.fetchedAt ?? record.extractedAt);
  const mod = record.modifiedAt ? iso(record.modifiedAt) : date;
  return { date, modified: mod > date ? mod : date };
}

function reportName(record: ArticleRecord): string {
  return record.title?.trim() || record.canonicalUrl || record.url || `Article ${record.id.slice(0, 12)}`;
}

function sourceReference(record: ArticleRecord): Array<{ source_name: string; url: string }> | undefined {
  const raw = record.canonicalUrl ?? record.url;
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return [{ source_name: record.siteName?.trim() || url.hostname, url: url.href }];
  } catch {
    return undefined;
  }
}

/** The objects of one record, the report first. */
export function recordObjects(record: ArticleRecord): StixObject[] {
  const by = NEWSINT_IDENTITY.id;
  const { date, modified } = articleTimes(record);
  const stamp: Stamp = { created: date, modified: date };
  const e = record.entities;
  const index: RefIndex = new Map();
  const objects: StixObject[] = [];
  // One STIX object per entity, indexed under the names a relation may use for it.
  const add = <T>(items: readonly T[], kind: EndKind, toObject: (item: T) => StixObject, keys: (item: T, o: StixObject) => string[]): string[] =>
    items.map((item) => {
      const o = toObject(item);
      addRef(index, kind, keys(item, o), o.id);
      objects.push(o);
      return o.id;
    });

  const groupIds = add(e.aptGroups, 'group', (g) => make.intrusionSet(g, stamp, by), (g, o) => [g.name, ...g.aliases, o.name as string]);
  add(e.malware, 'malware', (m) => make.malware(m, stamp, by), (m, o) => [m.name, ...m.aliases, o.name as string]);
  add(e.tools, 'tool', (t) => make.tool(t, stamp, by), (t) => [t.name, ...t.aliases]);
  add(e.techniques, 'technique', (t) => make.attackPattern(t, stamp, by), (t) => [t.id, t.name]);
  add(e.cves, 'cve', (c) => make.vulnerability(c, stamp, by), (c) => [c.id]);
  add(e.agencies, 'agency', (c) => make.organization(c, 'agency', stamp, by), (c) => [c.name, ...c.aliases]);
  add(e.companies, 'company', (c) => make.organization(c, 'company', stamp, by), (c) => [c.name, ...c.aliases]);
  add(e.sectors, 'sector', (s) => make.sectorIdentity(s, stamp, by), (s) => [s.name, s.label]);
  add(e.countries, 'country', (c) => make.countryLocation(c, stamp, by), (c) => [c.code, c.name]);
  add(e.indicators, 'indicator', (i) => make.indicator(i, date, stamp, by), (i) => [i.value]);
  const rels = relationships(record, index, stamp, by);
  // A group the article itself ties to a country, even where no one sentence states both.
  e.aptGroups.forEach((g, i) => {
    if (!g.country || g.attribution !== 'stated') return;
    let target = index.get('country')?.get(g.country.toLowerCase());
    if (!target) {
      const loc = make.location(g.country, stamp, by);
      addRef(index, 'country', [g.country], loc.id);
      objects.push(loc);
      target = loc.id;
    }
    rels.push(relationship('originates-from', groupIds[i]!, target, undefined, stamp, by));
  });
  const all = dedupe([...objects, ...rels]);
  const report: StixObject = {
    type: 'report',
    spec_version: '2.1',
    id: stixId('report', { x_newsint_record_id: record.id }),
    created: date,
    modified,
    created_by_ref: by,
    name: reportName(record),
    ...(record.text ? { description: lead(record.text) } : {}),
    report_types: ['threat-report'],
    published: date,
    object_refs: all.length ? all.map((o) => o.id) : [by],
    ...(record.language ? { lang: record.language } : {}),
    ...(sourceReference(record) ? { external_references: sourceReference(record) } : {}),
    x_newsint_record_id: record.id,
  };
  return [report, ...all];
}

/** The first paragraph, for a reader scanning reports in a TIP. */
function lead(text: string): string {
  const first = text.split('\n\n')[0]!.trim();
  return first.length > MAX_DESCRIPTION ? `${first.slice(0, MAX_DESCRIPTION - 1)}…` : first;
}

function dedupe(objects: StixObject[]): StixObject[] {
  const seen = new Map<string, StixObject>();
  for (const o of objects) {
    const prev = seen.get(o.id);
    if (prev) merge(prev, o);
    else seen.set(o.id, o);
  }
  return [...seen.values()];
}

const ALIAS_KEYS = ['aliases', 'x_opencti_aliases'] as const;

/** Folds a second copy of an object into the first: the union of names, the span of times. */
function merge(into: StixObject, other: StixObject): void {
  if (other.created < into.created) into.created = other.created;
  if (other.modified > into.modified) into.modified = other.modified;
  if (typeof other.valid_from === 'string' && typeof into.valid_from === 'string' && other.valid_from < into.valid_from) {
    into.valid_from = other.valid_from;
  }
  for (const key of ALIAS_KEYS) {
    const names = [...((into[key] as string[] | undefined) ?? []), ...((other[key] as string[] | undefined) ?? [])];
    const own = normName(String(into.name ?? ''));
    const unique = names.filter((n, i) => normName(n) !== own && names.findIndex((m) => normName(m) === normName(n)) === i);
    if (unique.length) into[key] = unique;
  }
  if (into.external_references === undefined && other.external_references !== undefined) into.external_references = other.external_references;
  if (into.kill_chain_phases === undefined && other.kill_chain_phases !== undefined) into.kill_chain_phases = other.kill_chain_phases;
}

/** Collects records into one bundle; an object many records share appears once. */
export interface StixBundler {
  add(record: ArticleRecord): void;
  /** Records added so far. */
  readonly count: number;
  bundle(): StixBundle;
}

export function createStixBundler(): StixBundler {
  const objects = new Map<string, StixObject>([[NEWSINT_IDENTITY.id, { ...NEWSINT_IDENTITY }]]);
  const recordIds: string[] = [];
  return {
    get count() {
      return recordIds.length;
    },
    add(record) {
      recordIds.push(record.id);
      for (const o of recordObjects(record)) {
        const prev = objects.get(o.id);
        if (prev) merge(prev, o);
        else objects.set(o.id, o);
      }
    },
    bundle() {
      const id = stixId('bundle', { x_newsint_record_ids: [...recordIds].sort() });
      return recordIds.length ? { type: 'bundle', id, objects: [...objects.values()] } : { type: 'bundle', id };
    },
  };
}

/**
 * One STIX 2.1 bundle for one record or many (shared objects once).
 *
 * @example
 * const bundle = toStix(extractArticle(html, { url }));
 * writeFileSync('report.json', JSON.stringify(bundle, null, 2)); // import into OpenCTI
 */
export function toStix(input: ArticleRecord | readonly ArticleRecord[]): StixBundle {
  const bundler = createStixBundler();
  for (const record of Array.isArray(input) ? input : [input as ArticleRecord]) bundler.add(record);
  return bundler.bundle();
}
