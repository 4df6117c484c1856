/**
 * The record's relations as STIX relationships. A relation names its ends by key (a group or
 * company name, a sector id, a country code, a CVE id, a technique id, an indicator value);
 * the ends are looked up among the article's own objects, and the predicate becomes the
 * relationship type STIX defines for that pair of object types:
 *
 *   attributed_to  group -> country          originates-from (STIX's attributed-to points at a
 *                                            threat-actor, which records do not carry)
 *   targeted       group|malware|tool|technique -> company|agency|sector|country   targets
 *   uses           group|malware|technique -> malware|tool|technique              uses
 *   exploits       malware -> cve  exploits;  group|tool|technique -> cve  targets
 *   indicates      indicator -> group|malware|tool|technique                      indicates
 *   reported_by    not exported: STIX has no relationship for "a source said so"; the
 *                  source's identity is still in the report.
 * A pair STIX does not define (a tool that "uses" a technique) becomes `related-to`.
 */
import type { ArticleRecord, Relation } from '../record/schema.js';
import { stixId } from './ids.js';
import type { Stamp, StixObject } from './stix-types.js';

export type EndKind = 'group' | 'malware' | 'tool' | 'technique' | 'cve' | 'country' | 'company' | 'agency' | 'sector' | 'indicator';

/** Where each entity of one record went: kind -> lower-cased key -> STIX id. */
export type RefIndex = Map<EndKind, Map<string, string>>;

export function addRef(index: RefIndex, kind: EndKind, keys: readonly string[], id: string): void {
  let byKey = index.get(kind);
  if (!byKey) index.set(kind, (byKey = new Map()));
  for (const k of keys) if (!byKey.has(k.toLowerCase())) byKey.set(k.toLowerCase(), id);
}

type Rule = { from: EndKind[]; to: EndKind[]; type: string };

const ACTORS: EndKind[] = ['group', 'malware', 'tool', 'technique'];
const VICTIMS: EndKind[] = ['company', 'agency', 'sector', 'country'];

/** Tried in order: the first rule whose ends both resolve gives the relationship type. */
const RULES: Record<Relation['predicate'], Rule[]> = {
  attributed_to: [{ from: ['group'], to: ['country'], type: 'originates-from' }],
  targeted: [{ from: ACTORS, to: VICTIMS, type: 'targets' }],
  uses: [
    { from: ['group', 'malware'], to: ['malware', 'tool', 'technique'], type: 'uses' },
    { from: ['technique'], to: ['malware', 'tool'], type: 'uses' },
    { from: ['tool'], to: ['malware', 'tool', 'technique'], type: 'related-to' },
  ],
  exploits: [
    { from: ['malware'], to: ['cve'], type: 'exploits' },
    { from: ['group', 'tool', 'technique'], to: ['cve'], type: 'targets' },
  ],
  indicates: [{ from: ['indicator'], to: ACTORS, type: 'indicates' }],
  reported_by: [],
};

function resolve(index: RefIndex, kinds: EndKind[], key: string): string | undefined {
  for (const kind of kinds) {
    const id = index.get(kind)?.get(key.toLowerCase());
    if (id) return id;
  }
  return undefined;
}

const MAX_EVIDENCE = 1000;

export function relationship(type: string, source: string, target: string, description: string | undefined, stamp: Stamp, by: string): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: stixId('relationship', { relationship_type: type, source_ref: source, target_ref: target }),
    created: stamp.created,
    modified: stamp.modified,
    created_by_ref: by,
    relationship_type: type,
    source_ref: source,
    target_ref: target,
    ...(description ? { description } : {}),
  };
}

/** One relationship per relation whose ends resolve, with its sentence as description. */
export function relationships(record: ArticleRecord, index: RefIndex, stamp: Stamp, by: string): StixObject[] {
  const out: StixObject[] = [];
  for (const r of record.relations) {
    for (const rule of RULES[r.predicate]) {
      const source = resolve(index, rule.from, r.subject);
      const target = resolve(index, rule.to, r.object);
      if (!source || !target || source === target) continue;
      const evidence = record.text.slice(r.evidence.start, r.evidence.end).trim().slice(0, MAX_EVIDENCE);
      out.push(relationship(rule.type, source, target, evidence || undefined, stamp, by));
      break;
    }
  }
  return out;
}
