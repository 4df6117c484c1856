/**
 * Government agencies (US federal and state, Five Eyes, EU, Asia, law enforcement, intelligence,
 * CERTs): acronym and full name fold into one entity with fullName and country.
 */
import type { Agency } from '../../src/record/schema.js';
import { gazetteers, type Gazetteers, type NamedSpan } from './gazetteer.js';
import type { Tokens } from './matcher.js';
import { groupBy, rankSurfaces, toMentions } from './mentions.js';
import { findNamedEntities } from './named.js';

/**
 * "the bureau" after "FBI" is no new agency: only names in the gazetteer count, and generic nouns
 * are not names there.
 */
export function buildAgencies(spans: NamedSpan[], g: Gazetteers = gazetteers(), countryAt?: Map<number, string>, tokens?: Tokens): Agency[] {
  const byId = groupBy(
    spans.filter((s) => s.kind === 'agency' && s.id !== null),
    (s) => s.id!,
  );
  return [...byId.entries()].map(([id, list]) => {
    const data = g.agencies[id]!;
    const known = new Set([data.name, ...data.aliases].map((n) => n.toLowerCase()));
    // "U.S. Treasury Department" is the Treasury Department: drop a country qualifier the name does not need.
    const surfaces = rankSurfaces(list, data.name).map((n) => {
      const bare = n.replace(COUNTRY_QUALIFIER, '');
      return bare !== n && known.has(bare.toLowerCase()) ? bare : n;
    });
    const names = surfaces.filter((n, i) => surfaces.indexOf(n) === i);
    const [name, ...others] = names;
    return {
      name: name!,
      fullName: data.fullName,
      country: data.country ?? (countryAt && tokens ? countryBefore(list, tokens, countryAt) : null),
      aliases: [...others, ...rankSurfaces(list).filter((n) => !names.includes(n))],
      mentions: toMentions(list),
    };
  });
}

const COUNTRY_QUALIFIER = /^(?:U\.S\.|US|UK|U\.K\.)\s+/;

/** A ministry with no country of its own takes the one the text gives it: "Japan's Ministry of Foreign Affairs". */
function countryBefore(list: NamedSpan[], tokens: Tokens, countryAt: Map<number, string>): string | null {
  for (const s of list) {
    let i = s.tokenStart - 1;
    if (tokens.key[i] === 'the') i--;
    if (tokens.key[i] === 's' && tokens.key[i - 1] === "'") i -= 2;
    const code = countryAt.get(i);
    if (code) return code;
  }
  return null;
}

export function findAgencies(text: string): Agency[] {
  return findNamedEntities(text).agencies;
}
