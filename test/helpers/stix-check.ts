/**
 * Checks a STIX 2.1 bundle the way an importer would: the OASIS JSON Schemas (draft 2020-12,
 * ajv with formats) from the shared data folder, plus what the schemas cannot say (their
 * README lists it): id prefix = type, unique ids, every *_ref/*_refs resolves inside the
 * bundle, modified >= created, the spec's vocabularies, the relationship types the spec
 * defines between the two object types, and patterns that parse with sane values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { ATTACK_TACTICS } from '../../src/record/schema.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const SCHEMAS = sharedPath('data', 'stix2-json-schemas', 'schemas');
const BUNDLE_ID = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json';

let validateBundle: ValidateFunction | undefined;
let ajvInstance: Ajv2020 | undefined;
const SCHEMA_BASE = BUNDLE_ID.replace('common/bundle.json', '');

/** Every schema file added by its own $id, so their relative $refs ("../common/core.json") resolve. */
function compileBundleSchema(): ValidateFunction {
  // The schemas' patterns escape '-' (\-), which a unicode-mode RegExp rejects.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // ajv-formats has no idn-hostname (the domain-name observable's); a name that IDNA accepts passes.
  ajv.addFormat('idn-hostname', (s: string) => domainToASCII(s) !== '');
  ajvInstance = ajv;
  for (const dir of readdirSync(SCHEMAS)) {
    for (const file of readdirSync(join(SCHEMAS, dir)).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(SCHEMAS, dir, file), 'utf8')) as Record<string, unknown>;
      ajv.addSchema(schema.$id === BUNDLE_ID ? withEverySdo(schema) : schema);
    }
  }
  return ajv.getSchema(BUNDLE_ID)!;
}

type BundleSchema = { properties: { objects: { items: { anyOf: [{ oneOf: Array<{ $ref: string }> }, { allOf: [unknown, { properties: { type: { not: { enum: string[] } } } }] }] } } } };

/**
 * bundle.json lists the object schemas a bundle may hold, but its list lacks some SDOs of the
 * spec (location among them; the same gap for infrastructure was upstream issue #133), and a
 * location then fails both of its branches. The missing sdos/*.json files are added to the
 * list, in memory, so those objects are checked by their own schema like the others.
 */
function withEverySdo(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(schema) as unknown as BundleSchema;
  const [known, custom] = copy.properties.objects.items.anyOf;
  for (const file of readdirSync(join(SCHEMAS, 'sdos')).filter((f) => f.endsWith('.json'))) {
    const ref = `../sdos/${file}`;
    if (known.oneOf.some((r) => r.$ref === ref)) continue;
    known.oneOf.push({ $ref: ref });
    custom.allOf[1].properties.type.not.enum.push(file.replace(/\.json$/, ''));
  }
  return copy as unknown as Record<string, unknown>;
}

/** Each object against its own type's schema, for errors that name the property at fault. */
function ownSchemaProblems(objects: Obj[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    const own = ajvInstance!.getSchema(`${SCHEMA_BASE}${o.type === 'relationship' ? 'sros' : 'sdos'}/${o.type}.json`);
    if (!own) problems.push(`${o.id}: no schema for type ${o.type}`);
    else if (!own(o)) for (const e of own.errors ?? []) problems.push(`${o.id} schema ${e.instancePath}: ${e.message}`);
  }
  return problems;
}

/** STIX 2.1 spec, section 10.12 (industry-sector-ov). */
const INDUSTRY_SECTORS = new Set(
  'agriculture aerospace automotive chemical commercial communications construction defense education energy entertainment financial-services government government-emergency-services government-local government-national government-public-services government-regional healthcare hospitality-leisure infrastructure infrastructure-dams infrastructure-nuclear infrastructure-water insurance manufacturing mining non-profit pharmaceuticals retail technology telecommunications transportation utilities'.split(' '),
);
const IDENTITY_CLASSES = new Set(['individual', 'group', 'system', 'organization', 'class', 'unknown']);
const REPORT_TYPES = new Set(['attack-pattern', 'campaign', 'identity', 'indicator', 'intrusion-set', 'malware', 'observed-data', 'threat-actor', 'threat-report', 'tool', 'vulnerability']);
const INDICATOR_TYPES = new Set(['anomalous-activity', 'anonymization', 'benign', 'compromised', 'malicious-activity', 'attribution', 'unknown']);

/**
 * Relationships the spec defines per source type (section 4, each SDO's "Relationships"
 * table), for the object types newsint writes. `related-to`, `derived-from` and (same type)
 * `duplicate-of` are allowed between any two.
 */
const SPEC_RELATIONSHIPS: Record<string, Record<string, string[]>> = {
  'attack-pattern': { delivers: ['malware'], targets: ['identity', 'location', 'vulnerability'], uses: ['malware', 'tool'] },
  'intrusion-set': {
    'attributed-to': ['threat-actor'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'],
    'beacons-to': ['infrastructure'],
    'exfiltrates-to': ['infrastructure'],
    'communicates-with': ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    controls: ['malware'],
    downloads: ['malware', 'tool', 'file'],
    drops: ['malware', 'tool', 'file'],
    exploits: ['vulnerability'],
    'originates-from': ['location'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
    'variant-of': ['malware'],
  },
  tool: { delivers: ['malware'], drops: ['malware'], has: ['vulnerability'], targets: ['identity', 'infrastructure', 'location', 'vulnerability'], uses: ['infrastructure'] },
  indicator: { indicates: ['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool'], 'based-on': ['observed-data'] },
};

const HEX = (n: number) => new RegExp(`^[0-9a-fA-F]{${n}}$`);
/** Per pattern path: what a sane value looks like. */
const PATTERN_VALUES: Record<string, (v: string) => boolean> = {
  'ipv4-addr:value': (v) => /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/\d{1,2})?$/.test(v),
  'ipv6-addr:value': (v) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v) && v.includes(':'),
  'domain-name:value': (v) => /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/.test(v),
  'url:value': (v) => {
    try {
      return /^[a-z][a-z0-9+.-]*:$/.test(new URL(v).protocol);
    } catch {
      return false;
    }
  },
  'email-addr:value': (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  'file:hashes.MD5': (v) => HEX(32).test(v),
  "file:hashes.'SHA-1'": (v) => HEX(40).test(v),
  "file:hashes.'SHA-256'": (v) => HEX(64).test(v),
  "file:hashes.'SHA-512'": (v) => HEX(128).test(v),
  'file:name': (v) => v.length > 0 && !/[\\/]/.test(v),
  'windows-registry-key:key': (v) => /^(HKEY_[A-Z_]+|HK(LM|CU|CR|U|CC))(\\|$)/i.test(v),
  'cryptocurrency-wallet:value': (v) => /^(bc1[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$/.test(v),
};
/** One comparison `path = 'literal'`, the literal with only \\ and \' escapes (spec 9.4). */
const COMPARISON = String.raw`([a-z0-9-]+:[a-z0-9_]+(?:\.(?:[A-Za-z0-9_]+|'[^']+'))*) = '((?:[^'\\]|\\[\\'])*)'`;
/** One observation expression: comparisons joined by OR. */
const PATTERN = new RegExp(String.raw`^\[${COMPARISON}(?: OR ${COMPARISON})*\]$`);

/** Problems with a pattern: its shape, then each comparison's path and value. */
function patternProblems(pattern: string): string[] {
  if (!PATTERN.test(pattern)) return [`pattern ${pattern} is not [comparison (OR comparison)*]`];
  const out: string[] = [];
  for (const m of pattern.matchAll(new RegExp(COMPARISON, 'g'))) {
    const check = PATTERN_VALUES[m[1]!];
    const literal = m[2]!.replace(/\\([\\'])/g, '$1');
    if (!check) out.push(`pattern path ${m[1]} is not one newsint should write`);
    else if (!check(literal)) out.push(`pattern value ${literal} is not a sane ${m[1]}`);
  }
  return out;
}

const MS_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type Obj = Record<string, unknown> & { type: string; id: string };

function refsOf(o: Obj): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (k.endsWith('_ref') && typeof v === 'string') out.push(v);
    if (k.endsWith('_refs') && Array.isArray(v)) out.push(...(v as string[]));
  }
  return out;
}

/** All problems found in `bundle` (empty when it is valid), each "id: what is wrong". */
export function checkStixBundle(bundle: unknown): string[] {
  validateBundle ??= compileBundleSchema();
  const problems: string[] = [];
  problems.push(...ownSchemaProblems((bundle as { objects?: Obj[] }).objects ?? []));
  // The bundle's anyOf/oneOf reports every branch it tried; the per-object errors above are the readable ones.
  if (!validateBundle(bundle)) problems.push(`bundle schema: ${validateBundle.errors?.[0]?.instancePath ?? ''} ${validateBundle.errors?.[0]?.message ?? 'invalid'}`);
  const b = bundle as { type: string; id: string; objects?: Obj[] };
  const objects = b.objects ?? [];
  const byId = new Map<string, Obj>();
  for (const o of objects) {
    if (byId.has(o.id)) problems.push(`${o.id}: id appears twice`);
    byId.set(o.id, o);
  }
  for (const o of objects) {
    const where = o.id;
    if (!o.id.startsWith(`${o.type}--`)) problems.push(`${where}: id prefix is not the type ${o.type}`);
    if (o.spec_version !== '2.1') problems.push(`${where}: spec_version is not 2.1`);
    for (const key of ['created', 'modified'] as const) {
      if (!MS_TIMESTAMP.test(String(o[key]))) problems.push(`${where}: ${key} is not a millisecond UTC timestamp`);
    }
    if (String(o.modified) < String(o.created)) problems.push(`${where}: modified ${String(o.modified)} is before created ${String(o.created)}`);
    for (const ref of refsOf(o)) if (!byId.has(ref)) problems.push(`${where}: ${ref} is not in the bundle`);
    for (const [k, v] of Object.entries(o)) if (Array.isArray(v) && v.length === 0) problems.push(`${where}: ${k} is an empty list`);
    switch (o.type) {
      case 'identity':
        if (!IDENTITY_CLASSES.has(String(o.identity_class))) problems.push(`${where}: identity_class ${String(o.identity_class)}`);
        for (const s of (o.sectors as string[] | undefined) ?? []) if (!INDUSTRY_SECTORS.has(s)) problems.push(`${where}: sector ${s} is not in industry-sector-ov`);
        break;
      case 'report':
        for (const t of (o.report_types as string[] | undefined) ?? []) if (!REPORT_TYPES.has(t)) problems.push(`${where}: report type ${t}`);
        break;
      case 'malware':
        if (o.is_family !== true) problems.push(`${where}: a named family must have is_family true`);
        break;
      case 'attack-pattern':
        for (const p of (o.kill_chain_phases as Array<{ kill_chain_name: string; phase_name: string }> | undefined) ?? []) {
          if (p.kill_chain_name === 'mitre-attack' && !(ATTACK_TACTICS as readonly string[]).includes(p.phase_name)) problems.push(`${where}: phase ${p.phase_name}`);
        }
        break;
      case 'indicator': {
        for (const t of (o.indicator_types as string[] | undefined) ?? []) if (!INDICATOR_TYPES.has(t)) problems.push(`${where}: indicator type ${t}`);
        if (o.pattern_type !== 'stix') problems.push(`${where}: pattern_type ${String(o.pattern_type)}`);
        for (const p of patternProblems(String(o.pattern))) problems.push(`${where}: ${p}`);
        break;
      }
      case 'relationship': {
        const type = String(o.relationship_type);
        const source = byId.get(String(o.source_ref))?.type;
        const target = byId.get(String(o.target_ref))?.type;
        if (!source || !target) break;
        const generic = type === 'related-to' || type === 'derived-from' || (type === 'duplicate-of' && source === target);
        if (!generic && !SPEC_RELATIONSHIPS[source]?.[type]?.includes(target)) problems.push(`${where}: ${source} ${type} ${target} is not a relationship STIX defines`);
        break;
      }
    }
    for (const ref of (o.external_references as Array<{ source_name: string; external_id?: string }> | undefined) ?? []) {
      if (ref.source_name !== 'mitre-attack' || !ref.external_id) continue;
      const shape = { 'intrusion-set': /^G\d{4}$/, malware: /^S\d{4}$/, tool: /^S\d{4}$/, 'attack-pattern': /^T\d{4}(\.\d{3})?$/ }[o.type as 'tool'];
      if (!shape?.test(ref.external_id)) problems.push(`${where}: ATT&CK id ${ref.external_id} does not fit a ${o.type}`);
    }
  }
  if (!/^bundle--/.test(b.id)) problems.push(`${b.id}: bundle id`);
  return problems;
}
