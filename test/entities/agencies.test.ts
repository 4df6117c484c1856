import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';

/** The agencies the real entry point finds in a text. */
const findAgencies = (text: string) => extractEntities(text).entities.agencies;

describe('findAgencies', () => {
  it('folds an acronym and its full name into one agency with country', () => {
    const text = 'The Federal Bureau of Investigation said on Monday that the FBI had seized servers. The FBI declined to comment.';
    const [fbi, ...rest] = findAgencies(text);
    expect(rest).toEqual([]);
    expect(fbi).toMatchObject({ name: 'FBI', fullName: 'Federal Bureau of Investigation', country: 'US', aliases: ['Federal Bureau of Investigation'] });
    expect(fbi!.mentions.map((m) => m.text)).toEqual(['Federal Bureau of Investigation', 'FBI', 'FBI']);
  });

  it('does not make "the bureau" a new agency', () => {
    const found = findAgencies('The FBI warned hospitals. The bureau said the agency and the department were working on it.');
    expect(found.map((a) => a.name)).toEqual(['FBI']);
  });

  it('knows agencies beyond the US, and acronyms only in capitals', () => {
    const found = findAgencies('Britain’s NCSC, Germany’s BSI and CERT-UA issued alerts; the nsa and cisa in lower case are not names.');
    expect(found.map((a) => [a.name, a.country])).toEqual([
      ['NCSC', 'GB'],
      ['BSI', 'DE'],
      ['CERT-UA', 'UA'],
    ]);
  });

  it('drops a country qualifier the name does not need, and gives a ministry the country the text does', () => {
    const found = findAgencies('The U.S. Treasury Department sanctioned the firm, and Japan’s Ministry of Foreign Affairs protested.');
    expect(found.map((a) => [a.name, a.country])).toEqual([
      ['Treasury Department', 'US'],
      ['Ministry of Foreign Affairs', 'JP'],
    ]);
  });

  it('names the agency the way the article does when it uses only the full name', () => {
    const [rgb] = findAgencies("North Korea's Reconnaissance General Bureau runs the unit.");
    expect(rgb).toMatchObject({ name: 'Reconnaissance General Bureau', country: 'KP' });
  });

  it('finds ministries the gazetteer lacks by their pattern, with the country the text gives', () => {
    const found = findAgencies(
      'Phishing mails reached the Ministry of Awqaf and Islamic Affairs, the Iranian Ministry of Roads and Urban Development ' +
        'and the Ministry of Culture of Saudi Arabia.',
    );
    expect(found.map((a) => [a.name, a.country])).toEqual([
      ['Ministry of Awqaf and Islamic Affairs', null],
      ['Ministry of Roads and Urban Development', 'IR'],
      ['Ministry of Culture', 'SA'],
    ]);
    expect(findAgencies('The ministry of silly walks and a Ministry spokesperson said nothing.')).toEqual([]);
  });

  it('gives a ministry with no country of its own the one country of the agencies listed with it', () => {
    const found = findAgencies('The group targeted the Ministry of Foreign Affairs and the Japan Aerospace Exploration Agency (JAXA).');
    expect(found.map((a) => [a.name, a.country])).toEqual([
      ['Ministry of Foreign Affairs', 'JP'],
      ['JAXA', 'JP'],
    ]);
    // Two countries in the sentence: unknown. An international body keeps no country.
    const mixed = findAgencies('The FBI, Germany’s BSI and the Ministry of Foreign Affairs met Europol.');
    expect(mixed.map((a) => [a.name, a.country])).toEqual([
      ['FBI', 'US'],
      ['BSI', 'DE'],
      ['Ministry of Foreign Affairs', null],
      ['Europol', null],
    ]);
    expect(findAgencies('The FBI met Europol.').map((a) => [a.name, a.country])).toEqual([
      ['FBI', 'US'],
      ['Europol', null],
    ]);
  });

  it('finds a department, bureau or directorate by its full name, not a university faculty', () => {
    const found = (text: string) => findAgencies(text).map((a) => a.name);
    expect(found('Lures posed as the Department of Labour Relations and Bureau of Land Records of a coastal state.')).toEqual([
      'Department of Labour Relations',
      'Bureau of Land Records',
    ]);
    expect(found('She teaches at the Department of Computer Science at Harrowgate University.')).toEqual([]);
  });

  it("names a country's government cast as a party (sponsor, target) as one agency of that country, however worded", () => {
    const text =
      'Analysts tied the intrusions to the Vietnamese government. The lures were written for Vietnam’s government, and a ' +
      'spokesman for the government of Vietnam called the report baseless. Nothing pointed at the Brazilian federal government.';
    const found = findAgencies(text);
    expect(found.map((a) => [a.name, a.country, a.source])).toEqual([
      ['Vietnamese government', 'VN', 'cue'],
      ['Brazilian federal government', 'BR', 'cue'],
    ]);
    expect(found[0]!.mentions.map((m) => m.text)).toEqual(['Vietnamese government', 'Vietnam’s government', 'government of Vietnam']);
    // The country keeps its own mentions: the government is an agency of it, not instead of it.
    expect(extractEntities(text).entities.countries.map((c) => c.code)).toEqual(['VN', 'BR']);
  });

  it('takes no government that only modifies a noun, and none without a country', () => {
    const names = (text: string) => findAgencies(text).map((a) => a.name);
    expect(names('Norwegian government hackers and a Danish government contractor were named.')).toEqual([]);
    expect(names('The Peruvian government websites went dark while the government said little.')).toEqual([]);
    // In subject position a government is a source of statements, not a party to the events.
    expect(names('The Chilean government was investigating the leak, and the Chilean government said so.')).toEqual([]);
    expect(names('A listed agency stays a listed one: the FBI briefed reporters.').length).toBe(1);
    expect(findAgencies('The FBI briefed reporters.')[0]!.source).toBe('gazetteer');
  });

  it('finds a public body the lists lack by its full name led by its country, with that country', () => {
    const found = (text: string) => findAgencies(text).map((a) => [a.name, a.country, a.source]);
    expect(found('An alert from the Latvian Rural Data Inspectorate described the lure.')).toEqual([['Latvian Rural Data Inspectorate', 'LV', 'cue']]);
    expect(found('The Norwegian Centre for Cyber Resilience and the Croatian CERT shared samples.')).toEqual([
      ['Norwegian Centre for Cyber Resilience', 'NO', 'cue'],
      ['Croatian CERT', 'HR', 'cue'],
    ]);
    // A second country's body after "and" is a body of its own.
    expect(found('Staff of the Danish Embassy and Danish Consulate were phished.')).toEqual([['Danish Embassy', 'DK', 'cue'], ['Danish Consulate', 'DK', 'cue']]);
  });

  it('takes no country-led name without a public body head, and no heading in capitals', () => {
    const names = (text: string) => findAgencies(text).map((a) => a.name);
    expect(names('The Danish Golden Age paintings and a Swiss Army knife were on sale.')).toEqual([]);
    expect(names('CAMPAIGNS AGAINST THE FINNISH ADMINISTRATION AND THE POWER SECTOR\nLast year the lures changed.')).toEqual([]);
  });
});

