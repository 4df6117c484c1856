import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { findPackageRoot, loadGazetteers } from '../../extractors/entities/gazetteer.js';
import { findNamedEntities } from '../../extractors/entities/named.js';
import { extractArticle } from '../../src/extract-article.js';
import { decodeHtml } from '../../src/fetch/charset.js';

const root = findPackageRoot();
// Tests may read the shared seed (CI has it); product code never does.
const seed = readFileSync(sharedPath('seeds', 'salt-typhoon-telecom-breach.txt'), 'utf8');

describe('findNamedEntities on the seed article', () => {
  // Found inside each test, not when the file loads: Stryker's per-test coverage credits code only
  // to the tests that run it.
  const find = () => findNamedEntities(seed);

  it('finds exactly the agencies, groups and companies the article names', () => {
    const found = find();
    expect(found.agencies.map((a) => a.name)).toEqual(['CISA', 'FBI']);
    expect(found.aptGroups.map((g) => [g.name, g.country])).toEqual([
      ['Salt Typhoon', 'CN'],
      ['Volt Typhoon', 'CN'],
    ]);
    // A news outlet may be present (the Wall Street Journal); the image credit and the byline's employer may not.
    const companies = found.companies.map((c) => c.name).filter((n) => !/wall street journal|wsj/i.test(n));
    expect(companies).toEqual(['AT&T', 'Verizon', 'Lumen Technologies']);
    expect(found.malware).toEqual([]);
  });

  it('states China as Salt Typhoon’s sponsor because the article does', () => {
    const found = find();
    expect(found.aptGroups[0]).toMatchObject({ attribution: 'stated' });
    expect(found.countries.map((c) => c.code)).toEqual(['CN', 'US']);
  });
});

describe('mentions', () => {
  it('slice back to their text, in order and once, on every sample', () => {
    const samples = join(root, 'samples');
    const pages = readdirSync(samples).filter((f) => /\.html?$/.test(f));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const record = extractArticle(decodeHtml(readFileSync(join(samples, page))), { url: `https://example.com/${page}` });
      const named = findNamedEntities(record.text);
      for (const list of Object.values(named)) {
        for (const entity of list as Array<{ mentions: Array<{ text: string; start: number; end: number }> }>) {
          const starts = entity.mentions.map((m) => m.start);
          expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
          for (const m of entity.mentions) expect(record.text.slice(m.start, m.end)).toBe(m.text);
        }
      }
    }
  });
});

describe('gazetteers', () => {
  const g = loadGazetteers(root);

  it('merged the actor clusters that share names into one actor', () => {
    const apt29 = g.groups.filter((x) => [x.name, ...x.aliases].includes('Midnight Blizzard'));
    expect(apt29).toHaveLength(1);
    expect([apt29[0]!.name, ...apt29[0]!.aliases]).toEqual(expect.arrayContaining(['APT29', 'UNC2452', 'Nobelium', 'COZY BEAR']));
    expect(apt29[0]!.country).toBe('RU');
    // APT28 shares a report name with APT29 but is a different actor.
    expect(apt29[0]!.aliases).not.toContain('APT28');
  });

  it('holds several hundred agencies, companies and malware families', () => {
    expect(g.agencies.length).toBeGreaterThan(180);
    expect(g.companies.length).toBeGreaterThan(400);
    expect(g.malware.length).toBeGreaterThan(400);
    expect(g.countries.find((c) => c.code === 'TR')!.aliases).toContain('Turkey');
  });
});

describe('short forms', () => {
  it('take a parenthesized abbreviation as the same thing, wherever the article repeats it', () => {
    const text =
      'The National Intelligence Service (NIS) briefed lawmakers. Analysts call the gang Golden Chickens (GC). ' +
      'Later the NIS said GC sold its kits to FIN6.';
    const found = findNamedEntities(text);
    expect(found.agencies.find((a) => a.name === 'NIS' || a.aliases.includes('NIS'))!.mentions).toHaveLength(3);
    // The article uses "GC" most, so that is the group's name here.
    const gc = found.aptGroups.find((g) => g.name === 'GC')!;
    expect(gc.aliases[0]).toBe('Golden Chickens');
    expect(gc.mentions.map((m) => m.text)).toEqual(['Golden Chickens', 'GC', 'GC']);
  });

  it("take a short form made of the name's leading letters run together", () => {
    const found = findNamedEntities('The kit bundles Poison Ivy (PIVY) with a loader; PIVY then beacons out.');
    const pivy = found.malware.find((m) => m.mentions.some((x) => x.text === 'Poison Ivy'))!;
    expect(pivy.mentions.map((m) => m.text)).toEqual(['Poison Ivy', 'PIVY', 'PIVY']);
  });

  it("take the short form of a vendor's unit as an organization of its own, but not of a product", () => {
    const found = findNamedEntities('The Kaspersky Threat Research Team (KTRT) posted samples. Later KTRT shared more. The F5 Traffic Management User Interface (TMUI) was exposed.');
    const ktrt = found.companies.find((c) => c.name === 'KTRT')!;
    expect(ktrt.mentions.map((m) => m.text)).toEqual(['KTRT', 'KTRT']);
    expect(found.companies.find((c) => c.name === 'Kaspersky')!.mentions.map((m) => m.text)).toEqual(['Kaspersky']);
    expect(found.companies.map((c) => c.name)).not.toContain('TMUI');
  });
});

describe('a group name used as software', () => {
  it('is malware when the article installs it and studies its versions, and never calls it a group', () => {
    const found = findNamedEntities('The macro tried to install KeyBoy on the host. Older versions of KeyBoy kept their settings in plain text.');
    expect(found.malware.map((m) => [m.name, m.source, m.mentions.length])).toEqual([['KeyBoy', 'cue', 2]]);
    expect(found.aptGroups).toEqual([]);
  });

  it('stays a group with a single such use, or once the article calls it a group', () => {
    expect(findNamedEntities('The macro tried to install KeyBoy on the host.').aptGroups.map((g) => g.name)).toEqual(['KeyBoy']);
    const grouped = findNamedEntities('The KeyBoy group reused its lures. It would install KeyBoy again, and versions of KeyBoy differ.');
    expect(grouped.malware).toEqual([]);
    expect(grouped.aptGroups.map((g) => g.mentions.length)).toEqual([3]);
  });
});

describe('a name ATT&CK lists as malware and never as a group', () => {
  it('is malware when nothing marks it, though an actor list names an actor after it', () => {
    const found = findNamedEntities('Once inside, the intruders ran NetTraveler to collect documents from the file server.');
    expect(found.malware.map((m) => m.name)).toEqual(['NetTraveler']);
    expect(found.aptGroups).toEqual([]);
  });

  it('is the group where the article calls it one', () => {
    const found = findNamedEntities('The NetTraveler group kept mailing lures to the same embassies.');
    expect(found.aptGroups.map((g) => g.mentions[0]!.text)).toEqual(['NetTraveler']);
    expect(found.malware).toEqual([]);
  });
});

describe('a name shared by a group and a malware family, in a list', () => {
  it('is a group beside a group: in an alias chain after a group and its nouns', () => {
    const found = findNamedEntities('Embassies were breached by the Turla espionage crew, previously reported as Turla threat actor group (also known as Snake).');
    expect(found.aptGroups.map((g) => g.mentions.map((m) => m.text))).toEqual([['Turla', 'Turla', 'Snake']]);
    expect(found.malware).toEqual([]);
  });

  it('is malware beside malware, though the article otherwise means the group', () => {
    const found = findNamedEntities('The Winnti group is back. The attackers left PlugX, Winnti and ShadowPad on the build servers. Winnti also wrote new lures.');
    expect(found.malware.map((m) => [m.name, m.mentions.length])).toEqual([['PlugX', 1], ['Winnti', 1], ['ShadowPad', 1]]);
    expect(found.aptGroups.map((g) => g.mentions.map((m) => m.text))).toEqual([['Winnti group', 'Winnti']]);
  });

  it('keeps the sense its own noun gives, whatever stands beside it', () => {
    const found = findNamedEntities('APT41 and the Winnti malware were both named in the indictment.');
    expect(found.malware.map((m) => m.name)).toEqual(['Winnti']);
  });
});

describe('a group name the article itself gives to malware', () => {
  it('is malware at that use and the group elsewhere', () => {
    const found = findNamedEntities('The Gamaredon group mailed lures all spring. Inside them sat a downloader dubbed Gamaredon by one vendor.');
    expect(found.aptGroups.map((g) => g.mentions.map((m) => m.text))).toEqual([['Gamaredon group']]);
    expect(found.malware.map((m) => [m.name, m.source, m.mentions.length])).toEqual([['Gamaredon', 'cue', 1]]);
  });

  it('is still the group where it is only another name of a group just named', () => {
    const found = findNamedEntities('Zebrocy is a backdoor used by APT28 (also known as Sofacy) against ministries.');
    expect(found.aptGroups.map((g) => g.mentions.map((m) => m.text))).toEqual([['APT28', 'Sofacy']]);
  });
});
