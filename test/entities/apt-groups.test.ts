import { describe, expect, it } from 'vitest';
import { mergeActors, numberedSpellings } from '../../extractors/data-build/merge-actors.js';
import { extractEntities } from '../../extractors/entities/index.js';

/** The aptGroups the real entry point finds in a text. */
const findAptGroups = (text: string) => extractEntities(text).entities.aptGroups;

describe('findAptGroups', () => {
  it('takes Proofpoint codes for actors and ATT&CK tactic ids for none', () => {
    const names = findAptGroups('TA505 and TA2541 used phishing (TA0001) to get in, then TA0043 reconnaissance.').map((g) => g.name);
    expect(names).toEqual(['TA505', 'TA2541']);
  });

  it('folds every alias the article uses into one group named as the article names it most', () => {
    const text =
      'Midnight Blizzard, which others call APT29 or Cozy Bear, phished diplomats. Microsoft said Midnight Blizzard ' +
      'reused infrastructure. The group, also tracked as Nobelium, has targeted governments since 2008.';
    const groups = findAptGroups(text);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'Midnight Blizzard', country: 'RU', attribution: 'gazetteer' });
    // The names the article uses come first, then other names the gazetteer knows for the group.
    expect(groups[0]!.aliases.slice(0, 3)).toEqual(['APT29', 'Cozy Bear', 'Nobelium']);
    expect(groups[0]!.aliases).toEqual(expect.arrayContaining(['UNC2452', 'The Dukes']));
    expect(new Set(groups[0]!.aliases.map((a) => a.toLowerCase())).size).toBe(groups[0]!.aliases.length);
  });

  it('never names a group after the campaign the article attributes to it', () => {
    const text = 'Cisco Talos named the espionage campaign ArcaneDoor and tracks the actor as UAT4356, a state-sponsored group.';
    expect(findAptGroups(text)[0]).toMatchObject({ name: 'UAT4356', aliases: ['ArcaneDoor'] });
  });

  it('takes the country from the text when the article states it', () => {
    const [g] = findAptGroups('China-backed Salt Typhoon breached several telecom providers.');
    expect(g).toMatchObject({ name: 'Salt Typhoon', country: 'CN', attribution: 'stated' });
    const [h] = findAptGroups('The breach was the work of Sandworm, which is linked to Russia’s GRU, investigators said.');
    expect(h).toMatchObject({ name: 'Sandworm', country: 'RU', attribution: 'stated' });
  });

  it('takes the country from the sentence before when the article names the group as "the group"', () => {
    const text = 'A pro-Russian hacktivist group took over the pumps.\n\nThe group, which calls itself Cyber Army of Russia Reborn, posted a video.';
    expect(findAptGroups(text)[0]).toMatchObject({ country: 'RU', attribution: 'stated' });
  });

  it('does not read a victim country as an attribution', () => {
    const [g] = findAptGroups('Volt Typhoon breached U.S. water utilities and attacked networks in Guam.');
    expect(g).toMatchObject({ name: 'Volt Typhoon', country: 'CN', attribution: 'gazetteer' });
  });

  it('finds groups named yesterday by the vendors’ naming schemes', () => {
    const text =
      'Microsoft tracks the intrusion set as Storm-9871, and a second cluster called Glasswing Typhoon hacked routers. ' +
      'Mandiant attributes a related campaign to UNC6999.';
    const groups = findAptGroups(text);
    expect(groups.map((g) => [g.name, g.country])).toEqual([
      ['Storm-9871', null],
      ['Glasswing Typhoon', 'CN'],
      ['UNC6999', null],
    ]);
  });

  it('takes the country written after a new group: an appositive or a stated link', () => {
    const text = 'Storm-9872, a Chinese espionage group, hit routers. UNC6995, tied to Iran by the report, phished diplomats.';
    expect(findAptGroups(text).map((g) => [g.name, g.country])).toEqual([
      ['Storm-9872', 'CN'],
      ['UNC6995', 'IR'],
    ]);
  });

  it('keeps two new groups found by their naming scheme apart', () => {
    const text = 'One intrusion was pinned on APT 97 and the other on APT 96.';
    expect(findAptGroups(text).map((g) => g.name)).toEqual(['APT 97', 'APT 96']);
  });

  it('keeps a second group apart when the article says it is another one', () => {
    const text = 'Salt Typhoon hit telecom firms. Another APT group known as Volt Typhoon targeted water utilities.';
    expect(findAptGroups(text).map((g) => g.name)).toEqual(['Salt Typhoon', 'Volt Typhoon']);
  });

  it('joins a new label to the group just discussed when the article introduces it as a name', () => {
    const text = 'APT29 sent signed RDP files to ministries. CERT-UA reported the same lures under its own label, UAC-0215.';
    const groups = findAptGroups(text);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.aliases[0]).toBe('UAC-0215');
  });

  it('finds multi-part vendor codes and plain names used as a group', () => {
    const names = (text: string) => findAptGroups(text).map((g) => g.name);
    expect(names('Mandiant linked the intrusion to TEMP.Quillon last year.')).toEqual(['TEMP.Quillon']);
    expect(names('Phishing lures from APT-C-99 reached banks.')).toEqual(['APT-C-99']);
    expect(names('The espionage cluster CL-STA-0999 breached telecoms.')).toEqual(['CL-STA-0999']);
    expect(names('Hive0999 sent malware to ministries.')).toEqual(['Hive0999']);
    expect(names('Ransom notes from the Lantern Collective threatened DDoS attacks.')).toEqual(['Lantern Collective']);
    expect(findAptGroups('The hackers behind the attacks, the Marrow group, sent phishing lures.').map((g) => g.name)).toEqual(['Marrow']);
    expect(findAptGroups('The Acme Widget group reported higher sales after the attack on its rival.')).toEqual([]);
  });

  it('finds a coined name the article describes or refers to as a group', () => {
    const names = (text: string) => findAptGroups(text).map((g) => g.name);
    expect(names('We assessed ReconQuill as a high-capability APT group.')).toEqual(['ReconQuill']);
    expect(names('GlowSpire, a North Korean threat actor, sent phishing lures.')).toEqual(['GlowSpire']);
    expect(names('Analysts say IronVesper is an espionage crew with a taste for routers.')).toEqual(['IronVesper']);
    expect(names('We refer to the attackers behind both phishing campaigns as “GlassHeron”.')).toEqual(['GlassHeron']);
    expect(names('DarkQuill is a loader used by the threat group.')).toEqual([]);
  });

  it('needs threat context for common-word names and for animal names', () => {
    expect(findAptGroups('Gold prices rose while a Teddy Bear sold out at the Equation bookstore.')).toEqual([]);
  });

  it('calls the people behind a malware family a group, by the bare name', () => {
    const [g] = findAptGroups('The TrickBot gang used new loaders in the campaign.');
    expect(g!.name).toBe('TrickBot');
  });

  it('takes a ransomware operation named as an actor for a group, its encryptor for malware', () => {
    const text =
      'Cl0p claimed the attack on Tuesday. The files appeared on the Cl0p leak site a day later, and Cl0p asked for $5 million. ' +
      'Responders found the Cl0p ransomware binary on two servers. Separately, the Akira ransomware hit a school.';
    const { aptGroups, malware } = extractEntities(text).entities;
    expect(aptGroups.map((g) => [g.name, g.mentions.length])).toEqual([['Cl0p', 3]]);
    expect(malware.map((m) => [m.name, m.mentions.length])).toEqual([
      ['Cl0p', 1],
      ['Akira', 1],
    ]);
  });
  it("does not take a naming scheme's word that is part of a malware family's name", () => {
    expect(findAptGroups('Hackers packed the Hidden Taurus Stealer twice before sending it.')).toEqual([]);
    expect(findAptGroups('Hackers from Hidden Taurus sent it twice.').map((g) => [g.name, g.country])).toEqual([['Hidden Taurus', 'CN']]);
  });
  it('takes the names listed after an alias cue that follows a known group as its aliases', () => {
    const groups = findAptGroups('Analysts watch Leviathan, also known as Quillfeather or Ashgrove, a threat actor tied to China.');
    expect(groups.map((g) => g.name)).toEqual(['Leviathan']);
    expect(groups[0]!.mentions.map((m) => m.text)).toEqual(['Leviathan', 'Quillfeather', 'Ashgrove']);
    expect(findAptGroups('Our tool, also known as Quillfeather, scans hosts for threat actors.')).toEqual([]);
    expect(findAptGroups('The threat actor Leviathan, also known as Operation Quill, hit ports.').map((g) => g.mentions.length)).toEqual([1]);
  });

  // Cases from the mutation run (`npm run mutation:full`): each fails when one condition of the
  // naming-scheme or alias rules in apt-groups.ts is changed.
  it('finds new names in the Secureworks and Trend Micro schemes, with the country each scheme implies', () => {
    const sw = findAptGroups('Secureworks researchers said IRON QUARTZ, a threat group, deployed a new backdoor against ministries.');
    expect(sw.map((g) => [g.name, g.country, g.attribution])).toEqual([['IRON QUARTZ', 'RU', 'gazetteer']]);
    const tm = findAptGroups('Trend Micro said Earth Quillon deployed a backdoor against telecom providers in a cyberattack.');
    expect(tm.map((g) => [g.name, g.country, g.attribution])).toEqual([['Earth Quillon', 'CN', 'gazetteer']]);
  });

  it('finds a coined name right after "threat actor", and not without a cue', () => {
    expect(findAptGroups('The threat actor VelvetMoth phished bank staff with a new backdoor.').map((g) => g.name)).toEqual(['VelvetMoth']);
    expect(findAptGroups('Analysts saw VelvetMoth phish bank staff with a new backdoor.')).toEqual([]);
  });

  it('joins a name "tracked as" to the group before it, unless the article says it is another group', () => {
    const same = findAptGroups('APT29 phished diplomats in the spring. The group, tracked as Storm-9917, hacked routers with malware.');
    expect(same.map((g) => g.name)).toEqual(['APT29']);
    expect(same[0]!.aliases[0]).toBe('Storm-9917');
    const other = findAptGroups('APT29 phished diplomats in the spring. Another group, tracked as Storm-9917, hacked routers with malware.');
    expect(other.map((g) => [g.name, g.country])).toEqual([
      ['APT29', 'RU'],
      ['Storm-9917', null],
    ]);
  });

  it('keeps what the gazetteer knows of a group when the article names it first by a new name', () => {
    const [g, ...rest] = findAptGroups('The threat actor QuillFang, which Microsoft tracks as Midnight Blizzard, phished diplomats with malware.');
    expect(rest).toEqual([]);
    expect(g).toMatchObject({ name: 'QuillFang', country: 'RU', attribution: 'gazetteer' });
    expect(g!.aliases.slice(0, 2)).toEqual(['Midnight Blizzard', 'APT29']);
  });

  it('reads an alias list joined by "and" to its last name', () => {
    const [g] = findAptGroups('APT40, also known as Quillfang, Marrowbird and Sootcrane, hacked shipping firms with malware.');
    expect(g!.aliases.slice(0, 3)).toEqual(['Quillfang', 'Marrowbird', 'Sootcrane']);
  });
});

describe("Microsoft's element names written in Title Case", () => {
  it('are the group when words about actors stand near, and every later mention follows', () => {
    const groups = findAptGroups('The state-sponsored Gallium actors went after telecom operators. Months later Gallium came back with a new web shell.');
    expect(groups.map((g) => [g.country, g.mentions.map((m) => m.text)])).toEqual([['CN', ['Gallium', 'Gallium']]]);
  });

  it('are no group among words about software alone, where the capitals form would be', () => {
    expect(findAptGroups('The stealer reads saved passwords from Chromium and Firefox profiles before the malware uploads them.')).toEqual([]);
    expect(findAptGroups('A report on the GALLIUM intrusions listed the malware it used.').map((g) => g.mentions[0]!.text)).toEqual(['GALLIUM']);
  });
});

describe('a name of the "Operation X" kind', () => {
  it('is a campaign, not a group, when the article uses it for the operation alone', () => {
    expect(findAptGroups('Operation Parliament ran through most of 2017 and hit ministries across the region.')).toEqual([]);
  });

  it('is the group where the article puts actors behind it or calls it a group', () => {
    const names = (text: string) => findAptGroups(text).map((g) => g.mentions[0]!.text);
    expect(names('The Operation Cleaver team grew its toolset quickly over two years.')).toEqual(['Operation Cleaver']);
    expect(names('Operation Soft Cell is a group that breaks into mobile carriers.')).toEqual(['Operation Soft Cell']);
  });
});

describe('a plain name before "group" without an article', () => {
  it('is a group where no other word could own the noun', () => {
    const names = (text: string) => findAptGroups(text).map((g) => g.mentions[0]!.text);
    expect(names('In the newest wave, Brindle group mailed invoices carrying a backdoor to shipping firms.')).toEqual(['Brindle']);
    expect(names('The intrusions were attributed to Brindle group by two vendors tracking the malware.')).toEqual(['Brindle']);
  });

  it('is not a determiner or a counting word opening the phrase', () => {
    expect(findAptGroups('This group has hit banks with ransomware. One group is enough for the attackers.')).toEqual([]);
  });
});

describe('numbered actor names', () => {
  it('lists the three spellings of a numbered scheme name, and none of another name', () => {
    expect(numberedSpellings('APT41')).toEqual(['APT41', 'APT 41', 'APT-41']);
    expect(numberedSpellings('FIN-7')).toEqual(['FIN7', 'FIN 7', 'FIN-7']);
    expect(numberedSpellings('TA 505')).toEqual(['TA505', 'TA 505', 'TA-505']);
    expect(numberedSpellings('APT-C-36')).toEqual([]);
    expect(numberedSpellings('Group 72')).toEqual([]);
    expect(numberedSpellings('apt41')).toEqual([]);
  });

  it('finds a group however the article spaces its number, as one group with its data', () => {
    for (const [text, name] of [
      ['The APT 41 group struck.', 'APT 41'],
      ['APT-41 struck.', 'APT-41'],
      ['APT41 struck.', 'APT41'],
    ] as const) {
      const [group, ...rest] = findAptGroups(text);
      expect(rest).toEqual([]);
      expect([group?.name, group?.country, group?.aliases.includes('Winnti')]).toEqual([name, 'CN', true]);
    }
    // Two spellings in one article: one group, both kept as the article wrote them.
    const [apt15, ...others] = findAptGroups('APT 15 and APT15 struck.');
    expect(others).toEqual([]);
    expect([apt15?.name, apt15?.aliases[0], apt15?.country]).toEqual(['APT15', 'APT 15', 'CN']);
  });
});

describe('the aliases a group record lists', () => {
  // From the mutation run: each of these changed records of the dev documents and no test saw it.
  const key = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

  it('lists each known name once, in one spelling, and the article spelling first', () => {
    const [g] = findAptGroups('The APT 41 group struck.');
    expect(g!.name).toBe('APT 41');
    expect(g!.aliases.filter((a) => key(a) === 'apt41')).toEqual([]);
    expect(new Set(g!.aliases.map(key)).size).toBe(g!.aliases.length);
  });

  it('lists no operation or campaign as an alias, and the known names it has', () => {
    const [g] = findAptGroups('Group123 struck again.');
    expect(g!.aliases.filter((a) => /^operation\s|campaign$/i.test(a))).toEqual([]);
    expect(g!.aliases).toEqual(expect.arrayContaining(['APT37', 'ScarCruft', 'Reaper']));
  });

  it('gives a group that no list knows no aliases', () => {
    expect(findAptGroups('Proofpoint tracks the actor as TA9999, which sent tax lures.').map((g) => [g.name, g.aliases, g.country])).toEqual([['TA9999', [], null]]);
  });

  it('takes no group from words that only look like a code or a name', () => {
    expect(findAptGroups('TG-0416 is an Advanced Persistent Threat (APT) group known to target banks.').map((g) => g.name)).toEqual(['TG-0416']);
    expect(findAptGroups('It ran a JScript file in %TEMP% and quit.')).toEqual([]);
    expect(findAptGroups('There is some overlap between IP addresses used Panda, it is unclear.')).toEqual([]);
  });
});

describe('mergeActors (gazetteer build)', () => {
  const options = { drop: new Set<string>(), otherOwners: new Map<string, string>(), commonWords: new Set(['cobalt']), malwareKeys: new Set(['seaduke']) };

  it('merges clusters that share a headline name, and keeps the most common country', () => {
    const { groups, mergeCount, countryConflicts } = mergeActors(
      [
        { source: 'threat-actor', value: 'APT29', names: ['APT29', 'Cozy Bear', 'SeaDuke'], country: 'RU' },
        { source: 'microsoft', value: 'Midnight Blizzard', names: ['Midnight Blizzard', 'APT29', 'NOBELIUM'], country: 'RU' },
        { source: 'mitre', value: 'APT29 - G0016', names: ['APT29 - G0016', 'Cozy Bear'], country: 'US' },
      ],
      options,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'APT29', country: 'RU', alsoMalware: ['SeaDuke'] });
    // The numbered name's other spellings come last ("APT 29", "APT-29": the matcher reads tokens).
    expect(groups[0]!.aliases).toEqual(['Cozy Bear', 'SeaDuke', 'Midnight Blizzard', 'NOBELIUM', 'APT 29', 'APT-29']);
    expect([mergeCount, countryConflicts]).toEqual([2, 1]);
  });

  it("keeps ATT&CK's casing of a name beside another file's, and no other file's second casing", () => {
    const { groups } = mergeActors(
      [
        { source: 'threat-actor', value: 'QUARRYMOTH', names: ['QUARRYMOTH', 'Moth Team', 'MOTH TEAM'], country: 'CN' },
        { source: 'mitre', value: 'Quarrymoth', names: ['Quarrymoth', 'QuarryMoth'], country: 'CN' },
      ],
      options,
    );
    expect([groups[0]!.name, ...groups[0]!.aliases]).toEqual(['QUARRYMOTH', 'Moth Team', 'Quarrymoth', 'QuarryMoth']);
  });

  it("finds the group written in ATT&CK's casing in prose", () => {
    expect(findAptGroups('Rancor is a threat group that went after governments in the region.').map((g) => [g.mentions[0]!.text, g.country])).toEqual([['Rancor', 'CN']]);
  });

  it('does not merge on one shared synonym that is nobody’s headline name', () => {
    const { groups } = mergeActors(
      [
        { source: 'threat-actor', value: 'APT28', names: ['APT28', 'Grizzly Steppe'], country: 'RU' },
        { source: 'threat-actor', value: 'APT29', names: ['APT29', 'Grizzly Steppe'], country: 'RU' },
        { source: 'threat-actor', value: 'Cobalt Group', names: ['Cobalt Group', 'Cobalt', '[Unnamed group]'], country: null },
      ],
      options,
    );
    expect(groups.map((g) => g.name)).toEqual(['APT28', 'APT29', 'Cobalt Group']);
    expect(groups[2]).toMatchObject({ aliases: ['Cobalt'], guarded: ['Cobalt'] });
  });
});
