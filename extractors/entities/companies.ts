/**
 * Companies: the gazetteer of notable companies plus corporate-name rules ("Acme Corp",
 * "Foo Technologies", "Bar Labs") for companies it lacks. Never an agency, group or country.
 */
import type { Company } from '../../src/record/schema.js';
import { gazetteers, type Gazetteers, type NamedSpan } from './gazetteer.js';
import { isCapitalized, isNameShaped, type Tokens } from './matcher.js';
import { findCompanyCues } from './company-cues.js';
import { buildSimpleEntities } from './mentions.js';

/**
 * Last words that make a capitalized name a company. compromise's organization tagging would find
 * more, but costs ~40 ms per article; these rules cost a scan of the tokens.
 */
export const COMPANY_SUFFIXES = new Set(
  (
    'inc incorporated corp corporation ltd limited llc plc gmbh holdings technologies technology systems networks ' +
    'software labs lab laboratories solutions communications telecom telecommunications consulting security health ' +
    'healthcare hospital exchange bank electric industries airlines airways pharmaceuticals semiconductor electronics ' +
    'analytics robotics logistics insurance intelligence authority utilities'
  ).split(' '),
);

/** Words that on their own make no company name ("Industrial Control Systems", "Public Health"). */
export const GENERIC_WORDS = new Set(
  (
    'the a an this that these those its our their his her and or of for in on at by to from with as new old national ' +
    'federal state regional global international american european cyber information network networks computer data ' +
    'cloud internet digital mobile industrial control management detection intrusion prevention response content ' +
    'operating critical infrastructure domain name public private mental central world stock foreign homeland endpoint ' +
    'email application enterprise threat security systems system services service research advanced persistent ' +
    'supervisory acquisition embedded wireless power water energy financial health medical community general united ' +
    'first second third last next many some several multiple other all both each every after before when while since ' +
    'according researchers officials attackers hackers group team unit department ministry office agency bureau ' +
    'microsoft windows linux apple google amazon android ios open source free major large small local county city ' +
    'managed identity access remote desktop protocol virtual private web site key chief senior artificial signals ' +
    'human business market competitive open municipal civil aviation port communication communications west east ' +
    'north south reserve development investment export import prosecution protection regulatory competition consumer ' +
    'transport bereich'
  ).split(' '),
);

/** Words that make a name a public body, not a company ("Hainan State Security", "Keio University"). */
const PUBLIC_BODY_WORDS = new Set(
  'state ministry national federal government department bureau agency police military army navy university college institute school council committee commission'.split(' '),
);
/** Suffix-like words that may continue a company name after its suffix: "Integrity Technology Group". */
const CONTINUATIONS = new Set(['group', 'holdings', 'company', 'co', 'inc', 'ltd', 'llc', 'corp', 'corporation', 'plc', 'gmbh', 'limited']);

/** Legal suffixes that may follow a comma: "Acme, Inc." */
const COMMA_SUFFIXES = new Set(['inc', 'ltd', 'llc', 'plc', 'corp', 'gmbh']);
export const MAX_NAME_WORDS = 4;

function isNameWord(tokens: Tokens, i: number, taken: Uint8Array): boolean {
  return !taken[i] && isCapitalized(tokens, i) && /^[\p{L}\p{N}]/u.test(tokens.key[i]!);
}

/** "researchers at X", "analysts from X": the words before a research organization's name. */
const RESEARCHERS = new Set(['researchers', 'analysts', 'experts', 'investigators']);
const AT_FROM = new Set(['at', 'from', 'with']);
/** "X researchers said": verbs of reporting after "researchers". */
const REPORTING_VERBS = new Set(['said', 'say', 'says', 'found', 'observed', 'discovered', 'noted', 'wrote', 'reported', 'spotted', 'uncovered', 'identified', 'believe', 'assess', 'assessed', 'attributed', 'tracked', 'warned', 'explained', 'told']);
/** At most this many capitalized words make an organization found by these cues. */
export const MAX_CUED_WORDS = 3;

function cuedName(tokens: Tokens, from: number, to: number, taken: Uint8Array): NamedSpan | null {
  const words: string[] = [];
  for (let k = from; k < to; k++) {
    if (!isNameWord(tokens, k, taken)) return null;
    words.push(tokens.key[k]!);
  }
  if (!words.length || words.every((w) => GENERIC_WORDS.has(w)) || words.some((w) => PUBLIC_BODY_WORDS.has(w))) return null;
  // One plain word could be a person's surname or an ordinary word: ask for a coined shape ("ThreatLabz", "Sekoia").
  if (words.length === 1 && !isNameShaped(tokens.text.slice(tokens.start[from], tokens.end[from]))) return null;
  return span(tokens, from, to);
}

/**
 * Research teams and vendors named by the words around them: "researchers at X", "X researchers
 * said". Only coined-shaped single words or multi-word names count, never people or public bodies.
 */
function findCuedOrganizations(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  for (let i = 0; i < n; i++) {
    const key = tokens.key[i]!;
    if (RESEARCHERS.has(key) && AT_FROM.has(tokens.key[i + 1] ?? '')) {
      let from = i + 2;
      if (tokens.key[from] === 'the') from++;
      let to = from;
      while (to < n && to - from < MAX_CUED_WORDS && isNameWord(tokens, to, taken) && !tokens.sentenceStart[to]) to++;
      // "researchers at Acme's lab": the possessive ends the name; a longer capitalized run is something else.
      if (to > from && !(to < n && isNameWord(tokens, to, taken))) {
        const s = cuedName(tokens, from, to, taken);
        if (s) out.push(s);
      }
    } else if (RESEARCHERS.has(key) && REPORTING_VERBS.has(tokens.key[i + 1] ?? '')) {
      let from = i;
      while (from > 0 && i - from < MAX_CUED_WORDS && isNameWord(tokens, from - 1, taken)) {
        from--;
        if (tokens.sentenceStart[from]) break;
      }
      if (from < i) {
        const s = cuedName(tokens, from, i, taken);
        if (s) out.push(s);
      }
    }
  }
  return out;
}

/** Company names the gazetteer lacks, found by their corporate suffix or by research cues. */
export function findCompanyCandidates(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  return [...findSuffixedCompanies(tokens, taken), ...findCuedOrganizations(tokens, taken), ...findCompanyCues(tokens, taken)].sort((a, b) => a.start - b.start);
}

function findSuffixedCompanies(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  for (let i = 0; i < n; i++) {
    const key = tokens.key[i]!;
    // "Co." counts only abbreviated ("Gravity Co., Ltd."), never the word "Co" alone.
    const abbreviatedCo = key === 'co' && tokens.key[i + 1] === '.' && tokens.start[i + 1] === tokens.end[i];
    if ((!COMPANY_SUFFIXES.has(key) && !abbreviatedCo) || taken[i] || !isCapitalized(tokens, i)) continue;
    let first = i;
    let j = i - 1;
    if (j >= 0 && tokens.key[j] === ',' && COMMA_SUFFIXES.has(key)) j--;
    const wordsEnd = j + 1;
    while (j >= 0 && wordsEnd - j <= MAX_NAME_WORDS && isNameWord(tokens, j, taken)) {
      first = j;
      if (tokens.sentenceStart[j]) break;
      j--;
    }
    if (first === i) continue;
    // Leading function words ("The Acme Labs") are not part of the name.
    while (first < wordsEnd && GENERIC_WORDS.has(tokens.key[first]!) && tokens.sentenceStart[first]) first++;
    const words = [];
    for (let k = first; k < wordsEnd; k++) if (/^[\p{L}\p{N}]/u.test(tokens.key[k]!)) words.push(tokens.key[k]!);
    if (!words.length || words.every((w) => GENERIC_WORDS.has(w)) || words.some((w) => PUBLIC_BODY_WORDS.has(w))) continue;
    // "Canberra Institute for Strategic Security": the words are the tail of a longer name.
    const before = first - 1;
    if (before >= 1 && ['of', 'for', 'on'].includes(tokens.key[before]!) && isCapitalized(tokens, before - 1)) continue;
    // A lone name word opening a sentence is too often an ordinary word ("Security Labs said").
    if (words.length === 1 && tokens.sentenceStart[first] && GENERIC_WORDS.has(words[0]!)) continue;
    let end = i + 1;
    while (CONTINUATIONS.has(tokens.key[end] ?? '') && isCapitalized(tokens, end) && !LEGAL_FORMS.has(tokens.key[end]!)) end++;
    end = legalTail(tokens, end);
    // "Adaptive Security Appliance", "Hainan State Security Department": the name goes on; it names something else.
    if (end < n && isCapitalized(tokens, end) && !tokens.sentenceStart[end] && tokens.start[end]! <= tokens.end[end - 1]! + 1) {
      i = end - 1;
      continue;
    }
    out.push(span(tokens, first, end));
    i = end - 1;
  }
  return out;
}

const LEGAL_FORMS = new Set(['inc', 'incorporated', 'corp', 'corporation', 'ltd', 'limited', 'llc', 'plc', 'gmbh', 'co']);
const ABBREVIATED = new Set(['inc', 'corp', 'ltd', 'co']);

/** "Quillfeather Systems Inc.", "Acme Labs, Ltd": a legal form after the name belongs to it. */
function legalTail(tokens: Tokens, end: number): number {
  if (tokens.key[end] === ',' && COMMA_SUFFIXES.has(tokens.key[end + 1] ?? '')) end += 2;
  else if (LEGAL_FORMS.has(tokens.key[end] ?? '') && isCapitalized(tokens, end)) end += 1;
  if (tokens.key[end] === '.' && ABBREVIATED.has(tokens.key[end - 1]!) && tokens.start[end] === tokens.end[end - 1]) end += 1;
  // "Co., Ltd.", "Co.,Ltd", "Co. Ltd": the Chinese and Korean legal form is one suffix.
  if (tokens.key[end - 1] === '.' && tokens.key[end - 2] === 'co') {
    const k = tokens.key[end] === ',' ? end + 1 : end;
    if (tokens.key[k] === 'ltd' && isCapitalized(tokens, k)) end = tokens.key[k + 1] === '.' && tokens.start[k + 1] === tokens.end[k] ? k + 2 : k + 1;
  }
  return end;
}

function span(tokens: Tokens, from: number, to: number): NamedSpan {
  const start = tokens.start[from]!;
  const end = tokens.end[to - 1]!;
  return { start, end, text: tokens.text.slice(start, end), tokenStart: from, tokenEnd: to, kind: 'company', id: null };
}

/** How far from a line start a dateline credit may stand: "WASHINGTON (Reuters) -", "(CNN)". */
export const DATELINE_CHARS = 40;

/**
 * A wire credit, not a mention: "(Reuters) -" in a dateline, "© 2019 Associated Press". The content
 * step keeps datelines as part of the first paragraph, so the entity step drops the credit itself.
 */
export function isCredit(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - DATELINE_CHARS), start);
  if (/©\s*(?:\d{4}\s*)?(?:The\s+)?$/.test(before)) return true;
  if (!/\(\s*$/.test(before) || !/^\s*\)/.test(text.slice(end, end + 3))) return false;
  const lineStart = Math.max(text.lastIndexOf('\n', start), -1) + 1;
  return start - lineStart <= DATELINE_CHARS && /^[\p{Lu}\s,.'-]*\(\s*$/u.test(text.slice(lineStart, start));
}

/** Key of a rule-found name: "Acme Corp." and "Acme Corp" are one company. */
function ruleKey(text: string): string {
  return text.toLowerCase().replace(/[.,]/g, '').replace(/\s+/g, ' ').trim();
}

export function buildCompanies(spans: NamedSpan[], g: Gazetteers = gazetteers()): Company[] {
  return buildSimpleEntities(spans, 'company', (id) => g.companies[id]!.name, ruleKey).map(({ id: _id, ...c }) => c);
}
