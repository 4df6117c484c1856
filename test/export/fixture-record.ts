/**
 * A HAND-MADE RECORD, NOT A SAMPLE: one article's record with every entity type and every
 * relation predicate, written so the exporters meet each STIX object and MISP attribute type
 * whatever the extractors find today. Mentions are computed from the text, so the record
 * passes the record schema like a real one.
 */
import { ArticleRecordSchema, emptyEntities, type ArticleRecord, type Mention, type Relation } from '../../src/record/schema.js';

const TEXT = [
  'Harbor Analytics said the Ember Mantis group, a Chinese state-sponsored team also tracked as APT-X1 and Silent Quill (G9901), breached Northwind Telecom and struck the energy sector in Norway.',
  'The group used the QuietLoader backdoor and the dual-use tool Rclone (S1040) and relied on spearphishing attachments (T1566.001) and PowerShell (T1059.001).',
  'QuietLoader exploits CVE-2024-21887 in exposed gateways; the group also exploits CVE-2023-46805.',
  'Indicators: 203.0.113.77 and 2001:db8::77, the domain update-check[.]example, the URL hxxps://update-check[.]example/a.php?id=1, the sender ops@update-check.example, MD5 9e107d9d372bb6826bd81d3542a419d6, SHA-1 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12, SHA-256 d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592, SHA-512 07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb642e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6, the file invoice_2024.exe, the key HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\QuietSvc and the wallet bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh, which belongs to O\'Brien.',
  'The IP address 203.0.113.77 is the QuietLoader server, and the domain points to Ember Mantis.',
  'The Cybersecurity and Infrastructure Security Agency (CISA) confirmed the breach on Monday, said Dana Whitfield, a CISA spokesperson.',
].join('\n\n');

function at(text: string, needle: string, from = 0): Mention {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture text lacks "${needle}"`);
  return { text: needle, start, end: start + needle.length };
}

function sentence(text: string, needle: string): { start: number; end: number } {
  const m = at(text, needle);
  const start = text.lastIndexOf('\n\n', m.start);
  const end = text.indexOf('\n\n', m.end);
  return { start: start < 0 ? 0 : start + 2, end: end < 0 ? text.length : end };
}

export function fixtureRecord(overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  const t = TEXT;
  const e = emptyEntities();
  e.aptGroups.push({ name: 'Ember Mantis', aliases: ['APT-X1', 'Silent Quill'], country: 'CN', attribution: 'stated', attackId: 'G9901', mentions: [at(t, 'Ember Mantis')] });
  e.malware.push({ name: 'QuietLoader', aliases: [], source: 'cue', mentions: [at(t, 'QuietLoader')] });
  e.tools.push({ name: 'Rclone', aliases: [], attackId: 'S1040', mentions: [at(t, 'Rclone')] });
  e.techniques.push(
    { id: 'T1566.001', name: 'Spearphishing Attachment', tactics: ['initial-access'], mentions: [at(t, 'spearphishing attachments')] },
    { id: 'T1059.001', name: 'PowerShell', tactics: ['execution'], mentions: [at(t, 'PowerShell')] },
  );
  e.cves.push({ id: 'CVE-2024-21887', mentions: [at(t, 'CVE-2024-21887')] }, { id: 'CVE-2023-46805', mentions: [at(t, 'CVE-2023-46805')] });
  e.companies.push({ name: 'Northwind Telecom', aliases: [], source: 'cue', mentions: [at(t, 'Northwind Telecom')] }, { name: 'Harbor Analytics', aliases: [], mentions: [at(t, 'Harbor Analytics')] });
  e.agencies.push({ name: 'CISA', fullName: 'Cybersecurity and Infrastructure Security Agency', country: 'US', aliases: [], mentions: [at(t, 'CISA')] });
  e.sectors.push({ name: 'energy', label: 'Energy', mentions: [at(t, 'energy sector')] });
  e.countries.push({ code: 'CN', name: 'China', mentions: [at(t, 'Chinese')] }, { code: 'NO', name: 'Norway', mentions: [at(t, 'Norway')] });
  e.people.push({ name: 'Dana Whitfield', role: 'CISA spokesperson', mentions: [at(t, 'Dana Whitfield')] });
  e.dates.push({ text: 'Monday', value: '2024-11-11', granularity: 'day', mentions: [at(t, 'Monday')] });
  const ind = (type: ArticleRecord['entities']['indicators'][number]['type'], value: string, written: string, defanged = false) =>
    e.indicators.push({ type, value, defanged, mentions: [at(t, written)] });
  ind('ipv4', '203.0.113.77', '203.0.113.77');
  ind('ipv6', '2001:db8::77', '2001:db8::77');
  ind('domain', 'update-check.example', 'update-check[.]example', true);
  ind('url', 'https://update-check.example/a.php?id=1', 'hxxps://update-check[.]example/a.php?id=1', true);
  ind('email', 'ops@update-check.example', 'ops@update-check.example');
  ind('md5', '9e107d9d372bb6826bd81d3542a419d6', '9e107d9d372bb6826bd81d3542a419d6');
  ind('sha1', '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12', '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12');
  ind('sha256', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592');
  ind('sha512', '07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb642e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6', '07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb642e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6');
  ind('filename', 'invoice_2024.exe', 'invoice_2024.exe');
  ind('registry-key', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\QuietSvc', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\QuietSvc');
  ind('bitcoin-address', 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh');

  const rel = (subject: string, predicate: Relation['predicate'], object: string, cue: string): Relation => ({ subject, predicate, object, evidence: sentence(t, cue) });
  const relations: Relation[] = [
    rel('Ember Mantis', 'attributed_to', 'CN', 'Chinese state-sponsored'),
    rel('Ember Mantis', 'targeted', 'Northwind Telecom', 'breached Northwind'),
    rel('Ember Mantis', 'targeted', 'energy', 'energy sector'),
    rel('Ember Mantis', 'targeted', 'NO', 'in Norway'),
    rel('Ember Mantis', 'reported_by', 'Harbor Analytics', 'Harbor Analytics said'),
    rel('Ember Mantis', 'uses', 'QuietLoader', 'QuietLoader backdoor'),
    rel('Ember Mantis', 'uses', 'Rclone', 'Rclone'),
    rel('Ember Mantis', 'uses', 'T1566.001', 'spearphishing attachments'),
    rel('QuietLoader', 'uses', 'T1059.001', 'PowerShell'),
    rel('QuietLoader', 'exploits', 'CVE-2024-21887', 'QuietLoader exploits'),
    rel('Ember Mantis', 'exploits', 'CVE-2023-46805', 'also exploits'),
    rel('203.0.113.77', 'indicates', 'QuietLoader', 'QuietLoader server'),
    rel('update-check.example', 'indicates', 'Ember Mantis', 'points to Ember Mantis'),
  ];
  return ArticleRecordSchema.parse({
    schemaVersion: 1,
    id: 'f1x7ure0'.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a'),
    url: 'https://news.example.org/2024/11/ember-mantis',
    canonicalUrl: 'https://news.example.org/2024/11/ember-mantis',
    fetchedAt: '2024-11-13T08:00:00.000Z',
    extractedAt: '2024-11-13T08:00:01.000Z',
    title: 'Fixture: Ember Mantis breaches a telecom (hand-made test record)',
    authors: ['Test Author'],
    publishedAt: '2024-11-12T10:00:00.000Z',
    modifiedAt: '2024-11-12T15:30:00.000Z',
    siteName: 'Example News',
    language: 'en',
    text: t,
    wordCount: t.split(/\s+/).length,
    entities: e,
    relations,
    ...overrides,
  });
}
