/**
 * The gazetteer-driven named entities of one text: agencies, APT groups, companies, countries and
 * malware, from one scan of the shared matcher plus each type's naming patterns.
 */
import type { Agency, AptGroup, Company, Country, Malware } from '../../src/record/schema.js';
import { buildAgencies } from './agencies.js';
import { buildAptGroups, findGroupCandidates } from './apt-groups.js';
import { buildCompanies, findCompanyCandidates } from './companies.js';
import { buildCountries } from './countries.js';
import { gazetteers, type EntityKind, type Gazetteers, type GazetteerRef, type NamedSpan } from './gazetteer.js';
import { buildMalware, findMalwareCandidates, MALWARE_NOUNS } from './malware.js';
import { tokenize, type Match, type Tokens } from './matcher.js';

export interface NamedEntities {
  agencies: Agency[];
  aptGroups: AptGroup[];
  companies: Company[];
  countries: Country[];
  malware: Malware[];
}

/** When one name belongs to several gazetteers, the first kind here wins unless the words around it say otherwise. */
const KIND_PRIORITY: EntityKind[] = ['agency', 'apt', 'company', 'malware', 'country'];
/** Words right after a name that make it a group ("Carbanak group") rather than malware. */
const GROUP_NOUNS = new Set(['group', 'gang', 'actor', 'actors', 'apt', 'team', 'hackers', 'crew', 'operators', 'cybergang']);

/** Pick one gazetteer reference per match; a name shared by a group and a malware family needs the context. */
function choose(m: Match<GazetteerRef>, tokens: Tokens, g: Gazetteers): GazetteerRef {
  const kinds = new Set(m.payloads.map((p) => p.kind));
  const byKind = (k: EntityKind): GazetteerRef | undefined => m.payloads.find((p) => p.kind === k);
  if (kinds.has('apt') && kinds.has('malware')) {
    const next = tokens.key[m.tokenEnd] ?? '';
    const prev = tokens.key[m.tokenStart - 1] ?? '';
    if (GROUP_NOUNS.has(next)) return byKind('apt')!;
    if (MALWARE_NOUNS.has(next) || prev === 'deploy' || prev === 'deployed' || prev === 'using') return byKind('malware')!;
    // Otherwise: the group when the name is the group's headline name, the malware family when it is an alias.
    const apt = byKind('apt')!;
    return g.groups[apt.id]!.name.toLowerCase() === m.text.toLowerCase() ? apt : byKind('malware')!;
  }
  for (const k of KIND_PRIORITY) {
    const ref = byKind(k);
    if (ref) return ref;
  }
  return m.payloads[0]!;
}

/** Keep the earliest, then longest, span where candidates overlap; `taken` marks their tokens. */
function claim(spans: NamedSpan[], taken: Uint8Array, candidates: NamedSpan[]): void {
  for (const c of candidates) {
    let free = true;
    for (let i = c.tokenStart; i < c.tokenEnd; i++) if (taken[i]) free = false;
    if (!free) continue;
    for (let i = c.tokenStart; i < c.tokenEnd; i++) taken[i] = 1;
    spans.push(c);
  }
}

/**
 * Every agency, APT group, company, country and malware family the text names, each with its
 * mentions as offsets into `text` (`text.slice(start, end) === mention.text`), in text order.
 *
 * @example
 * findNamedEntities('China-backed Salt Typhoon breached AT&T, the FBI said.').aptGroups[0]
 * // { name: 'Salt Typhoon', aliases: [], country: 'CN', attribution: 'stated', mentions: [...] }
 */
export function findNamedEntities(text: string): NamedEntities {
  const g = gazetteers();
  const tokens = tokenize(text);
  const taken = new Uint8Array(tokens.key.length);
  const spans: NamedSpan[] = [];
  // The gazetteer first: known names outrank patterns; the matcher already made its matches disjoint.
  const known = g.matcher.match(tokens).map((m): NamedSpan => {
    const ref = choose(m, tokens, g);
    return { start: m.start, end: m.end, text: m.text, tokenStart: m.tokenStart, tokenEnd: m.tokenEnd, kind: ref.kind, id: ref.id };
  });
  claim(spans, taken, known);
  // Then the naming patterns, most specific first: vendor group names, malware shapes, corporate suffixes.
  claim(spans, taken, findGroupCandidates(tokens, taken));
  claim(spans, taken, findMalwareCandidates(tokens, taken));
  claim(spans, taken, findCompanyCandidates(tokens, taken));
  spans.sort((a, b) => a.start - b.start);

  const countrySpans = spans.filter((s) => s.kind === 'country');
  return {
    agencies: buildAgencies(spans, g),
    aptGroups: buildAptGroups(spans, tokens, countrySpans, g),
    companies: buildCompanies(spans, g),
    countries: buildCountries(countrySpans, g),
    malware: buildMalware(spans, g),
  };
}
