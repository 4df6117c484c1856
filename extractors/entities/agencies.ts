/**
 * Government agencies (US federal and state, Five Eyes, EU, Asia, law enforcement, intelligence,
 * CERTs): acronym and full name fold into one entity with fullName and country.
 */
import type { Agency } from '../../src/record/schema.js';
import { gazetteers, type Gazetteers, type NamedSpan } from './gazetteer.js';
import { isCapitalized, surface, type Tokens } from './matcher.js';
import { groupBy, rankSurfaces, toMentions } from './mentions.js';

/**
 * "the bureau" after "FBI" is no new agency: only names in the gazetteer count, and generic nouns
 * are not names there.
 */
export function buildAgencies(spans: NamedSpan[], g: Gazetteers = gazetteers(), countryAt?: Map<number, string>, tokens?: Tokens): Agency[] {
  const byId = groupBy(
    spans.filter((s) => s.kind === 'agency'),
    // A country's government is one agency however the article words it ("the Chinese government", "China's government").
    (s) => (s.id !== null ? `g${s.id}` : s.country && GOVERNMENT_WORD.test(s.text) ? `c${s.country}` : `p${s.text.toLowerCase().replace(/\s+/g, ' ')}`),
  );
  const agencies = [...byId.values()].map((list) => {
    const id = list[0]!.id;
    const fromText = () => (countryAt && tokens ? countryBefore(list, tokens, countryAt) : null);
    if (id === null) {
      // A ministry found by its pattern: its own name is its full name; "of Saudi Arabia" or "Oman's" gives the country.
      const [name, ...others] = rankSurfaces(list);
      return { name: name!, fullName: name!, country: list[0]!.country ?? fromText(), aliases: others, source: 'cue' as const, mentions: toMentions(list) };
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
      source: 'gazetteer' as const,
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

const GOVERNMENT_WORD = /\bgovernment\b/i;

/** Words that may stand between a country and "government": "the U.S. federal government". */
const GOVERNMENT_LEVELS = new Set(['federal', 'national', 'central']);
/**
 * Lower-case words that may follow "the Chinese government" when it names the government itself
 * ("... of the Iranian government and"); any other word makes it a modifier of a noun ("the
 * Russian government hackers", "the Iranian government contractor").
 */
const AFTER_GOVERNMENT = new Set(
  (
    'and or but nor is was are were be been has had have will would could can may might should must shall did does do not ' +
    'also itself in of to for that which who whom whose with on at by from as over against under through about after before ' +
    'since into than because while when where if so then via amid during behind'
  ).split(' '),
);
/**
 * Prepositions that cast a government as a party in the events: the sponsor or the target
 * ("working for", "tied to", "on behalf of", "sponsored by", "aimed at", "against"). In threat
 * reporting that is where a government matters; in subject position it is mostly a source of
 * statements or policy ("the U.S. government was investigating"), no actor of the story.
 */
const ROLE_PREPOSITIONS = new Set('for by to of with behind against from within toward towards on at into involving including under between'.split(' '));

function governmentEndsThere(tokens: Tokens, next: number): boolean {
  if (next >= tokens.key.length) return true;
  const key = tokens.key[next]!;
  // Punctuation ends the name ("the Chinese government's", "... government-backed"): the government is named.
  if (!/^[\p{L}\p{N}]/u.test(key)) return true;
  return isCapitalized(tokens, next) || AFTER_GOVERNMENT.has(key) || /ed$/.test(key);
}

const possessiveAt = (tokens: Tokens, i: number) => tokens.key[i] === "'" && tokens.key[i + 1] === 's';

/**
 * A country's government named as a party: "tied to the Chinese government", "working for China's
 * government", "on behalf of the government of Iran", "the Iranian government's". An agency of
 * that country, found by the cue (`country` set, `id` null). A bare "government", one that only
 * modifies a noun ("Russian government hackers", "an Iranian government contractor") and one in
 * subject position (see ROLE_PREPOSITIONS) is none. The country word keeps its own country
 * mention: the agency's span covers it, but only the word "government" is claimed.
 */
export function addGovernments(spans: NamedSpan[], tokens: Tokens, taken: Uint8Array, countryAt: Map<number, string>): void {
  if (!countryAt.size) return;
  const n = tokens.key.length;
  const countryStart = (k: number) => {
    let first = k;
    while (first > 0 && countryAt.get(first - 1) === countryAt.get(k)) first--;
    return first;
  };
  const role = (before: number) => ROLE_PREPOSITIONS.has(tokens.key[before] ?? '');
  for (let i = 1; i < n; i++) {
    if (tokens.key[i] !== 'government' || taken[i]) continue;
    let from = -1;
    let to = i + 1;
    let k = i - 1;
    if (GOVERNMENT_LEVELS.has(tokens.key[k]!)) k--;
    let country = countryAt.get(k);
    if (country) {
      // "to the Chinese government", "the U.S. federal government's"
      const first = countryStart(k);
      if (tokens.key[first - 1] === 'the' && governmentEndsThere(tokens, i + 1) && (role(first - 2) || possessiveAt(tokens, i + 1))) from = first;
    } else if (possessiveAt(tokens, k - 1) && countryAt.has(k - 2)) {
      // "to China's government"
      country = countryAt.get(k - 2)!;
      const first = countryStart(k - 2);
      if (governmentEndsThere(tokens, i + 1) && role(first - 1)) from = first;
    } else if (tokens.key[i + 1] === 'of' && tokens.key[i - 1] === 'the' && role(i - 2)) {
      // "of the government of Iran", "to the government of the Russian Federation"
      const c = tokens.key[i + 2] === 'the' ? i + 3 : i + 2;
      country = countryAt.get(c);
      if (country) {
        to = c + 1;
        while (to < n && countryAt.get(to) === country) to++;
        from = i;
      }
    }
    if (from < 0 || !country) continue;
    const start = tokens.start[from]!;
    const end = tokens.end[to - 1]!;
    taken[i] = 1;
    spans.push({ start, end, text: tokens.text.slice(start, end), tokenStart: from, tokenEnd: to, kind: 'agency', id: null, country });
  }
}

/** Head nouns of a public body's name: "Israel National Cyber Event Readiness Team", "Canadian Centre for Cyber Security", "Ukrainian CERT". */
const NATIONAL_BODY_HEADS = new Set(
  'agency authority bureau center centre council directorate office service team command administration commission ministry department cert police embassy consulate inspectorate secretariat'.split(' '),
);
/** Most words after the country in such a name. */
export const MAX_NATIONAL_BODY_WORDS = 8;

/**
 * A public body the gazetteer lacks, known by its full name led by its country: "the Israel
 * National Cyber Event Readiness Team", "the Canadian Centre for Cyber Security", "the Ukrainian
 * CERT", "the Philippine Overseas Employment Administration". Capitalized words (joined by "and",
 * "&", "of", "for") after a country name or demonym, ending in a public body's head noun or in
 * the words a "for"/"of" after that head brings. The country is the agency's; its word keeps its
 * own country mention (the span covers it, only the words after it are claimed).
 */
export function addNationalBodies(spans: NamedSpan[], tokens: Tokens, taken: Uint8Array, countryAt: Map<number, string>): void {
  if (!countryAt.size) return;
  const n = tokens.key.length;
  const word = (i: number) => i < n && !taken[i] && isCapitalized(tokens, i) && /^[\p{L}]/u.test(tokens.key[i]!);
  for (let i = 0; i < n; i++) {
    const country = countryAt.get(i);
    if (!country || countryAt.get(i - 1) === country) continue;
    // The country must open the name: "Hainan Chinese Police" or "Acme Israel Team" are something else.
    if (i > 0 && isCapitalized(tokens, i - 1) && !tokens.sentenceStart[i] && /^[\p{L}]/u.test(tokens.key[i - 1]!) && tokens.key[i - 1] !== 'the') continue;
    let k = i;
    while (countryAt.get(k) === country) k++;
    if (tokens.key[k] === "'" || !word(k)) continue; // "Iran's Ministry ..." is the ministry pattern's
    let end = -1;
    let headSeen = false;
    let words = 0;
    let shouting = 0;
    // The run ends at a line or sentence start and at the next country word ("the Indian Embassy and Indian ...").
    for (let j = k; j < n && words < MAX_NATIONAL_BODY_WORDS && !tokens.sentenceStart[j] && !countryAt.has(j); j++) {
      if (word(j)) {
        if (tokens.key[j]!.length > 1 && tokens.key[j] !== 'cert' && surface(tokens, j) === surface(tokens, j).toUpperCase()) shouting++;
        words++;
        if (NATIONAL_BODY_HEADS.has(tokens.key[j]!)) headSeen = true;
        if (headSeen) end = j + 1;
      } else if (JOINERS.has(tokens.key[j]!) && tokens.key[j] !== ',' && word(j + 1) && !countryAt.has(j + 1)) continue;
      else break;
    }
    // A heading in capitals ("USA ADMINISTRATION AND THE ENERGY SECTOR") is no name.
    if (end < 0 || shouting > 1) continue;
    const start = tokens.start[i]!;
    for (let j = k; j < end; j++) taken[j] = 1;
    spans.push({ start, end: tokens.end[end - 1]!, text: tokens.text.slice(start, tokens.end[end - 1]), tokenStart: i, tokenEnd: end, kind: 'agency', id: null, country });
    i = end - 1;
  }
}
