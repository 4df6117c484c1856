/**
 * People on a set of short passages written for this test (issue 8): full names with and without a
 * role, surnames after the first mention, researcher handles, and names that are also places,
 * companies or products. Precision over the whole set must stay at 0.95 or better.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';

interface Case {
  text: string;
  /** Every person the passage names (full name or handle), nothing else. */
  people: string[];
  /** Surname-only mentions that must join the person: [person, surname]. */
  surnames?: Array<[string, string]>;
}

const CASES: Case[] = [
  // Full names with no role next to them.
  { text: 'Research by Natalia Brandt found the loader in three hospital networks.', people: ['Natalia Brandt'] },
  { text: 'The write-up credits Tomas Lindqvist with spotting the second-stage payload.', people: ['Tomas Lindqvist'] },
  { text: 'In a thread on Monday, Priya Raman walked through the exploit chain step by step.', people: ['Priya Raman'] },
  { text: 'Slides from Daniel Okafor show the same command server in both campaigns.', people: ['Daniel Okafor'] },
  { text: 'A paper co-written by Helena Vasquez and Marcus Feld describes the wiper.', people: ['Helena Vasquez', 'Marcus Feld'] },
  { text: 'Court filings name Yusuf Demir as the operator of the bulletproof host.', people: ['Yusuf Demir'] },
  // With a role.
  { text: 'Europol spokesperson Ingrid Solberg said the servers were seized in a joint action.', people: ['Ingrid Solberg'] },
  { text: 'Rachel Moreau, head of threat research at a Paris consultancy, called the campaign unusually patient.', people: ['Rachel Moreau'] },
  // Surnames after the first mention.
  {
    text: 'Researcher Kevin Ostrowski first saw the implant in March. Ostrowski says it hides in a printer driver.',
    people: ['Kevin Ostrowski'],
    surnames: [['Kevin Ostrowski', 'Ostrowski']],
  },
  {
    text: 'The report was written by Amelia Hartmann. According to Hartmann, the actor reused old certificates.',
    people: ['Amelia Hartmann'],
    surnames: [['Amelia Hartmann', 'Hartmann']],
  },
  {
    text: 'Samuel Achterberg traced the payments to a mixer. Achterberg later shared the wallet list with police.',
    people: ['Samuel Achterberg'],
    surnames: [['Samuel Achterberg', 'Achterberg']],
  },
  {
    text: 'Lucia Ferraro, a malware analyst, disclosed the flaw. The vendor thanked Ferraro in its advisory.',
    people: ['Lucia Ferraro'],
    surnames: [['Lucia Ferraro', 'Ferraro']],
  },
  // Handles.
  { text: 'The bug was reported by a researcher who goes by Zer0Pulse on social media.', people: ['Zer0Pulse'] },
  { text: 'A hacker known online as "Graywhisper" offered the database for sale; Graywhisper asked for Monero.', people: ['Graywhisper'] },
  { text: 'The proof of concept came from a developer using the handle @n1ghtjar.', people: ['@n1ghtjar'] },
  { text: 'An independent researcher who goes by the name Quill Vandermeer published the exploit.', people: ['Quill Vandermeer'] },
  // Names that are also places.
  { text: 'Georgia Whitfield, a reporter, confirmed the leak with two employees.', people: ['Georgia Whitfield'] },
  { text: 'Sydney Park said the ransomware encrypted backups first.', people: ['Sydney Park'] },
  { text: 'The operators moved their servers from Georgia to Jordan last spring.', people: [] },
  { text: 'Attacks on hospitals in Victoria and Sydney rose sharply this quarter.', people: [] },
  { text: 'Police in Paris and Lyon arrested two suspects.', people: [] },
  // Names that are also companies or products.
  { text: 'Michael Dell said the company would review its suppliers.', people: ['Michael Dell'] },
  { text: 'Oracle and Cisco shipped patches on the same day.', people: [] },
  { text: 'The intruders used Cobalt Strike and Mimikatz after breaking into Acme Systems Inc.', people: [] },
  { text: 'Jasper Loader and Agent Tesla were both seen in the second wave.', people: [] },
  { text: 'The Windows Defender team released new signatures on Tuesday.', people: [] },
  // No people at all: plain prose, capitalized words, months and groups.
  { text: 'Patch Tuesday fixed four zero-days, two of them under attack.', people: [] },
  { text: 'Volt Typhoon hid inside routers of small offices for months.', people: [] },
  { text: 'In May the group switched to a new loader written in Go.', people: [] },
  { text: 'Grace Period settings in the VPN let the session survive a password change.', people: [] },
  { text: 'The Lazarus Group stole the funds through a fake job offer.', people: [] },
  // Mixed.
  {
    text: 'Speaking at a conference, Victor Almeida showed the decryptor. Almeida said the gang, which the researcher who goes by Kr4ken first named, had gone quiet.',
    people: ['Victor Almeida', 'Kr4ken'],
    surnames: [['Victor Almeida', 'Almeida']],
  },
  { text: 'Federal prosecutors charged Oleksandr Hrytsenko, 31, with laundering ransom payments.', people: ['Oleksandr Hrytsenko'] },
  { text: 'The campaign was first described by Emily Carter of a small incident-response firm in Ohio.', people: ['Emily Carter'] },
];

describe('people on the written passages', () => {
  const results = CASES.map((c) => ({ c, people: extractEntities(c.text).entities.people }));

  it('names the people of each passage with precision 0.95 or better over the set', () => {
    let predicted = 0;
    let right = 0;
    let expected = 0;
    const wrong: string[] = [];
    for (const { c, people } of results) {
      expected += c.people.length;
      for (const p of people) {
        predicted++;
        if (c.people.includes(p.name)) right++;
        else wrong.push(`${p.name} in "${c.text}"`);
      }
    }
    const precision = right / predicted;
    const recall = right / expected;
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(precision, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
    // The set is there for precision, but a finder that finds no one would pass that: recall too.
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });

  it('joins a surname to the person named in full before it', () => {
    for (const { c, people } of results) {
      for (const [name, surname] of c.surnames ?? []) {
        expect(people.find((p) => p.name === name)?.mentions.map((m) => m.text)).toContain(surname);
      }
    }
  });

  it('marks every person as found by a cue', () => {
    for (const { people } of results) for (const p of people) expect(p.source).toBe('cue');
  });
});
