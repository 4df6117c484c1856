/**
 * MISP events: the fixture's every indicator type as the MISP attribute type and category an
 * analyst expects; for every sample, the attributes hold exactly the record's indicators, the
 * CVEs the sample's expected file lists, and the article link; galaxy tags name real clusters.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { readDataFile } from '../../src/package.js';
import { toMisp } from '../../src/export/index.js';
import { checkEventShape, EXPECTED_TYPE } from '../helpers/misp-check.js';
import { extractSample, listSamples } from '../helpers/samples.js';
import { fixtureRecord } from './fixture-record.js';

function galaxyValues(file: string): Set<string> {
  const data = JSON.parse(readFileSync(sharedPath('data', 'misp-galaxy', file), 'utf8')) as { values: Array<{ value: string }> };
  return new Set(data.values.map((v) => v.value));
}

describe('toMisp: the hand-made fixture', () => {
  const record = fixtureRecord();
  const event = toMisp(record);

  it('one event: title as info, the article date, deterministic uuid, valid types and categories', () => {
    checkEventShape(event);
    expect(event.Event).toMatchObject({ info: record.title, date: '2024-11-12', published: false });
    expect(JSON.stringify(toMisp(fixtureRecord({ extractedAt: '2031-01-01T00:00:00.000Z' })))).toBe(JSON.stringify(event));
  });

  it('each indicator becomes the MISP attribute type analysts expect, with its refanged value', () => {
    for (const i of record.entities.indicators) {
      const attr = event.Event.Attribute.find((a) => a.value === i.value);
      expect(attr, i.value).toBeDefined();
      expect(attr!.type).toBe(EXPECTED_TYPE[i.type]);
    }
    expect(event.Event.Attribute.find((a) => a.value === 'update-check.example')).toMatchObject({ category: 'Network activity', to_ids: true, comment: 'defanged in the article' });
    expect(event.Event.Attribute.find((a) => a.type === 'filename')).toMatchObject({ to_ids: false });
    expect(event.Event.Attribute.filter((a) => a.type === 'vulnerability').map((a) => a.value)).toEqual(['CVE-2024-21887', 'CVE-2023-46805']);
    expect(event.Event.Attribute.find((a) => a.type === 'link')?.value).toBe(record.canonicalUrl);
  });

  it('galaxy tags for the actor, malware, tool, techniques and sector', () => {
    expect(event.Event.Tag.map((t) => t.name)).toEqual([
      'tlp:clear',
      'misp-galaxy:threat-actor="Ember Mantis"',
      'misp-galaxy:tool="QuietLoader"',
      // Rclone's S-id is ATT&CK's: the tag is the cluster MISP has for it.
      'misp-galaxy:mitre-tool="Rclone - S1040"',
      'misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T1566.001"',
      'misp-galaxy:mitre-attack-pattern="PowerShell - T1059.001"',
      'misp-galaxy:sector="Energy"',
    ]);
  });
});

describe('toMisp: ATT&CK clusters', () => {
  it('a group or family with an ATT&CK id is tagged with the cluster MISP has, whatever the article calls it', () => {
    const record = fixtureRecord();
    record.entities.aptGroups[0] = { ...record.entities.aptGroups[0]!, name: 'Midnight Blizzard', aliases: [], attackId: 'G0016' };
    record.entities.malware[0] = { ...record.entities.malware[0]!, name: 'NOOPDOOR', attackId: 'S9023' };
    record.relations = [];
    const tags = toMisp(record).Event.Tag.map((t) => t.name);
    expect(tags).toContain('misp-galaxy:threat-actor="APT29"');
    expect(tags).toContain('misp-galaxy:mitre-intrusion-set="APT29 - G0016"');
    expect(tags).toContain('misp-galaxy:mitre-malware="HiddenFace - S9023"');
  });
});

describe('toMisp: every sample', () => {
  const samples = listSamples().map((s) => extractSample(s));

  it('attributes are exactly the record indicators, the expected CVEs and the article link', () => {
    for (const { record, expected } of samples) {
      const event = toMisp(record);
      checkEventShape(event);
      const attrs = event.Event.Attribute;
      const label = record.canonicalUrl ?? '';
      expect(attrs.filter((a) => a.type === 'vulnerability').map((a) => a.value).sort(), label).toEqual([...expected.entities.cves].sort());
      expect(attrs.filter((a) => a.type === 'link').map((a) => a.value), label).toEqual([expected.record.canonicalUrl]);
      const iocs = attrs.filter((a) => a.type !== 'vulnerability' && a.type !== 'link');
      expect(iocs.map((a) => [a.type, a.value]).sort(), label).toEqual(
        [...new Map(record.entities.indicators.map((i) => [`${EXPECTED_TYPE[i.type]} ${i.value}`, [EXPECTED_TYPE[i.type], i.value]])).values()].sort(),
      );
      expect(event.Event.date, label).toBe((expected.record.publishedAt ?? expected.input.fetchedAt).slice(0, 10));
      expect(event.Event.info).toBe(expected.record.title);
    }
  });

  it("every expected group is tagged as a threat actor; sector, technique and ATT&CK software tags name real galaxy clusters", () => {
    const gazetteer = (readDataFile('apt-groups.json') as { groups: Array<{ name: string; aliases: string[] }> }).groups;
    const sectors = galaxyValues('sector.json');
    const techniques = galaxyValues('mitre-attack-pattern.json');
    const attackTools = galaxyValues('mitre-tool.json');
    const attackMalware = galaxyValues('mitre-malware.json');
    const attackGroups = galaxyValues('mitre-intrusion-set.json');
    const actors = new Set([...galaxyValues('threat-actor.json'), ...galaxyValues('microsoft-activity-group.json')]);
    let actorTags = 0;
    let actorTagsInGalaxy = 0;
    for (const { record, expected } of samples) {
      const tags = toMisp(record).Event.Tag.map((t) => t.name);
      const values = (cluster: string) => tags.filter((t) => t.startsWith(`misp-galaxy:${cluster}=`)).map((t) => t.slice(cluster.length + 14, -1));
      for (const g of expected.entities.aptGroups) {
        const names = new Set([g.name, ...g.aliases].map((n) => n.toLowerCase()));
        const found = record.entities.aptGroups.find((r) => [r.name, ...r.aliases].some((n) => names.has(n.toLowerCase())));
        expect(found, `${g.name} in ${expected.record.canonicalUrl}`).toBeDefined();
        // The tag names the group as the article does, or by the gazetteer entry it belongs to.
        const own = [found!.name, ...found!.aliases];
        const entries = gazetteer.filter((e) => [e.name, ...e.aliases].some((n) => own.includes(n)));
        expect(values('threat-actor').some((v) => own.includes(v) || entries.some((e) => e.name === v)), g.name).toBe(true);
      }
      for (const v of values('sector')) expect(sectors.has(v), v).toBe(true);
      for (const v of values('mitre-attack-pattern')) expect(techniques.has(v), v).toBe(true);
      for (const v of values('mitre-tool')) expect(attackTools.has(v), v).toBe(true);
      for (const v of values('mitre-malware')) expect(attackMalware.has(v), v).toBe(true);
      for (const v of values('mitre-intrusion-set')) expect(attackGroups.has(v), v).toBe(true);
      for (const v of values('threat-actor')) {
        actorTags++;
        if (actors.has(v)) actorTagsInGalaxy++;
      }
    }
    console.log(`threat-actor tags on the samples: ${actorTagsInGalaxy}/${actorTags} name a MISP galaxy cluster`);
  });
});
