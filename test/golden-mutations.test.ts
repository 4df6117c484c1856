/**
 * The golden comparison can see every wrong value: each expected sample record is corrupted one
 * field at a time in memory (a country, an alias, a full name, a role, a date value or granularity,
 * a relation end, a dropped or an added entity...) and every corruption must make the comparison
 * of test/golden.test.ts report a difference. A comparison that misses one would let a wrong
 * expected record, or a wrong extractor, pass.
 */
import { describe, expect, it } from 'vitest';
import { entityDifferences } from './helpers/golden-entities.js';
import { extractSample, listSamples, type Expected } from './helpers/samples.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Graded = Pick<Expected, 'entities' | 'relations'>;

interface Mutation {
  what: string;
  apply: (x: Json) => void;
}

/** A different value of the same kind, so a mutation is a plausible mistake, not a type error. */
function otherValue(v: Json, path: string): Json {
  if (typeof v === 'boolean') return !v;
  if (v === null) return path.endsWith('country') ? 'KP' : path.endsWith('attribution') ? 'stated' : 'Someone Else';
  if (typeof v === 'string') {
    if (/^[A-Z]{2}$/.test(v)) return v === 'RU' ? 'CN' : 'RU'; // a country code: another country
    if (path.endsWith('attribution')) return v === 'stated' ? 'gazetteer' : 'stated';
    if (path.endsWith('predicate')) return v === 'reported_by' ? 'targeted' : 'reported_by';
    if (path.endsWith('granularity')) return v === 'year' ? 'month' : 'year';
    if (/^\d{4}/.test(v)) return v.replace(/^(\d{4})/, (y) => String(Number(y) - 1)); // a date a year off
    return `${v} X`;
  }
  return v;
}

/** One made-up element for each list that may be empty in a sample. */
const STAND_IN: Record<string, Json> = {
  agencies: { name: 'Invented Agency', fullName: null, country: 'US', aliases: [] },
  aptGroups: { name: 'Invented Group', aliases: [], country: null, attribution: null },
  companies: 'Invented Company',
  sectors: 'energy',
  dates: { text: 'Monday', value: '2024-01-01', granularity: 'day' },
  countries: 'FR',
  people: { name: 'Invented Person', role: null },
  cves: 'CVE-2024-0001',
  malware: 'Invented Malware',
  tools: { name: 'Invented Tool', aliases: [], attackId: null },
  techniques: { id: 'T1566', name: 'Phishing', tactics: ['initial-access'] },
  indicators: { type: 'domain', value: 'invented.example', defanged: false },
  relations: { subject: 'Invented Group', predicate: 'targeted', object: 'energy' },
  tactics: 'execution',
};

const at = (root: Json, path: Array<string | number>): Json => path.reduce<Json>((node, k) => (node as Record<string, Json>)[k]!, root);

/** Every single-field corruption of `entities` and `relations`, found by walking the file. */
function mutations(graded: Graded): Mutation[] {
  const out: Mutation[] = [];
  const walk = (node: Json, path: Array<string | number>) => {
    const label = path.join('.');
    if (Array.isArray(node)) {
      node.forEach((_, i) => {
        out.push({ what: `drop ${label}[${i}]`, apply: (root) => void (at(root, path) as Json[]).splice(i, 1) });
        walk(node[i]!, [...path, i]);
      });
      // One more element: a copy of the first with a new name, or a stand-in in an empty list.
      out.push({
        what: `add to ${label}`,
        apply: (root) => {
          const list = at(root, path) as Json[];
          const copy = structuredClone(list[0] ?? STAND_IN[String(path[path.length - 1])] ?? 'Invented Name') as Json;
          list.push(typeof copy === 'string' ? `${copy} Two` : mutateFirstString(copy));
        },
      });
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) if (k !== 'gap') walk(v, [...path, k]);
      return;
    }
    out.push({
      what: `change ${label} (${JSON.stringify(node)})`,
      apply: (root) => {
        const parent = at(root, path.slice(0, -1)) as Record<string, Json> & Json[];
        const k = path[path.length - 1]!;
        (parent as Record<string | number, Json>)[k] = otherValue(node, label);
      },
    });
  };
  walk(graded.entities as unknown as Json, ['entities']);
  walk(graded.relations as unknown as Json, ['relations']);
  return out;
}

function mutateFirstString(o: Json): Json {
  for (const [k, v] of Object.entries(o as Record<string, Json>)) {
    if (typeof v === 'string') return { ...(o as Record<string, Json>), [k]: `${v} Two` };
  }
  return o;
}

/**
 * Entries marked as known gaps are required ABSENT, by name: corrupting a field of one leaves it
 * absent, which the comparison rightly accepts. They are left out here; the README says so.
 */
function onGap(graded: Graded, what: string): boolean {
  const m = /(entities\.\w+|relations)[.[](\d+)/.exec(what);
  if (!m) return false;
  const list = at(graded as unknown as Json, m[1]!.split('.')) as Json[];
  const entry = list[Number(m[2])];
  return typeof entry === 'object' && entry !== null && !Array.isArray(entry) && Boolean((entry as Record<string, Json>).gap);
}

const samples = listSamples().map((s) => ({ name: s.name, ...extractSample(s) }));

describe('golden comparison sees every corrupted field', () => {
  it('starts from samples that match exactly', () => {
    for (const { name, record, expected } of samples) expect({ name, diff: entityDifferences(record, expected) }).toEqual({ name, diff: [] });
  });

  it.each(samples.map((s) => [s.name, s] as const))('%s: every single-field corruption is reported', (_name, { record, expected }) => {
    const graded: Graded = { entities: expected.entities, relations: expected.relations };
    const all = mutations(graded).filter((m) => !onGap(graded, m.what));
    expect(all.length).toBeGreaterThan(20);
    const unseen: string[] = [];
    for (const m of all) {
      const copy = structuredClone(graded) as unknown as Json;
      m.apply(copy);
      if (entityDifferences(record, copy as unknown as Graded).length === 0) unseen.push(m.what);
    }
    expect(unseen).toEqual([]);
  });

  it('reports a "gap" mark on something the extractor does find', () => {
    for (const { name, record, expected } of samples) {
      const graded = structuredClone({ entities: expected.entities, relations: expected.relations }) as Graded;
      const group = graded.entities.aptGroups[0];
      const relation = graded.relations.find((r) => !r.gap);
      if (group) group.gap = 'pretend the extractor misses this group';
      else if (relation) relation.gap = 'pretend the extractor misses this relation';
      else continue;
      expect({ name, reported: entityDifferences(record, graded).some((d) => d.includes('known gap')) }).toEqual({ name, reported: true });
    }
  });
});
