import { describe, expect, it } from 'vitest';
import { findPeople } from '../../extractors/entities/people.js';
import { splitSentences } from '../../extractors/entities/sentences.js';

const people = (text: string, blocked: Array<{ start: number; end: number }> = []) =>
  findPeople(text, splitSentences(text), blocked).map((p) => [p.name, p.role]);

describe('findPeople', () => {
  // From the mutation run (`npm run mutation:full`): a later mention by surname is a whole word only.
  it('counts a later mention by surname only as a whole word', () => {
    const text =
      '"We are watching the attackers," said Jen Easterly, director of CISA. Flood warnings in Easterlyville were lifted. Easterly added that patches are out.';
    const found = findPeople(text, splitSentences(text), []);
    expect(found.map((p) => [p.name, p.mentions.map((m) => [m.text, m.start])])).toEqual([
      ['Jen Easterly', [['Jen Easterly', text.indexOf('Jen Easterly')], ['Easterly', text.lastIndexOf('Easterly added')]]],
    ]);
  });

  it('takes the role written before the name', () => {
    expect(people('Earlier this year, CISA Director Jen Easterly and FBI Director Christopher Wray testified.')).toEqual([
      ['Jen Easterly', 'CISA Director'],
      ['Christopher Wray', 'FBI Director'],
    ]);
    expect(people('“They are inside,” said Halberd Labs research director Maria Okonkwo.')).toEqual([
      ['Maria Okonkwo', 'Halberd Labs research director'],
    ]);
    expect(people('U.S. Attorney General Merrick Garland announced charges.')).toEqual([['Merrick Garland', 'U.S. Attorney General']]);
  });

  it('takes the role written after the name, with its organization', () => {
    expect(people('"It is bad," said John Hultquist, chief analyst at Google Threat Intelligence. He left.')).toEqual([
      ['John Hultquist', 'chief analyst at Google Threat Intelligence'],
    ]);
    expect(people('Smith, a researcher at Acme Security, found the flaw.')).toEqual([['Smith', 'researcher at Acme Security']]);
    expect(people('“We were lucky,” said Gloria Benedetti, the authority’s general manager.')).toEqual([['Gloria Benedetti', 'general manager']]);
    expect(people('“Weak password,” said Jürgen Weiß, a BSI spokesman, on Wednesday.')).toEqual([['Jürgen Weiß', 'BSI spokesman']]);
    expect(people('said Hannah Price, head of OT security at Ferrocene Consulting.')).toEqual([['Hannah Price', 'head of OT security at Ferrocene Consulting']]);
    expect(people('Jane Doe, vice president of threat research at Acme, agreed.')).toEqual([
      ['Jane Doe', 'vice president of threat research at Acme'],
    ]);
  });

  it('accepts a quoted person without a role only with a known first name', () => {
    expect(people('The breach is large, according to Kevin Mandia.')).toEqual([['Kevin Mandia', null]]);
    expect(people('Lumen Technologies said in a statement that Salt Typhoon was gone. Google Threat Intelligence said so.')).toEqual([]);
  });

  it("does not take the writer's own bio line for a person in the story", () => {
    expect(people('Maria Okafor is a senior security reporter based in London.')).toEqual([]);
    expect(people('Maria Okafor is a senior researcher at the lab.')).toEqual([['Maria Okafor', null]]);
  });

  it('never takes ordinary words or a byline word for a name', () => {
    expect(people('Furthermore, the President spoke. It kills Process Hacker, Task Manager and others.')).toEqual([]);
    expect(people('By Mark Arena, CEO of Intel 471.')).toEqual([['Mark Arena', 'CEO of Intel 471']]);
  });

  it('never turns a company, group or place into a person', () => {
    expect(people('Volt Typhoon, a Chinese group, hit Guam. Palo Alto Networks, a security vendor, said so.')).toEqual([]);
    const text = 'Said Jordan Harbor, a researcher at Acme.';
    const blocked = [{ start: text.indexOf('Jordan'), end: text.indexOf('Jordan') + 6 }];
    expect(people(text, blocked)).toEqual([]);
  });

  it('adds later surname mentions with valid offsets', () => {
    const text = 'FBI Director Christopher Wray spoke. Wray said the bureau acted. Wray Holdings did not.';
    const [wray] = findPeople(text, splitSentences(text));
    expect(wray?.mentions.map((m) => m.text)).toEqual(['Christopher Wray', 'Wray']);
    for (const m of wray!.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});
