/**
 * The exact comparison of a record's entities and relations with a hand-written expected record.
 * Each entity is reduced to the fields a consumer reads, then the two sides are compared as
 * multisets: any missing, extra or differing field is one line of the returned difference.
 *
 * Tolerances, each deliberate and the only ones:
 * - order of entities, aliases and relations: not compared (the record promises no order);
 * - `mentions` and relation `evidence` offsets: not compared here; the entity sample tests check
 *   that every offset points at its text;
 * - APT-group `aliases`: exact over the names the article writes (an alias with a mention in the
 *   text); names the gazetteer appends that the article never writes come from the source lists,
 *   not the article, and are not compared;
 * - `source` (gazetteer|cue): says how the extractor found a name, not what the article says;
 *   not compared;
 * - derived labels (`sectors[].label`, `countries[].name`) follow from the id and are not compared;
 * - an entity or relation marked `"gap": "<why>"` in the expected file is one the article states
 *   and the extractor is known to miss: it must be absent (an entity: no entity of that name), so
 *   the list of known misses stays exact too.
 */
import type { ArticleRecord } from '../../src/record/schema.js';
import type { Expected } from './samples.js';

type Row = Record<string, unknown>;
const sorted = (xs: readonly string[]) => [...xs].sort();

/** A named thing with aliases: a plain string in an expected file is `{ name, aliases: [] }`. */
const named = (x: string | { name: string; aliases?: string[] }) =>
  typeof x === 'string' ? { name: x, aliases: [] as string[] } : { name: x.name, aliases: x.aliases ?? [] };

/** The consumer-visible projection of the extracted record, one list of rows per type. */
export function actualRows(record: ArticleRecord): Record<string, Row[]> {
  const e = record.entities;
  return {
    agencies: e.agencies.map((a) => ({ name: a.name, fullName: a.fullName, country: a.country, aliases: sorted(a.aliases) })),
    aptGroups: e.aptGroups.map((g) => {
      const written = new Set(g.mentions.map((m) => m.text));
      return {
        name: g.name,
        country: g.country,
        attribution: g.attribution,
        attackId: g.attackId ?? null,
        aliases: sorted(g.aliases.filter((a) => written.has(a))),
      };
    }),
    companies: e.companies.map((c) => ({ name: c.name, aliases: sorted(c.aliases) })),
    sectors: e.sectors.map((s) => ({ id: s.name })),
    dates: e.dates.map((d) => ({ text: d.text, value: d.value, granularity: d.granularity })),
    countries: e.countries.map((c) => ({ code: c.code })),
    people: e.people.map((p) => ({ name: p.name, role: p.role })),
    cves: e.cves.map((c) => ({ id: c.id })),
    malware: e.malware.map((m) => ({ name: m.name, aliases: sorted(m.aliases), attackId: m.attackId ?? null })),
    tools: e.tools.map((t) => ({ name: t.name, aliases: sorted(t.aliases), attackId: t.attackId })),
    techniques: e.techniques.map((t) => ({ id: t.id, name: t.name, tactics: sorted(t.tactics) })),
    indicators: e.indicators.map((i) => ({ type: i.type, value: i.value, defanged: i.defanged })),
    relations: record.relations.map((r) => ({ subject: r.subject, predicate: r.predicate, object: r.object })),
  };
}

type Gapped = { gap?: string } | string;
const isGap = (x: Gapped) => typeof x !== 'string' && Boolean(x.gap);
const kept = <T extends Gapped>(list: T[]) => list.filter((x) => !isGap(x));

/** The same projection of an expected file, without the entries marked as known gaps. */
export function expectedRows(x: Pick<Expected, 'entities' | 'relations'>): Record<string, Row[]> {
  const e = x.entities;
  return {
    agencies: kept(e.agencies).map((a) => ({ name: a.name, fullName: a.fullName, country: a.country, aliases: sorted(a.aliases) })),
    aptGroups: kept(e.aptGroups).map((g) => ({
      name: g.name,
      country: g.country,
      attribution: g.attribution,
      attackId: g.attackId ?? null,
      aliases: sorted(g.aliases),
    })),
    companies: kept(e.companies).map((c) => ({ name: named(c).name, aliases: sorted(named(c).aliases) })),
    sectors: e.sectors.map((id) => ({ id })),
    dates: e.dates.map((d) => ({ text: d.text, value: d.value, granularity: d.granularity })),
    countries: e.countries.map((code) => ({ code })),
    people: kept(e.people).map((p) => ({ name: p.name, role: p.role })),
    cves: e.cves.map((id) => ({ id })),
    malware: kept(e.malware).map((m) => ({
      name: named(m).name,
      aliases: sorted(named(m).aliases),
      attackId: typeof m === 'string' ? null : (m.attackId ?? null),
    })),
    tools: e.tools.map((t) => ({ name: t.name, aliases: sorted(t.aliases), attackId: t.attackId })),
    techniques: e.techniques.map((t) => ({ id: t.id, name: t.name, tactics: sorted(t.tactics) })),
    indicators: e.indicators.map((i) => ({ type: i.type, value: i.value, defanged: i.defanged })),
    relations: kept(x.relations).map((r) => ({ subject: r.subject, predicate: r.predicate, object: r.object })),
  };
}

/** The entries marked as known gaps: each must be absent from the record, by name (relations: whole). */
function gapKeys(x: Pick<Expected, 'entities' | 'relations'>): Array<[string, string]> {
  const e = x.entities;
  const gapsOf = (type: string, list: Gapped[]) => list.filter(isGap).map((g) => [type, (g as { name: string }).name] as [string, string]);
  return [
    ...gapsOf('agencies', e.agencies),
    ...gapsOf('aptGroups', e.aptGroups),
    ...gapsOf('companies', e.companies),
    ...gapsOf('people', e.people),
    ...gapsOf('malware', e.malware),
    ...x.relations.filter(isGap).map((r) => ['relations', key({ subject: r.subject, predicate: r.predicate, object: r.object })] as [string, string]),
  ];
}

/** Field order fixed so that equal rows print equal. */
const key = (row: Row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));

/**
 * Every difference between the record and the expected file, one readable line each
 * (`aptGroups: missing {...}` / `aptGroups: extra {...}`); empty when they agree exactly.
 */
export function entityDifferences(record: ArticleRecord, expected: Pick<Expected, 'entities' | 'relations'>): string[] {
  const found = actualRows(record);
  const wanted = expectedRows(expected);
  const out: string[] = [];
  for (const type of Object.keys(wanted)) {
    const have = (found[type] ?? []).map(key);
    const want = wanted[type]!.map(key);
    const left = [...have];
    for (const w of want) {
      const i = left.indexOf(w);
      if (i >= 0) left.splice(i, 1);
      else out.push(`${type}: missing ${w}`);
    }
    for (const extra of left) out.push(`${type}: extra   ${extra}`);
  }
  // A known gap is a promise that the extractor misses it today; finding it means the mark must go.
  for (const [type, k] of gapKeys(expected)) {
    const hit = type === 'relations' ? found.relations!.some((r) => key(r) === k) : found[type]!.some((r) => r.name === k);
    if (hit) out.push(`${type}: found ${k}, marked as a known gap: remove its "gap" and check its fields`);
  }
  return out;
}
