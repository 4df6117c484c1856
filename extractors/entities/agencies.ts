/**
 * Government agencies (US federal and state, Five Eyes, EU, Asia, law enforcement, intelligence,
 * CERTs): acronym and full name fold into one entity with fullName and country.
 */
import type { Agency } from '../../src/record/schema.js';
import { gazetteers, type Gazetteers, type NamedSpan } from './gazetteer.js';
import { groupBy, rankSurfaces, toMentions } from './mentions.js';
import { findNamedEntities } from './named.js';

/**
 * "the bureau" after "FBI" is no new agency: only names in the gazetteer count, and generic nouns
 * are not names there.
 */
export function buildAgencies(spans: NamedSpan[], g: Gazetteers = gazetteers()): Agency[] {
  const byId = groupBy(
    spans.filter((s) => s.kind === 'agency' && s.id !== null),
    (s) => s.id!,
  );
  return [...byId.entries()].map(([id, list]) => {
    const data = g.agencies[id]!;
    const [name, ...others] = rankSurfaces(list, data.name);
    return {
      name: name!,
      fullName: data.fullName,
      country: data.country,
      aliases: others,
      mentions: toMentions(list),
    };
  });
}

export function findAgencies(text: string): Agency[] {
  return findNamedEntities(text).agencies;
}
