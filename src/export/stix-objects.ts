/**
 * One STIX domain object per record entity. Ids follow OpenCTI's recipes (ids.ts) so the same
 * thing named in many articles is one object; properties are the ones the record knows.
 */
import type { Agency, AptGroup, Company, Country, Cve, Indicator, Malware, Sector, Technique, Tool } from '../record/schema.js';
import { canonicalName } from './canonical-names.js';
import { normName, stixId } from './ids.js';
import { stixPattern } from './patterns.js';
import { AGENCY_SECTORS, STIX_SECTORS } from './sectors.js';
import type { ExternalReference, Stamp, StixObject } from './stix-types.js';

const ATTACK_URL = 'https://attack.mitre.org';
/** STIX's CVE reference pattern (the schemas' external-reference): 4 digits, or more without a leading 0. */
const CVE_REF = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** Country name for an ISO code, the same in every article (ids are made of it). */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}

function base(type: string, id: string, stamp: Stamp, createdBy: string): StixObject {
  return { type, spec_version: '2.1', id, created: stamp.created, modified: stamp.modified, created_by_ref: createdBy };
}

/** Other names, without the object's own name and without repeats (case-insensitive); undefined when none. */
function aliasList(name: string, names: readonly string[]): string[] | undefined {
  const seen = new Set([normName(name)]);
  const out: string[] = [];
  for (const n of names) {
    const k = normName(n);
    if (k && !seen.has(k)) {
      seen.add(k);
      out.push(n);
    }
  }
  return out.length ? out : undefined;
}

const attackRef = (kind: 'groups' | 'software', id: string): ExternalReference => ({
  source_name: 'mitre-attack',
  external_id: id,
  url: `${ATTACK_URL}/${kind}/${id}/`,
});

/** Drop undefined properties: STIX has no null, and an absent list is not an empty one. */
function clean<T extends StixObject>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function intrusionSet(g: AptGroup, stamp: Stamp, by: string): StixObject {
  const name = canonicalName('group', [g.name, ...g.aliases]);
  return clean({
    ...base('intrusion-set', stixId('intrusion-set', { name: normName(name) }), stamp, by),
    name,
    aliases: aliasList(name, [g.name, ...g.aliases]),
    external_references: g.attackId ? [attackRef('groups', g.attackId)] : undefined,
  });
}

export function malware(m: Malware, stamp: Stamp, by: string): StixObject {
  const name = canonicalName('malware', [m.name, ...m.aliases]);
  return clean({
    ...base('malware', stixId('malware', { name: normName(name) }), stamp, by),
    name,
    is_family: true,
    aliases: aliasList(name, [m.name, ...m.aliases]),
    external_references: m.attackId ? [attackRef('software', m.attackId)] : undefined,
  });
}

export function tool(t: Tool, stamp: Stamp, by: string): StixObject {
  return clean({
    ...base('tool', stixId('tool', { name: normName(t.name) }), stamp, by),
    name: t.name,
    aliases: aliasList(t.name, t.aliases),
    external_references: t.attackId ? [attackRef('software', t.attackId)] : undefined,
  });
}

export function attackPattern(t: Technique, stamp: Stamp, by: string): StixObject {
  const [parent, sub] = t.id.split('.');
  return clean({
    // OpenCTI keys techniques by ATT&CK id (lower-cased), not by name.
    ...base('attack-pattern', stixId('attack-pattern', { x_mitre_id: t.id.toLowerCase() }), stamp, by),
    name: t.name,
    external_references: [
      { source_name: 'mitre-attack', external_id: t.id, url: `${ATTACK_URL}/techniques/${parent}/${sub ? `${sub}/` : ''}` },
    ],
    kill_chain_phases: t.tactics.length ? t.tactics.map((phase_name) => ({ kill_chain_name: 'mitre-attack', phase_name })) : undefined,
    x_mitre_id: t.id,
  });
}

export function vulnerability(c: Cve, stamp: Stamp, by: string): StixObject {
  return clean({
    ...base('vulnerability', stixId('vulnerability', { name: normName(c.id) }), stamp, by),
    name: c.id,
    external_references: CVE_REF.test(c.id)
      ? [{ source_name: 'cve', external_id: c.id, url: `https://www.cve.org/CVERecord?id=${c.id}` }]
      : undefined,
  });
}

/** Companies and agencies are organizations; an agency's sector is government. */
export function organization(entity: Company | Agency, kind: 'company' | 'agency', stamp: Stamp, by: string): StixObject {
  const fullName = kind === 'agency' ? (entity as Agency).fullName : null;
  return clean({
    ...base('identity', stixId('identity', { name: normName(entity.name), identity_class: 'organization' }), stamp, by),
    name: entity.name,
    identity_class: 'organization',
    description: fullName && fullName !== entity.name ? fullName : undefined,
    sectors: kind === 'agency' ? [...AGENCY_SECTORS] : undefined,
    x_opencti_aliases: aliasList(entity.name, [...entity.aliases, ...(fullName ? [fullName] : [])]),
  });
}

/** A sector as a whole (the victims of "attacks on the water sector") is an identity of class `class`. */
export function sectorIdentity(s: Sector, stamp: Stamp, by: string): StixObject {
  return {
    ...base('identity', stixId('identity', { name: normName(s.label), identity_class: 'class' }), stamp, by),
    name: s.label,
    identity_class: 'class',
    sectors: [...STIX_SECTORS[s.name]],
  };
}

export function location(code: string, stamp: Stamp, by: string): StixObject {
  const name = countryName(code);
  return {
    ...base('location', stixId('location', { name: normName(name), x_opencti_location_type: 'Country' }), stamp, by),
    name,
    country: code,
    x_opencti_location_type: 'Country',
  };
}

export const countryLocation = (c: Country, stamp: Stamp, by: string): StixObject => location(c.code, stamp, by);

export function indicator(i: Indicator, validFrom: string, stamp: Stamp, by: string): StixObject {
  const pattern = stixPattern(i);
  return {
    ...base('indicator', stixId('indicator', { pattern }), stamp, by),
    name: i.value,
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: validFrom,
  };
}
