import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';

/** The companies the real entry point finds in a text. */
const findCompanies = (text: string) => extractEntities(text).entities.companies;

const names = (text: string) => findCompanies(text).map((c) => c.name);

describe('findCompanies', () => {
  it('finds notable companies with their aliases as one company', () => {
    const text = 'Intruders breached AT&T, Verizon and Lumen Technologies. Microsoft Corp. and Microsoft said so.';
    expect(names(text)).toEqual(['AT&T', 'Verizon', 'Lumen Technologies', 'Microsoft']);
    expect(findCompanies(text).at(-1)!.aliases).toEqual(['Microsoft Corp.']);
  });

  it('finds companies the gazetteer lacks by their corporate suffix', () => {
    expect(names('Researchers at Northwind Labs and Quillfeather Systems Inc. said the firmware was tampered with.')).toEqual([
      'Northwind Labs',
      'Quillfeather Systems Inc.',
    ]);
  });

  it('does not make generic phrases, agencies, groups or countries companies', () => {
    const text =
      'Industrial Control Systems at the Department of Homeland Security were probed; Public Health officials, ' +
      'Sandworm and China were named. Photo: Getty Images.';
    expect(names(text)).toEqual([]);
  });

  it('takes common-word names only mid-sentence and standing alone', () => {
    expect(names('Apple pie is sweet. Shell scripts ran.')).toEqual([]);
    expect(names('Customers of Apple and Shell were told to update.')).toEqual(['Apple', 'Shell']);
  });

  it('finds research organizations by the words around them, but no people, plain words or universities', () => {
    expect(names('Researchers at VelvetGrid spotted the loader. NorthQuill researchers said the actor reused tools.')).toEqual(['VelvetGrid', 'NorthQuill']);
    expect(names('Researchers at the University of Toronto and Smith researchers said nothing. Experts at Google agreed.')).toEqual(['Google']);
  });

  it('knows security vendors, telecoms and outlets from around the world', () => {
    expect(names('Kaspersky, ESET and Group-IB shared indicators; Turkcell, Safaricom and Reuters reported the outage.')).toEqual([
      'Kaspersky',
      'ESET',
      'Group-IB',
      'Turkcell',
      'Safaricom',
      'Reuters',
    ]);
  });

  it('drops wire credits in datelines and copyright lines, keeps the outlet cited in prose', () => {
    expect(findCompanies('WASHINGTON (Reuters) - Hackers hit a utility.\n\n© 2024 Associated Press').map((c) => c.name)).toEqual([]);
    const [reuters] = findCompanies('WASHINGTON (Reuters) - Hackers hit a utility, Reuters reported.');
    expect(reuters?.mentions.map((m) => m.start)).toEqual([46]);
  });
});

describe('companies named by a cue', () => {
  const companies = (text: string) => extractEntities(text).entities.companies.map((c) => [c.name, c.source]);

  it('takes a name after a descriptor noun: "security firm X", "the payments vendor X"', () => {
    expect(companies('The lures were first flagged by the Estonian security firm Kelvora Cyber last spring.')).toEqual([['Kelvora Cyber', 'cue']]);
    expect(companies('Thieves hit kiosks made by the payments vendor Ostrander.')).toEqual([['Ostrander', 'cue']]);
  });

  it('does not take a weekday, a person or a role after the descriptor', () => {
    expect(companies('The security firm on Tuesday said a security company researcher, Mara Quist, found it.')).toEqual([]);
    expect(companies('A spokesperson for the firm declined to comment.')).toEqual([]);
  });

  it('takes a name before an appositive that says it is a company, not a product or a person', () => {
    expect(companies('The crew breached Tarnwell, a Dutch logistics company, in March.')).toEqual([['Tarnwell', 'cue']]);
    expect(companies('They also used Quillpad, a note-taking app, to stage files.')).toEqual([]);
    expect(companies('Jonas Reyes, a company spokesperson, confirmed it.')).toEqual([]);
  });

  it("takes a research team's own name, but not a known company's team or one described as 'our team'", () => {
    expect(companies('In May the Frontier Threat Research team linked the two campaigns.')).toEqual([['Frontier Threat Research', 'cue']]);
    expect(companies('The Applied Threat Analysis Unit published its notes.')).toEqual([['Applied Threat Analysis Unit', 'cue']]);
    expect(companies('A sample caught the attention of our Threat Analysis and Intelligence team.')).toEqual([]);
    expect(companies('Officials at the National Cyber Incident Response Team said nothing.').filter(([, s]) => s === 'cue')).toEqual([]);
  });

  it('takes the "Co., Ltd." legal form whole, and not "Co" alone', () => {
    expect(companies('The servers were leased from Qinghe Brightline Network Co., Ltd. in 2020.')).toEqual([['Qinghe Brightline Network Co., Ltd.', 'cue']]);
    expect(companies('The page was hosted by Marlow Digital Co.,Ltd and then moved.')).toEqual([['Marlow Digital Co.,Ltd', 'cue']]);
    expect(companies('He moved to Co Antrim and then to Co. Down last year.')).toEqual([]);
  });
});

describe("a company's short name after its full name", () => {
  const companies = (text: string) => extractEntities(text, { referenceDate: null }).entities.companies;

  it('is the same company once the article has written the full name', () => {
    const found = companies('Arbor Networks described the backdoor in June. After the Arbor write-up appeared, the operators changed their keys.');
    expect(found.map((c) => [c.name, c.mentions.map((m) => m.text)])).toEqual([['Arbor Networks', ['Arbor Networks', 'Arbor']]]);
  });

  it('keeps two-word short names and drops nothing that is not a corporate last word', () => {
    const found = companies('Palo Alto Networks shared indicators with us. Palo Alto later added two domains.');
    expect(found.map((c) => c.mentions.map((m) => m.text))).toEqual([['Palo Alto Networks', 'Palo Alto']]);
  });

  it('is not taken before the full name, inside a longer name, or as a plain word opening a sentence', () => {
    const found = companies('Arbor Day came early. Arbor Networks then wrote about it; the Arbor Lodge stayed shut. Positive Technologies replied. Positive signs followed.');
    expect(found.map((c) => c.mentions.map((m) => m.text))).toEqual([['Arbor Networks'], ['Positive Technologies']]);
  });
});

describe('security vendors named as the source of research', () => {
  const found = (text: string) => findCompanies(text).map((c) => [c.name, c.source]);

  it('takes a coined name that reports, tracks or publishes, or that a finding is credited to', () => {
    expect(found('Fennwick7 has detected a new wave of lures. The loader was first reported by QuarryOwl in May.')).toEqual([
      ['Fennwick7', 'cue'],
      ['QuarryOwl', 'cue'],
    ]);
    expect(found('Samples went to the FernGate team for a second look.')).toEqual([['FernGate', 'cue']]);
    expect(found('From Harbor9 we have been tracking the loader. The link was never verified by KESTREL7.')).toEqual([
      ['Harbor9', 'cue'],
      ['KESTREL7', 'cue'],
    ]);
    expect(found('Away from Stonewall we walked.')).toEqual([]);
    expect(found('So far DuskLantern has not seen the implant on servers.')).toEqual([['DuskLantern', 'cue']]);
    expect(found('According to SilverTrellis, the servers moved. Since then BlueHarrow has been tracking the operators.')).toEqual([
      ['SilverTrellis', 'cue'],
      ['BlueHarrow', 'cue'],
    ]);
  });

  it("takes a known company's short name in the same places, as that company", () => {
    const companies = findCompanies('In July, Palo Alto disclosed the loader, and the campaign was later documented by Arbor.');
    expect(companies.map((c) => [c.name, c.source])).toEqual([
      ['Palo Alto', 'gazetteer'],
      ['Arbor', 'gazetteer'],
    ]);
    // With the full name elsewhere, both are one company.
    const both = findCompanies('Arbor Networks shared samples. The loader was later documented by Arbor as well.');
    expect(both.map((c) => [c.name, c.aliases])).toEqual([['Arbor Networks', ['Arbor']]]);
  });

  it('takes no plain word (a surname), plural acronym or name-shaped surname, and nothing called "X detected as"', () => {
    expect(found('According to Halvorsen, the group is Iranian. The TTPs described in the report match.')).toEqual([]);
    expect(found('Sherrod said little; according to McAllister the lure was new.')).toEqual([]);
    expect(found('The app ships as a game, PondSkip detected as a dropper by some engines.')).toEqual([]);
    expect(found('The researcher who goes by Gr1mOwl first reported the leak.')).toEqual([]);
    expect(found('She moved to Palo Alto in 2019 and worked from Palo Alto since.')).toEqual([]);
  });
});

describe('companies found by a legal suffix or a research cue', () => {
  it('takes the words before a legal suffix, with the suffix as written', () => {
    expect(names('Quillfeather Systems Inc. patched the bug.')).toEqual(['Quillfeather Systems Inc.']);
    expect(names('Quillfeather Systems Incorporated patched the bug.')).toEqual(['Quillfeather Systems Incorporated']);
    expect(names('Acme Labs, Ltd said it patched the bug.')).toEqual(['Acme Labs, Ltd']);
    expect(names('Hackers hit Magic, Inc. on Monday.')).toEqual(['Magic, Inc.']);
    expect(names('Gravity Co., Ltd. was breached in May.')).toEqual(['Gravity Co., Ltd.']);
    expect(names('The contractor, Brightwater Quillfeather Data Systems Corp., was hit.')).toEqual(['Brightwater Quillfeather Data Systems Corp.']);
    expect(names('Hackers hit the company Glasswing Corp.')).toEqual(['Glasswing Corp.']);
    expect(names('glasswing corp was hit, and Glasswing Corp. then patched.')).toEqual(['Glasswing Corp.']);
  });

  it('leaves out a leading "The", and names that are the tail of a longer one or go on', () => {
    expect(names('The Acme Labs said it patched the bug.')).toEqual(['Acme Labs']);
    expect(names('Security Labs said it patched the bug.')).toEqual([]);
    expect(names('The breach hit the Canberra Institute for Strategic Security Ltd last week.')).toEqual([]);
    expect(names('Attackers targeted the Adaptive Security Appliance Corp Edition software.')).toEqual([]);
    expect(names('Officials at the Glasswing Ministry Ltd said so.')).toEqual([]);
  });

  it('takes a research organization named by "researchers at X" or "X researchers said"', () => {
    expect(names('Researchers at Quillfeather Labs said the flaw was new.')).toEqual(['Quillfeather Labs']);
    expect(names('Quillfeather Labs researchers said the flaw was new.')).toEqual(['Quillfeather Labs']);
    expect(names('Researchers at the Quillfeather Threat Unit found the loader.')).toEqual(['Quillfeather Threat Unit']);
    expect(names('Analysts from ThreatLabz observed the loader. Experts with Glasswing Security noted it.')).toEqual(['ThreatLabz', 'Glasswing Security']);
    // One plain word may be a surname, before "researchers said" too; a possessive ends the name.
    expect(names('Researchers at Smith found the loader.')).toEqual([]);
    expect(names("Researchers at Quillfeather's lab found the loader.")).toEqual([]);
    expect(names('The loader was new. Glasswing researchers said so.')).toEqual([]);
  });

  it('drops a wire credit, with or without a year', () => {
    expect(names('WASHINGTON (Reuters) - Hackers hit Quillfeather Systems Inc. on Monday.')).toEqual(['Quillfeather Systems Inc.']);
    expect(names('Text © 2019 Associated Press. Hackers hit a firm.')).toEqual([]);
    expect(names('Photo: © Reuters. Hackers hit a firm.')).toEqual([]);
  });
});
