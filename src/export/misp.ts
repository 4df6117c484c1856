/**
 * A record as a MISP event (MISP's JSON format, `{ "Event": ... }`): one event per article,
 * the indicators and CVEs as attributes, the source as a link, actors, malware, tools,
 * techniques and sectors as galaxy tags (ATT&CK groups and software by their MISP cluster). Uuids and timestamps come from the record, so the
 * same record always gives the same event (MISP updates it rather than adding a copy).
 */
import type { ArticleRecord } from '../record/schema.js';
import { attackCluster } from './attack-names.js';
import { canonicalName } from './canonical-names.js';
import { canonicalJson, uuidv5 } from './ids.js';
import { MISP_CVE_KIND, MISP_INDICATOR_KINDS, MISP_SECTORS, MISP_SOURCE_KIND, type MispAttributeKind } from './misp-types.js';
import { articleTimes } from './stix.js';

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  distribution: string;
  timestamp: string;
  comment: string;
}

export interface MispTag {
  name: string;
}

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    timestamp: string;
    published: boolean;
    analysis: string;
    threat_level_id: string;
    Orgc: { name: string; uuid: string };
    Attribute: MispAttribute[];
    Tag: MispTag[];
  };
}

/** newsint as the creating organisation (a fixed uuid). */
export const NEWSINT_ORG = { name: 'newsint', uuid: uuidv5(canonicalJson({ misp_org: 'newsint' })) };
/** Analysis "2": the article is finished work; threat level "4": undefined (news says nothing of it). */
const ANALYSIS_COMPLETED = '2';
const THREAT_LEVEL_UNDEFINED = '4';
/** Attributes inherit the event's distribution ("5"). */
const INHERIT = '5';

const galaxy = (cluster: string, value: string): MispTag => ({ name: `misp-galaxy:${cluster}="${value.replace(/"/g, "'")}"` });

export function toMisp(record: ArticleRecord): MispEvent {
  const { date, modified } = articleTimes(record);
  const eventUuid = uuidv5(canonicalJson({ misp_event: record.id }));
  const timestamp = String(Math.floor(Date.parse(modified) / 1000));
  const attributes: MispAttribute[] = [];
  const seen = new Set<string>();
  const attribute = (kind: MispAttributeKind, value: string, comment = '') => {
    const key = `${kind.type}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    const uuid = uuidv5(canonicalJson({ event: eventUuid, type: kind.type, value }));
    attributes.push({ uuid, type: kind.type, category: kind.category, value, to_ids: kind.to_ids, distribution: INHERIT, timestamp, comment });
  };

  const source = record.canonicalUrl ?? record.url;
  if (source) attribute(MISP_SOURCE_KIND, source, 'the article');
  const e = record.entities;
  for (const i of e.indicators) attribute(MISP_INDICATOR_KINDS[i.type], i.value, i.defanged ? 'defanged in the article' : '');
  for (const c of e.cves) attribute(MISP_CVE_KIND, c.id);

  const tags: MispTag[] = [{ name: 'tlp:clear' }];
  const tag = (t: MispTag) => {
    if (!tags.some((x) => x.name === t.name)) tags.push(t);
  };
  // ATT&CK clusters by id where MISP has one (attack-names.ts); else MISP's threat-actor and tool galaxies by name.
  const byAttackId = (id: string | null | undefined) => {
    const c = id ? attackCluster(id) : undefined;
    return c ? galaxy(c.galaxy, c.value) : undefined;
  };
  for (const g of e.aptGroups) {
    tag(galaxy('threat-actor', canonicalName('group', [g.name, ...g.aliases])));
    const attack = byAttackId(g.attackId);
    if (attack) tag(attack);
  }
  for (const m of e.malware) tag(byAttackId(m.attackId) ?? galaxy('tool', canonicalName('malware', [m.name, ...m.aliases])));
  for (const t of e.tools) tag(byAttackId(t.attackId) ?? galaxy('tool', t.name));
  for (const t of e.techniques) tag(galaxy('mitre-attack-pattern', `${t.name} - ${t.id}`));
  for (const s of e.sectors) for (const v of MISP_SECTORS[s.name]) tag(galaxy('sector', v));

  return {
    Event: {
      uuid: eventUuid,
      info: record.title?.trim() || source || `Article ${record.id.slice(0, 12)}`,
      date: date.slice(0, 10),
      timestamp,
      published: false,
      analysis: ANALYSIS_COMPLETED,
      threat_level_id: THREAT_LEVEL_UNDEFINED,
      Orgc: { ...NEWSINT_ORG },
      Attribute: attributes,
      Tag: tags,
    },
  };
}
