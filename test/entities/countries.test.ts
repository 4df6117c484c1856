import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../extractors/entities/index.js';

/** The countries the real entry point finds in a text. */
const findCountries = (text: string) => extractEntities(text).entities.countries;

const codes = (text: string) => findCountries(text).map((c) => c.code);

describe('findCountries', () => {
  it('folds names, short forms and demonyms into ISO codes with English names', () => {
    const found = findCountries('The PRC denied it; Chinese officials and the DPRK, North Korean hackers, the U.S. and the UK disagreed.');
    expect(found.map((c) => [c.code, c.name])).toEqual([
      ['CN', 'China'],
      ['KP', 'North Korea'],
      ['US', 'United States'],
      ['GB', 'United Kingdom'],
    ]);
    expect(found[0]!.mentions.map((m) => m.text)).toEqual(['PRC', 'Chinese']);
  });

  it('takes a demonym for a country only when it is said of a state actor, never of a language or a company', () => {
    expect(codes('The ransom note was written in Russian, and the forum posts in German, Italian and Polish.')).toEqual([]);
    expect(codes('Russian-speaking affiliates posted on the forum; the lure used Chinese characters.')).toEqual([]);
    expect(codes('The loader hit a Spanish bank and a Mexican energy giant.')).toEqual([]);
    expect(codes('Iranian state-sponsored hackers and the Russian government denied it.')).toEqual(['IR', 'RU']);
    expect(codes('The servers sat in Russia, and the note was in Russian.')).toEqual(['RU']);
  });

  // Found by the mutation run: the sentences above have no actor word near the language, so they
  // could not tell whether the language test itself works. Here one stands right after it.
  it('keeps a language a language even when an actor word follows it', () => {
    expect(codes('Russian-speaking hackers sold access to the network.')).toEqual([]);
    expect(codes('Russian speaking actors and Chinese language forums traded the tool.')).toEqual([]);
    expect(codes('The note was in Russian and Iranian hackers claimed it.')).toEqual(['IR']);
    expect(codes('Analysts in Europe blamed Russian and Chinese hackers.')).toEqual(['RU', 'CN']);
  });

  it('tells "US" from "us" and from a currency', () => {
    expect(codes('Tell us more, said the US envoy.')).toEqual(['US']);
    expect(codes('The code sold for US $1,000.')).toEqual([]);
  });

  it('does not take a person or a US state for a country', () => {
    expect(codes('Michael Jordan visited Atlanta Georgia.')).toEqual([]);
    expect(codes('Attacks hit Jordan and Georgia last year, and Turkey too.')).toEqual(['JO', 'GE', 'TR']);
  });

  it('takes no country from a folder of a Windows path', () => {
    const found = extractEntities('Its PDB path is e:\\build\\Spain\\loader\\Release\\x.pdb, and it hit banks in Peru.').entities.countries;
    expect(found.map((c) => c.code)).toEqual(['PE']);
  });
});

