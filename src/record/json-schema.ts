/**
 * The published JSON Schema of the record (`newsint schema`): generated from the zod schema,
 * then given an `$id`, a title and description on every field, `date-time` formats, and open
 * objects, so a consumer that validates with it keeps accepting records after fields are
 * added (schemaVersion stays 1 for additions). The producer stays strict: every record is
 * checked against the zod schema itself before it leaves, and nothing outside it is emitted.
 */
import { z } from 'zod';
import { ArticleRecordSchema, SCHEMA_VERSION } from './schema.js';

export const RECORD_SCHEMA_ID = `https://github.com/newsint/newsint/schemas/article-record-v${SCHEMA_VERSION}.json`;

/** Fields holding ISO 8601 date-times (RFC 3339 `date-time` in JSON Schema terms). */
const DATE_TIME_FIELDS = new Set(['fetchedAt', 'extractedAt', 'publishedAt', 'modifiedAt']);

/**
 * What each field means, looked up by path (`entities.aptGroups[].name`), then with the entity
 * type as `*` (`entities.*[].name`), then by its own name. A field with none fails the test
 * in test/record/json-schema.test.ts, so a new field cannot ship undocumented.
 */
const DOCS: Record<string, string> = {
  schemaVersion: 'Version of this contract; it changes only when a field is renamed or its meaning changes, never for additions.',
  id: 'SHA-256 (hex) of canonicalUrl, or of text when there is no URL: the same article gives the same id.',
  url: 'The address as requested, or null for a local page given without a URL.',
  canonicalUrl: 'From <link rel=canonical> or og:url, else url; normalized (lower-case host, no fragment, no tracking parameters, sorted query).',
  fetchedAt: 'When the page was fetched, or null for a local page without one.',
  extractedAt: 'When this record was made.',
  title: 'Article headline, or null.',
  authors: 'Bylines, as the page gives them.',
  publishedAt: 'Publication time from JSON-LD, article meta, <time> or the byline; null when the page has none.',
  modifiedAt: 'Last-modified time the page states, or null.',
  siteName: 'Publication name, or null.',
  language: 'BCP 47 language tag of the article, or null.',
  text: 'The article body only; paragraphs, list items and subheadings joined by a blank line. Mentions are offsets into it.',
  wordCount: 'Words in text.',
  entities: 'What the article names, one list per type; one entry per real-world thing, with every mention.',
  'entities.agencies': 'Government agencies (CISA, NCSC, BSI, ...).',
  'entities.aptGroups': 'Threat actors: APT groups and ransomware operations named as actors.',
  'entities.companies': 'Companies (victims, vendors, researchers).',
  'entities.sectors': "Critical-infrastructure sectors, as CISA's 16 sector ids.",
  'entities.dates': 'Date expressions, resolved against publishedAt (else fetchedAt).',
  'entities.countries': 'Countries, by ISO 3166-1 alpha-2 code.',
  'entities.people': 'People, with their role when the text gives one.',
  'entities.cves': 'CVE identifiers.',
  'entities.malware': 'Malware families (ransomware encryptors included).',
  'entities.tools': 'Legitimate or dual-use software used by attackers (ATT&CK "tool"), kept apart from malware.',
  'entities.techniques': 'ATT&CK techniques, named by id or by name in context.',
  'entities.indicators': 'Indicators of compromise the article gives, refanged and normalized.',
  'entities.*[].name': 'The name as the article writes it first (for sectors: the sector id).',
  'entities.*[].aliases': 'Other names of the same thing in this article or the gazetteer.',
  'entities.*[].mentions': 'Every place the entity is named in text.',
  'entities.*[].mentions[].text': 'The mention as written; equals text.slice(start, end).',
  'entities.*[].mentions[].start': 'Offset of the first character in text (UTF-16 code units, as JavaScript counts).',
  'entities.*[].mentions[].end': 'Offset just after the last character in text.',
  'entities.*[].source': 'How the name was found: "gazetteer" (a known name) or "cue" (wording such as "dubbed X" around a new name).',
  'entities.*[].country': 'ISO 3166-1 alpha-2 code of the country, or null.',
  'entities.aptGroups[].attackId': 'MITRE ATT&CK group id (G....) when ATT&CK knows the group.',
  'entities.aptGroups[].attribution': '"stated" when the article attributes the group to country, "gazetteer" when the attribution is known, else null.',
  'entities.malware[].attackId': 'MITRE ATT&CK software id (S....) when ATT&CK knows the family.',
  'entities.tools[].attackId': 'MITRE ATT&CK software id (S....), or null.',
  'entities.agencies[].fullName': 'The agency\'s full name ("Cybersecurity and Infrastructure Security Agency"), or null.',
  'entities.sectors[].label': 'Human-readable sector name.',
  'entities.dates[].text': 'The expression as the article words it first ("last month").',
  'entities.dates[].value': 'Resolved ISO 8601 value: day (2024-11-13), month (2024-10), year (2024) or duration (P5Y).',
  'entities.dates[].granularity': 'How precise value is: day, week, month, quarter, year, decade or duration.',
  'entities.countries[].code': 'ISO 3166-1 alpha-2 code ("PRC" and "Chinese" are CN).',
  'entities.people[].role': 'Role the text gives ("CISA Director"), or null.',
  'entities.cves[].id': 'Normalized CVE-YYYY-NNNN.',
  'entities.techniques[].id': 'ATT&CK technique id (T1566 or sub-technique T1566.001).',
  'entities.techniques[].name': 'ATT&CK name of the technique.',
  'entities.techniques[].tactics': 'ATT&CK tactics the technique serves (initial-access, ...).',
  'entities.indicators[].type': 'Kind of observable: ipv4, ipv6, domain, url, email, md5, sha1, sha256, sha512, filename, registry-key, bitcoin-address.',
  'entities.indicators[].value': 'Refanged, normalized value (hxxp://evil[.]com -> http://evil.com; lower-case hashes and hosts).',
  'entities.indicators[].defanged': 'True when the article wrote it defanged.',
  relations: 'Statements the article makes about its entities, each with the sentence as evidence.',
  'relations[].subject': 'Name of the entity the statement is about.',
  'relations[].predicate': 'attributed_to, targeted, reported_by, uses, exploits or indicates.',
  'relations[].object': 'Name or code of the other side (a country code for attributed_to).',
  'relations[].evidence': 'The sentence that states it, as offsets into text.',
  'relations[].evidence.start': 'Offset of the sentence start in text.',
  'relations[].evidence.end': 'Offset just after the sentence in text.',
};

function docFor(path: string): string | undefined {
  return DOCS[path] ?? DOCS[path.replace(/^entities\.[A-Za-z]+\[\]/, 'entities.*[]')];
}

/** "aptGroups" -> "APT groups"-like titles: words of the key, first letter capitalized. */
function titleOf(key: string): string {
  const words = key.replace(/\[\]$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Node = Record<string, unknown>;

/** Fields without a description, by path; empty for the shipped schema. */
export const undocumented: string[] = [];

function annotate(node: Node, path: string): void {
  if (node.additionalProperties === false) delete node.additionalProperties;
  const props = node.properties as Record<string, Node> | undefined;
  if (props) {
    // Open objects: a consumer validating with this schema accepts fields added later.
    node.additionalProperties = true;
    for (const [key, child] of Object.entries(props)) {
      const childPath = path ? `${path}.${key}` : key;
      child.title ??= titleOf(key);
      const doc = docFor(childPath);
      if (doc) child.description ??= doc;
      else if (!child.description) undocumented.push(childPath);
      if (DATE_TIME_FIELDS.has(key) && !path) {
        const types = child.type;
        child.type = types;
        child.format = 'date-time';
      }
      annotate(child, childPath);
    }
  }
  if (node.items && typeof node.items === 'object') annotate(node.items as Node, `${path}[]`);
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) for (const sub of (node[k] as Node[] | undefined) ?? []) annotate(sub, path);
}

/** JSON Schema of the record, for `newsint schema` and for consumers in other languages. */
export function publishedRecordSchema(): Record<string, unknown> {
  undocumented.length = 0;
  const schema = z.toJSONSchema(ArticleRecordSchema, { io: 'output', unrepresentable: 'any' }) as Node;
  annotate(schema, '');
  return {
    $schema: schema.$schema,
    $id: RECORD_SCHEMA_ID,
    title: 'newsint article record',
    description:
      `One security-news article as structured threat intelligence (schemaVersion ${SCHEMA_VERSION}). ` +
      'Fields may be added without a new schemaVersion: accept properties you do not know. Renaming or repurposing a field bumps schemaVersion.',
    ...schema,
  };
}

/** The name the library has always exported. */
export const recordJsonSchema = publishedRecordSchema;
