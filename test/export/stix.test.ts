/** toStix on the hand-made fixture: every object type, every relation, ids and timestamps. */
import { describe, expect, it } from 'vitest';
import { NEWSINT_IDENTITY, stixPattern, toStix, type StixObject } from '../../src/export/index.js';
import { stixId, uuidv5 } from '../../src/export/ids.js';
import { checkStixBundle } from '../helpers/stix-check.js';
import { fixtureRecord } from './fixture-record.js';

const record = fixtureRecord();
const bundle = toStix(record);
const objects = bundle.objects!;
const ofType = (type: string) => objects.filter((o) => o.type === type);
const named = (type: string, name: string) => objects.find((o) => o.type === type && o.name === name)!;
const rel = (source: StixObject, type: string, target: StixObject) =>
  objects.find((o) => o.type === 'relationship' && o.source_ref === source.id && o.relationship_type === type && o.target_ref === target.id);

describe('toStix: the hand-made fixture record', () => {
  it('validates against the OASIS schemas and the checks they miss', () => {
    expect(checkStixBundle(bundle)).toEqual([]);
  });

  it('writes every object type newsint exports', () => {
    expect(new Set(objects.map((o) => o.type))).toEqual(
      new Set(['identity', 'report', 'intrusion-set', 'malware', 'tool', 'attack-pattern', 'vulnerability', 'location', 'indicator', 'relationship']),
    );
    expect(ofType('indicator')).toHaveLength(12);
    expect(ofType('attack-pattern')).toHaveLength(2);
    expect(ofType('vulnerability').map((v) => v.name)).toEqual(['CVE-2024-21887', 'CVE-2023-46805']);
  });

  it('a report per article, its id from the record id, naming every other object', () => {
    const [report] = ofType('report');
    expect(report!.id).toBe(stixId('report', { x_newsint_record_id: record.id }));
    expect(report!.name).toBe(record.title);
    expect(report!.published).toBe('2024-11-12T10:00:00.000Z');
    expect(report!.external_references).toEqual([{ source_name: 'Example News', url: record.canonicalUrl }]);
    const others = objects.filter((o) => o.type !== 'report' && o.id !== NEWSINT_IDENTITY.id).map((o) => o.id);
    expect([...(report!.object_refs as string[])].sort()).toEqual(others.sort());
  });

  it('every object but newsint itself is created by newsint', () => {
    for (const o of objects) expect(o.created_by_ref).toBe(o.id === NEWSINT_IDENTITY.id ? undefined : NEWSINT_IDENTITY.id);
    expect(NEWSINT_IDENTITY).toMatchObject({ name: 'newsint', identity_class: 'system' });
  });

  it('intrusion set with aliases and its ATT&CK reference; malware a family; tool with its S-id', () => {
    expect(named('intrusion-set', 'Ember Mantis')).toMatchObject({
      aliases: ['APT-X1', 'Silent Quill'],
      external_references: [{ source_name: 'mitre-attack', external_id: 'G9901', url: 'https://attack.mitre.org/groups/G9901/' }],
    });
    expect(named('malware', 'QuietLoader')).toMatchObject({ is_family: true });
    expect(named('malware', 'QuietLoader').external_references).toBeUndefined();
    expect(named('tool', 'Rclone').external_references).toEqual([{ source_name: 'mitre-attack', external_id: 'S1040', url: 'https://attack.mitre.org/software/S1040/' }]);
  });

  it('attack patterns carry the mitre-attack reference and their tactics; CVEs their cve reference', () => {
    expect(named('attack-pattern', 'Spearphishing Attachment')).toMatchObject({
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1566.001', url: 'https://attack.mitre.org/techniques/T1566/001/' }],
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
    });
    expect(named('vulnerability', 'CVE-2024-21887').external_references).toEqual([
      { source_name: 'cve', external_id: 'CVE-2024-21887', url: 'https://www.cve.org/CVERecord?id=CVE-2024-21887' },
    ]);
  });

  it('companies and agencies are organizations (agencies in the government sector); a sector is a class with STIX sectors', () => {
    expect(named('identity', 'Northwind Telecom')).toMatchObject({ identity_class: 'organization' });
    expect(named('identity', 'CISA')).toMatchObject({ identity_class: 'organization', sectors: ['government'], description: 'Cybersecurity and Infrastructure Security Agency' });
    expect(named('identity', 'Energy')).toMatchObject({ identity_class: 'class', sectors: ['energy'] });
    expect(ofType('location').map((l) => [l.name, l.country])).toEqual([['China', 'CN'], ['Norway', 'NO']]);
  });

  it('an indicator per type, with the STIX pattern for its observable', () => {
    const patterns = Object.fromEntries(ofType('indicator').map((i) => [i.name, i.pattern]));
    expect(patterns).toMatchObject({
      '203.0.113.77': "[ipv4-addr:value = '203.0.113.77']",
      '2001:db8::77': "[ipv6-addr:value = '2001:db8::77']",
      'update-check.example': "[domain-name:value = 'update-check.example']",
      'https://update-check.example/a.php?id=1': "[url:value = 'https://update-check.example/a.php?id=1']",
      'ops@update-check.example': "[email-addr:value = 'ops@update-check.example']",
      '9e107d9d372bb6826bd81d3542a419d6': "[file:hashes.MD5 = '9e107d9d372bb6826bd81d3542a419d6']",
      '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12': "[file:hashes.'SHA-1' = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12']",
      'invoice_2024.exe': "[file:name = 'invoice_2024.exe']",
      // Backslashes are escaped inside a STIX string literal.
      'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\QuietSvc': "[windows-registry-key:key = 'HKCU\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run\\\\QuietSvc']",
      bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh: "[cryptocurrency-wallet:value = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh']",
    });
    for (const i of ofType('indicator')) expect(i).toMatchObject({ pattern_type: 'stix', valid_from: '2024-11-12T10:00:00.000Z', indicator_types: ['malicious-activity'] });
  });

  it('relations become the relationship STIX defines for the pair, with the sentence as description', () => {
    const group = named('intrusion-set', 'Ember Mantis');
    const loader = named('malware', 'QuietLoader');
    expect(rel(group, 'originates-from', named('location', 'China'))).toBeDefined();
    expect(rel(group, 'targets', named('identity', 'Northwind Telecom'))?.description).toContain('breached Northwind Telecom');
    expect(rel(group, 'targets', named('identity', 'Energy'))).toBeDefined();
    expect(rel(group, 'targets', named('location', 'Norway'))).toBeDefined();
    expect(rel(group, 'uses', loader)).toBeDefined();
    expect(rel(group, 'uses', named('tool', 'Rclone'))).toBeDefined();
    expect(rel(group, 'uses', named('attack-pattern', 'Spearphishing Attachment'))).toBeDefined();
    expect(rel(loader, 'uses', named('attack-pattern', 'PowerShell'))).toBeDefined();
    expect(rel(loader, 'exploits', named('vulnerability', 'CVE-2024-21887'))).toBeDefined();
    // STIX has no "intrusion-set exploits": an actor targets the vulnerability.
    expect(rel(group, 'targets', named('vulnerability', 'CVE-2023-46805'))).toBeDefined();
    expect(rel(named('indicator', '203.0.113.77'), 'indicates', loader)).toBeDefined();
    expect(rel(named('indicator', 'update-check.example'), 'indicates', group)).toBeDefined();
    // reported_by has no STIX relationship; 12 relations of the fixture's 13 are exported.
    expect(ofType('relationship')).toHaveLength(12);
  });
});

describe('stixPattern', () => {
  it('escapes quotes and backslashes inside the string literal', () => {
    expect(stixPattern({ type: 'url', value: "http://x.example/a'b\\c" })).toBe("[url:value = 'http://x.example/a\\'b\\\\c']");
  });
  it('a URL written without its scheme matches http or https', () => {
    expect(stixPattern({ type: 'url', value: '198.51.100.7:8080/gate' })).toBe("[url:value = 'http://198.51.100.7:8080/gate' OR url:value = 'https://198.51.100.7:8080/gate']");
    expect(stixPattern({ type: 'url', value: 'ftp://files.example/x' })).toBe("[url:value = 'ftp://files.example/x']");
  });
});

describe('toStix: deterministic ids and timestamps', () => {
  it('UUIDv5 matches RFC 4122 / Python uuid5, and ids follow OpenCTI recipes', () => {
    expect(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    // Python: uuid5(UUID('00abedb4-...'), json.dumps({'name': 'apt29'}, sort_keys=True, separators=(',', ':')))
    expect(stixId('intrusion-set', { name: 'apt29' })).toBe('intrusion-set--36319194-19e1-50ac-9163-778b56a1bf12');
  });

  it('exporting the same record twice is byte-identical, whenever it was extracted', () => {
    const again = toStix(fixtureRecord({ extractedAt: '2030-01-01T00:00:00.000Z' }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundle));
  });

  it('without publishedAt the article date falls back to fetchedAt, then extractedAt; modified never precedes created', () => {
    const noDates = toStix(fixtureRecord({ publishedAt: null, modifiedAt: null, fetchedAt: null }));
    const report = noDates.objects!.find((o) => o.type === 'report')!;
    expect([report.created, report.modified, report.published]).toEqual(Array(3).fill('2024-11-13T08:00:01.000Z'));
    const odd = toStix(fixtureRecord({ modifiedAt: '2020-01-01T00:00:00.000Z' }));
    expect(checkStixBundle(odd)).toEqual([]);
  });

  it('the same actor in two articles is one object in one bundle, with both reports', () => {
    const other = fixtureRecord({ id: 'b'.repeat(64), title: 'Another article', canonicalUrl: 'https://news.example.org/other', publishedAt: '2024-12-01T00:00:00.000Z', modifiedAt: null });
    other.entities.aptGroups[0] = { ...other.entities.aptGroups[0]!, aliases: ['Quill Team'] };
    const both = toStix([record, other]);
    expect(checkStixBundle(both)).toEqual([]);
    const sets = both.objects!.filter((o) => o.type === 'intrusion-set');
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ aliases: ['APT-X1', 'Silent Quill', 'Quill Team'], created: '2024-11-12T10:00:00.000Z', modified: '2024-12-01T00:00:00.000Z' });
    expect(both.objects!.filter((o) => o.type === 'report')).toHaveLength(2);
    expect(new Set(both.objects!.map((o) => o.id)).size).toBe(both.objects!.length);
  });
});

describe('toStix: one object per actor across articles', () => {
  it('"Midnight Blizzard" in one article and "APT29" in another are one intrusion set, named as the gazetteer names it', () => {
    const as = (name: string, id: string) => {
      const r = fixtureRecord({ id: id.repeat(64) });
      r.entities.aptGroups = [{ name, aliases: [], country: 'RU', attribution: null, mentions: [] }];
      r.relations = [];
      return r;
    };
    const sets = [toStix(as('Midnight Blizzard', 'c')), toStix(as('APT29', 'd'))].map((b) => b.objects!.find((o) => o.type === 'intrusion-set')!);
    expect(sets[0]!.id).toBe(sets[1]!.id);
    expect(sets[0]).toMatchObject({ name: 'APT29', aliases: ['Midnight Blizzard'] });
    expect(sets[1]!.id).toBe(stixId('intrusion-set', { name: 'apt29' }));
  });
});

describe('the bundle checker can fail', () => {
  const broken = (edit: (objects: StixObject[]) => void) => {
    const copy = JSON.parse(JSON.stringify(bundle)) as typeof bundle;
    edit(copy.objects!);
    return checkStixBundle(copy).join('\n');
  };
  it('catches a dangling ref, a wrong prefix, a bad sector, a relationship STIX does not define, a bad pattern, modified < created', () => {
    expect(broken((o) => (o.find((x) => x.type === 'report')!.object_refs = ['malware--00000000-0000-4000-8000-000000000000']))).toMatch(/is not in the bundle/);
    expect(broken((o) => (o.find((x) => x.type === 'tool')!.id = o.find((x) => x.type === 'tool')!.id.replace('tool--', 'malware--')))).toMatch(/prefix|schema/);
    expect(broken((o) => (o.find((x) => x.identity_class === 'class')!.sectors = ['water']))).toMatch(/industry-sector-ov/);
    expect(broken((o) => (o.find((x) => x.relationship_type === 'exploits')!.relationship_type = 'attributed-to'))).toMatch(/not a relationship STIX defines/);
    expect(broken((o) => (o.find((x) => x.type === 'indicator')!.pattern = "[ipv4-addr:value = '999.1.1.1']"))).toMatch(/not a sane/);
    expect(broken((o) => (o.find((x) => x.type === 'malware')!.modified = '2000-01-01T00:00:00.000Z'))).toMatch(/before created/);
    // The OASIS schema itself: a location must say where (country, region or coordinates).
    expect(broken((o) => delete o.find((x) => x.type === 'location')!.country)).toMatch(/location--.*schema/);
  });
});
