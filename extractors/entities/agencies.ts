/**
 * Government agencies (US federal and state, Five Eyes, EU, Asia, law enforcement, intelligence,
 * CERTs): acronym and full name fold into one entity with fullName and country.
 */
import type { Agency } from '../../src/record/schema.js';
import { gazetteers, type Gazetteers, type NamedSpan } from './gazetteer.js';
import { isCapitalized, type Tokens } from './matcher.js';
import { groupBy, rankSurfaces, toMentions } from './mentions.js';

/**
 * "the bureau" after "FBI" is no new agency: only names in the gazetteer count, and generic nouns
 * are not names there.
 */
export function buildAgencies(spans: NamedSpan[], g: Gazetteers = gazetteers(), countryAt?: Map<number, string>, tokens?: Tokens): Agency[] {
  const byId = groupBy(
    spans.filter((s) => s.kind === 'agency'),
    (s) => (s.id !== null ? `g${s.id}` : `p${s.text.toLowerCase().replace(/\s+/g, ' ')}`),
  );
  const agencies = [...byId.values()].map((list) => {
    const id = list[0]!.id;
    const fromText = () => (countryAt && tokens ? countryBefore(list, tokens, countryAt) : null);
    if (id === null) {
      // A ministry found by its pattern: its own name is its full name; "of Saudi Arabia" or "Oman's" gives the country.
      const [name, ...others] = rankSurfaces(list);
      return { name: name!, fullName: name!, country: list[0]!.country ?? fromText(), aliases: others, mentions: toMentions(list) };
    }
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
      country: data.country ?? fromText(),
      aliases: [...others, ...rankSurfaces(list).filter((n) => !names.includes(n))],
      mentions: toMentions(list),
    };
  });
  return tokens ? withListedCountry(agencies, byId, tokens) : agencies;
}

/**
 * "the Ministry of Foreign Affairs, the Japan Aerospace Exploration Agency (JAXA), ...": a ministry
 * that states no country of its own is taken to share the one country of the agencies listed with
 * it in the same sentence. Two countries in that sentence, or none, leave it unknown.
 */
function withListedCountry(agencies: Agency[], byId: Map<string, NamedSpan[]>, tokens: Tokens): Agency[] {
  const spans = [...byId.values()];
  // Only a national ministry (every country has one): international bodies in the gazetteer
  // (Europol, Interpol, NATO) have no country on purpose.
  const national = agencies.map((a) => /^Ministry\b/.test(a.name));
  const sentenceOf = (tokenIndex: number) => {
    let i = tokenIndex;
    while (i > 0 && !tokens.sentenceStart[i]) i--;
    return i;
  };
  return agencies.map((a, k) => {
    if (a.country !== null || !national[k]) return a;
    const sentences = new Set(spans[k]!.map((s) => sentenceOf(s.tokenStart)));
    const countries = new Set<string>();
    agencies.forEach((other, j) => {
      if (j === k || other.country === null) return;
      if (spans[j]!.some((s) => sentences.has(sentenceOf(s.tokenStart)))) countries.add(other.country);
    });
    return countries.size === 1 ? { ...a, country: [...countries][0]! } : a;
  });
}

/** Most words a ministry's name runs after "Ministry of": "Ministry of Awqaf and Islamic Affairs". */
export const MAX_MINISTRY_WORDS = 6;
const JOINERS = new Set(['and', '&', ',', 'of', 'for']);

/** Words that open a public body's full name: "Ministry of ...", "Bureau of Customs", "Department of Health". */
const AGENCY_HEADS = new Set(['ministry', 'department', 'bureau', 'directorate', 'secretariat']);
const ACADEMIC = new Set(['university', 'college', 'school', 'institute', 'faculty', 'hospital']);
/** How far around the name an academic word makes it a faculty: "the University of X's Department of Y", "Department of Z at X College". */
export const ACADEMIC_WINDOW = 4;

function academic(tokens: Tokens, from: number, to: number): boolean {
  for (let k = Math.max(0, from - ACADEMIC_WINDOW); k < Math.min(tokens.key.length, to + ACADEMIC_WINDOW); k++) if (ACADEMIC.has(tokens.key[k]!)) return true;
  return false;
}

/**
 * Ministries and other public bodies the gazetteer lacks, by their pattern: "Ministry of" (or "for") and capitalized words,
 * joined by "and", "&" or commas. A trailing "of <Country>" names the country.
 */
export function findAgencyCandidates(tokens: Tokens, taken: Uint8Array, countryAt: Map<number, string>): NamedSpan[] {
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  const word = (i: number) => i < n && !taken[i] && isCapitalized(tokens, i) && /^[\p{L}]/u.test(tokens.key[i]!);
  for (let i = 0; i < n; i++) {
    if (taken[i] || !AGENCY_HEADS.has(tokens.key[i]!) || !isCapitalized(tokens, i)) continue;
    if (!['of', 'for'].includes(tokens.key[i + 1] ?? '') || !word(i + 2)) continue;
    let end = i + 2;
    let words = 0;
    let country: string | null = null;
    for (let j = i + 2; j < n && words < MAX_MINISTRY_WORDS; j++) {
      if (word(j)) {
        words++;
        end = j + 1;
      } else if (JOINERS.has(tokens.key[j]!) && word(j + 1) && !(tokens.key[j] === ',' && tokens.key[j + 1] === 'and') && !AGENCY_HEADS.has(tokens.key[j + 1]!)) {
        // ("the Department of Health and Bureau of Customs" are two bodies: a second head word ends the first.)
        continue;
      } else if (tokens.key[j] === 'of' && countryAt.has(j + 1)) {
        // "Ministry of Culture of Saudi Arabia": the country, a name of its own, says whose ministry.
        country = countryAt.get(j + 1)!;
        break;
      } else break;
    }
    // "Department of Computer Science at Keio University": a faculty, not a public body.
    if (academic(tokens, i, end)) {
      i = end - 1;
      continue;
    }
    const start = tokens.start[i]!;
    out.push({ start, end: tokens.end[end - 1]!, text: tokens.text.slice(start, tokens.end[end - 1]), tokenStart: i, tokenEnd: end, kind: 'agency', id: null, country });
    i = end - 1;
  }
  return out;
}

const COUNTRY_QUALIFIER = /^(?:U\.S\.|US|UK|U\.K\.)\s+/;

/** A ministry with no country of its own takes the one the text gives it: "Japan's Ministry of Foreign Affairs", "Ministry of Culture of Oman". */
function countryBefore(list: NamedSpan[], tokens: Tokens, countryAt: Map<number, string>): string | null {
  for (const s of list) {
    let i = s.tokenStart - 1;
    if (tokens.key[i] === 'the') i--;
    if (tokens.key[i] === 's' && tokens.key[i - 1] === "'") i -= 2;
    const code = countryAt.get(i) ?? (tokens.key[s.tokenEnd] === 'of' ? countryAt.get(s.tokenEnd + 1) : undefined);
    if (code) return code;
  }
  return null;
}
