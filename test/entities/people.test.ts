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

  it('reads a long title before the name as the role, however many words it has', () => {
    // A capitalized run of title and name words was cut after four words: "Jane" alone was left.
    expect(people('Yesterday, Chief Information Security Officer Jane Doe left.')).toEqual([['Jane Doe', 'Chief Information Security Officer']]);
    expect(people('Yesterday, Acme Vice President Jane Doe spoke.')).toEqual([['Jane Doe', 'Acme Vice President']]);
    // A sentence opener and a day name are no part of the role.
    expect(people('The CISA Director Jen Easterly spoke. On Monday FBI Director Christopher Wray spoke.')).toEqual([
      ['Jen Easterly', 'CISA Director'],
      ['Christopher Wray', 'FBI Director'],
    ]);
  });

  it('ends a name at its possessive, so what the person owns is no part of it', () => {
    expect(people("The group targeted German Chancellor Angela Merkel's Christian Democratic Union party.")).toEqual([['Angela Merkel', 'German Chancellor']]);
    const text = "I was well served by Steven Covey’s The 7 Habits as a guide. Covey wrote it in 1989.";
    const found = findPeople(text, splitSentences(text), []);
    expect(found.map((p) => [p.name, p.mentions.map((m) => m.text)])).toEqual([['Steven Covey', ['Steven Covey', 'Covey']]]);
  });

  it('names a person by a handle after a person noun, and no pronoun or article', () => {
    const text = 'A hacker known as the group left. A developer who goes by Zer0Pulse wrote it.';
    const found = findPeople(text, splitSentences(text), []);
    expect(found.map((p) => [p.name, p.mentions.map((m) => [m.text, m.start])])).toEqual([['Zer0Pulse', [['Zer0Pulse', text.indexOf('Zer0Pulse')]]]]);
  });

  it('takes a name whose surname is a word of the language only next to a speech verb', () => {
    expect(people('The patch, Amy Long said, works.')).toEqual([['Amy Long', null]]);
    expect(people('Amy Long agrees the patch works.')).toEqual([]);
  });

  it('counts a surname mention only between non-letters, letters outside the BMP included', () => {
    // "𝐀" (U+1D400) is a letter written as two UTF-16 units.
    const text = 'FBI Director Christopher Wray spoke. 𝐀Wray and Wray𝐀 are no mentions. Wray agreed.';
    const [wray] = findPeople(text, splitSentences(text), []);
    expect(wray?.mentions.map((m) => [m.text, m.start])).toEqual([
      ['Christopher Wray', text.indexOf('Christopher')],
      ['Wray', text.lastIndexOf('Wray')],
    ]);
  });

  it('reads no role after a comma with no space after it', () => {
    expect(people('The breach is large, according to Kevin Mandia,and others.')).toEqual([['Kevin Mandia', null]]);
  });

  it('adds later surname mentions with valid offsets', () => {
    const text = 'FBI Director Christopher Wray spoke. Wray said the bureau acted. Wray Holdings did not.';
    const [wray] = findPeople(text, splitSentences(text));
    expect(wray?.mentions.map((m) => m.text)).toEqual(['Christopher Wray', 'Wray']);
    for (const m of wray!.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});
