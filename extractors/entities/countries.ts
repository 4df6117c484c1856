/** Countries: names, demonyms and short forms ("PRC", "DPRK", "U.S.") folded into ISO 3166-1 alpha-2 codes. */
import type { Country } from '../../src/record/schema.js';
import { gazetteers, type Gazetteers, type NamedSpan } from './gazetteer.js';
import type { Tokens } from './matcher.js';
import { groupBy, toMentions } from './mentions.js';

/** Words after a demonym that make it a language: "Russian-speaking", "Chinese characters". */
const LANGUAGE_NOUNS = new Set(
  'speaking speaker speakers language languages translation translations text texts characters keyboard keyboards locale words word dialect alphabet spelling'.split(' '),
);
/** Words before a demonym (and a list of them) that make it a language: "written in Russian", "translated from German". */
const LANGUAGE_LEADS = new Set(['in', 'into', 'from', 'speaks', 'speak', 'speaking']);
/** How many tokens back a list of languages may reach its lead: "in German, Italian, French, and Polish". */
const LANGUAGE_LIST_TOKENS = 12;

/**
 * A demonym used for a language, not a place or a state actor's origin: "a ransom note in Russian",
 * "Russian-speaking actors", "(Spanish)" after a reference, "Chinese characters".
 */
function isLanguageUse(s: NamedSpan, tokens: Tokens): boolean {
  let next = s.tokenEnd;
  if (tokens.key[next] === '-' && tokens.start[next] === tokens.end[next - 1]) next++;
  if (LANGUAGE_NOUNS.has(tokens.key[next] ?? '')) return true;
  if (tokens.key[s.tokenStart - 1] === '(' && tokens.key[s.tokenEnd] === ')') return true;
  // "in Russian." / "in German, Italian and Polish": the language ends the phrase.
  const after = tokens.key[s.tokenEnd];
  const ends = after === undefined || /^[.,;:)!?]$/.test(after) || after === 'and' || after === 'or' || tokens.sentenceStart[s.tokenEnd];
  if (!ends) return false;
  for (let i = s.tokenStart - 1; i >= Math.max(0, s.tokenStart - LANGUAGE_LIST_TOKENS); i--) {
    const key = tokens.key[i]!;
    if (LANGUAGE_LEADS.has(key)) return true;
    if (key === ',' || key === 'and' || key === 'or' || key === '/') continue;
    if (/^\p{Lu}/u.test(tokens.text[tokens.start[i]!] ?? '') && !tokens.sentenceStart[i]) continue;
    return false;
  }
  return false;
}

/** Words after a demonym that make it a state actor's origin: "Iranian government", "Russian-speaking" aside. */
const STATE_ACTOR_WORDS = new Set(
  (
    'government governments regime state state-sponsored sponsored aligned linked backed nexus based origin military army ' +
    'intelligence officials authorities ministry hackers hacker actor actors apt apts group groups threat threats cyber ' +
    'espionage operators operatives spies nation-state nation adversary adversaries campaign campaigns attackers gang ' +
    // ... or of the people and bodies a campaign targets there: "German political parties", "Iranian dissidents".
    'parties party organizations organisations entities targets victims institutions ministries embassies diplomats ' +
    'dissidents activists journalists citizens nationals population people politicians'
  ).split(' '),
);
/** How many words after a demonym may stand before the actor word: "Chinese state-sponsored threat actors". */
const STATE_ACTOR_WINDOW = 3;

/**
 * A demonym said of a state actor or its origin ("Iranian-aligned actor", "Russian hackers"), or of
 * the people and bodies targeted there ("German political parties"); not of a company, a product
 * or a service ("Chinese company Tencent", "a Spanish bank").
 */
function isOriginUse(s: NamedSpan, tokens: Tokens): boolean {
  for (let i = s.tokenEnd; i < Math.min(tokens.key.length, s.tokenEnd + STATE_ACTOR_WINDOW + 2); i++) {
    const key = tokens.key[i]!;
    if (STATE_ACTOR_WORDS.has(key)) return true;
    if (key !== '-' && !/^[\p{L}\p{N}]/u.test(key)) return false;
  }
  return false;
}

/**
 * A country mention in the sense the record means: a place or a state actor's origin. "US $1,000"
 * is a currency; a demonym counts only said of a state actor ("Iranian government", "Russian
 * hackers"): for a language ("a ransom note in Russian") or a company's or a user's nationality
 * ("a Spanish bank") it names no country. Country names ("Spain") always count.
 */
export function isCountryMention(s: NamedSpan, tokens: Tokens, g: Gazetteers = gazetteers()): boolean {
  if (s.text === 'US' && tokens.key[s.tokenEnd] === '$') return false;
  const data = s.id !== null ? g.countries[s.id] : undefined;
  const demonym = data?.demonyms.some((d) => d.toLowerCase() === s.text.toLowerCase()) ?? false;
  return !(demonym && (isLanguageUse(s, tokens) || !isOriginUse(s, tokens)));
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
