/**
 * Companies the gazetteer lacks, introduced by the words around them: a descriptor before the name
 * ("security firm X", "the ATM vendor X"), an appositive after it ("X, a Swiss technology company"),
 * and vendors' research teams named as such ("the Global Research and Analysis Team", "Threat
 * Analysis Unit"). Never a public body, never a person: the same guards as the other company rules.
 */
import type { NamedSpan } from './gazetteer.js';
import { isCapitalized, isNameShaped, type Tokens } from './matcher.js';

/** Nouns that say the next name is a company: "security firm X", "the Ukrainian antivirus vendor X". */
const COMPANY_NOUNS = new Set(['firm', 'company', 'vendor', 'provider', 'maker', 'giant', 'startup', 'outfit', 'manufacturer', 'developer', 'contractor', 'subsidiary']);
/** After the noun, words that make it part of a role or another noun: "security company researcher X", "vendor advisory". */
const NOT_AFTER_NOUN = new Set(
  'researcher researchers analyst analysts executive executives spokesperson spokesman spokeswoman official officials employee employees ceo founder cto ciso director chief engineer engineers advisory that which who whose said says and or of'.split(
    ' ',
  ),
);
/** Words that, capitalized after a company noun, still name no company: dates, pronouns, sentence words. */
const NOT_NAMES = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december i we it he she they this that the a an in on at for and or but'.split(
    ' ',
  ),
);
/** Words that make a name a public body, not a company. */
const PUBLIC_BODY = new Set('state ministry national federal government department bureau agency police military army navy university college institute school council committee commission'.split(' '));
/** Most words a cued name may have. */
export const MAX_CUE_NAME_WORDS = 3;

const word = (tokens: Tokens, i: number, taken: Uint8Array) =>
  i >= 0 && i < tokens.key.length && !taken[i] && isCapitalized(tokens, i) && /^[\p{L}\p{N}]/u.test(tokens.key[i]!) && !NOT_NAMES.has(tokens.key[i]!);

function span(tokens: Tokens, from: number, to: number): NamedSpan {
  const start = tokens.start[from]!;
  const end = tokens.end[to - 1]!;
  return { start, end, text: tokens.text.slice(start, end), tokenStart: from, tokenEnd: to, kind: 'company', id: null };
}

/** A run of name words is a company name unless it names a public body or is one lowercase-looking plain word at a sentence start. */
function nameOk(tokens: Tokens, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (PUBLIC_BODY.has(tokens.key[k]!)) return false;
  return !(to - from === 1 && tokens.sentenceStart[from]);
}

/** "security firm X", "the ATM vendor X": a descriptor noun (with a word before it) and then the name. */
function afterDescriptor(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  for (let i = 1; i < n - 1; i++) {
    if (!COMPANY_NOUNS.has(tokens.key[i]!) || isCapitalized(tokens, i)) continue;
    // A bare "company X" is rare in prose; a descriptor before the noun ("security", "Swiss", "ATM") is the cue.
    if (!/^[\p{L}]/u.test(tokens.key[i - 1]!) || ['the', 'a', 'an', 'this', 'that', 'its', 'our', 'their', 'same', 'parent'].includes(tokens.key[i - 1]!)) continue;
    let to = i + 1;
    while (to < n && to - (i + 1) < MAX_CUE_NAME_WORDS && word(tokens, to, taken) && !tokens.sentenceStart[to]) to++;
    if (to === i + 1 || (to < n && word(tokens, to, taken))) continue;
    if (nameOk(tokens, i + 1, to)) out.push(span(tokens, i + 1, to));
  }
  return out;
}

/** "X, a Swiss technology company", "X, an antivirus vendor": the name before an appositive that says what it is. */
function beforeAppositive(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  for (let i = 1; i < n - 2; i++) {
    if (tokens.key[i] !== ',' || !['a', 'an'].includes(tokens.key[i + 1]!)) continue;
    let k = i + 2;
    while (k < n && k < i + 6 && !COMPANY_NOUNS.has(tokens.key[k]!) && /^[\p{L}\p{N}-]/u.test(tokens.key[k]!)) k++;
    if (!COMPANY_NOUNS.has(tokens.key[k] ?? '') || NOT_AFTER_NOUN.has(tokens.key[k + 1] ?? '')) continue;
    let from = i;
    while (from > 0 && i - from < MAX_CUE_NAME_WORDS && word(tokens, from - 1, taken)) {
      from--;
      if (tokens.sentenceStart[from]) break;
    }
    if (from === i || (from > 0 && word(tokens, from - 1, taken) && !tokens.sentenceStart[from])) continue;
    // One plain word opening a sentence is too often no name ("Today, a company ...").
    if (i - from === 1 && tokens.sentenceStart[from] && !isNameShaped(tokens.text.slice(tokens.start[from], tokens.end[from]))) continue;
    if (nameOk(tokens, from, i)) out.push(span(tokens, from, i));
  }
  return out;
}

/** Words that make a capitalized run a research team's name: "Threat Analysis Unit", "Global Research and Analysis Team". */
const TEAM_WORDS = new Set(['threat', 'research', 'intelligence', 'analysis', 'labs']);
const TEAM_HEADS = new Set(['team', 'unit', 'center', 'centre', 'group']);
/** Words a team name may hold uncapitalized: "Global Research and Analysis Team". */
const TEAM_JOINERS = new Set(['and', '&', 'of']);
export const MAX_TEAM_WORDS = 5;

/** A vendor's research team by its capitalized name and a head noun: "the Advanced Threat Research team". */
function researchTeams(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  for (let i = 0; i < n; i++) {
    if (!TEAM_HEADS.has(tokens.key[i]!) || taken[i]) continue;
    const capitalHead = isCapitalized(tokens, i);
    let from = i;
    while (from > 0 && i - from < MAX_TEAM_WORDS) {
      const k = from - 1;
      if (word(tokens, k, taken) || (TEAM_JOINERS.has(tokens.key[k]!) && word(tokens, k - 1, taken))) from--;
      else break;
      if (tokens.sentenceStart[from]) break;
    }
    const words: string[] = [];
    for (let k = from; k < i; k++) if (!TEAM_JOINERS.has(tokens.key[k]!)) words.push(tokens.key[k]!);
    // Two capitalized words at least, one of them saying research; never a public body ("National Cyber ... Team").
    if (words.length < 2 || !words.some((w) => TEAM_WORDS.has(w)) || words.some((w) => PUBLIC_BODY.has(w))) continue;
    if (['emergency', 'response', 'readiness', 'incident'].some((w) => words.includes(w))) continue; // CERTs are agencies
    const to = capitalHead ? i + 1 : i;
    if (from > 0 && word(tokens, from - 1, taken)) continue;
    // "FireEye Threat Intelligence", "Kaspersky Lab's Global Research and Analysis Team": a known company's own team; the company is listed.
    const before = tokens.key[from - 1] === 's' && tokens.key[from - 2] === "'" ? from - 3 : from - 1;
    if (before >= 0 && taken[before]) continue;
    // "our Threat Analysis and Intelligence team": a team described by its owner, whose name the text does not give here.
    if (['our', 'my', 'their', 'its', 'his', 'her'].includes(tokens.key[from - 1] ?? '')) continue;
    out.push(span(tokens, from, to));
  }
  return out;
}

/** Every company named by a cue, in text order. */
export function findCompanyCues(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  return [...afterDescriptor(tokens, taken), ...beforeAppositive(tokens, taken), ...researchTeams(tokens, taken)].sort((a, b) => a.start - b.start);
}
