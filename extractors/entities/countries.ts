/** Countries: names, demonyms and short forms ("PRC", "DPRK", "U.S.") folded into ISO 3166-1 alpha-2 codes. */
import type { Country } from '../../src/record/schema.js';
import { gazetteers, type Gazetteers, type NamedSpan } from './gazetteer.js';
import type { Tokens } from './matcher.js';
import { groupBy, toMentions } from './mentions.js';

/** "US $1,000" is a currency, not a mention of the country. */
export function isCountryMention(s: NamedSpan, tokens: Tokens): boolean {
  return !(s.text === 'US' && tokens.key[s.tokenEnd] === '$');
}

/** One entity per country code, in order of first mention, with the English short name. */
export function buildCountries(spans: NamedSpan[], g: Gazetteers = gazetteers()): Country[] {
  const byId = groupBy(
    spans.filter((s) => s.kind === 'country' && s.id !== null),
    (s) => s.id!,
  );
  return [...byId.entries()].map(([id, list]) => {
    const data = g.countries[id]!;
    return { code: data.code, name: data.name, mentions: toMentions(list) };
  });
}
