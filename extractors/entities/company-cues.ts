/**
 * Companies the gazetteer lacks, introduced by the words around them: a descriptor before the name
 * ("security firm X", "the ATM vendor X"), an appositive after it ("X, a Swiss technology company"),
 * and vendors' research teams named as such ("the Global Research and Analysis Team", "Threat
 * Analysis Unit"). Never a public body, never a person: the same guards as the other company rules.
 */
import { gazetteers, type NamedSpan } from './gazetteer.js';
import { isCapitalized, isNameShaped, surface, type Tokens } from './matcher.js';
import { DROPPED_LAST_WORDS } from './company-short-names.js';

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

/** Verbs of a vendor's research: "Lab52 has detected", "Palo Alto disclosed", "reported by X". */
const REPORT_VERBS = new Set(
  'reported published disclosed discovered identified observed detected uncovered analyzed analysed attributed tracked documented spotted noticed investigated described depicted revealed released blogged found named dubbed verified studied confirmed examined researched seen'.split(
    ' ',
  ),
);
/** "has been tracking": the progressive keeps the name the subject (unlike the passive "has been observed"). */
const REPORT_GERUNDS = new Set(['tracking', 'monitoring', 'following', 'investigating', 'researching', 'analyzing', 'analysing', 'observing']);
const AUXILIARIES = new Set(['has', 'have', 'had']);
const ADVERBS = new Set(['also', 'previously', 'recently', 'first', 'already', 'initially', 'later', 'then', 'originally', 'publicly', 'not', 'never']);
/** Nouns of a vendor's publications after its name: "the Arbor blog post", "RedDrip's report". */
const REPORT_NOUNS = new Set(['blog', 'report', 'reports', 'researchers', 'analysts', 'telemetry', 'whitepaper', 'advisory', 'team']);
/** Coined-looking words that name no organization: plural acronyms ("TTPs", "IPs") and surnames with a capital inside ("DeGrippo", "McKay"). */
const PLURAL_ACRONYM = /^\p{Lu}{2,}s$/u;
const SURNAME_SHAPE = /^(?:Mc|Mac|De|Di|Da|Du|Van|Von|La|Le|Fitz|O['’])\p{Lu}\p{Ll}/u;

/** Words before a name that make it a person's handle. */
const HANDLE_CUES = new Set(['handle', 'alias', 'nickname', 'moniker', 'username', 'pseudonym', 'nicknamed']);
const GO_VERBS = new Set(['go', 'goes', 'going', 'went']);

/** A gazetteer company's short names (its name without the corporate last word: "Palo Alto", "Arbor"), by first word, with its id. */
let shortForms: Map<string, Array<{ words: string[]; id: number }>> | undefined;
function companyShortForms(): Map<string, Array<{ words: string[]; id: number }>> {
  if (shortForms) return shortForms;
  shortForms = new Map();
  gazetteers().companies.forEach((c, id) => {
    for (const name of [c.name, ...c.aliases]) {
      const words = name.split(/\s+/);
      if (words.length < 2 || !DROPPED_LAST_WORDS.has(words[words.length - 1]!.toLowerCase())) continue;
      const short = words.slice(0, -1);
      if (!short.every((w) => /^\p{Lu}[\p{L}\p{N}]*$/u.test(w))) continue;
      const list = shortForms!.get(short[0]!) ?? [];
      list.push({ words: short, id });
      shortForms!.set(short[0]!, list);
    }
  });
  return shortForms;
}

/** Tokens from `i` that spell a reporting organization's name: a coined word ("Lab52", "RedDrip") or a known company's short name. */
function reporterAt(tokens: Tokens, i: number, taken: Uint8Array): { to: number; id: number | null } | null {
  if (!word(tokens, i, taken)) return null;
  for (const { words, id } of companyShortForms().get(surface(tokens, i)) ?? []) {
    let ok = i + words.length <= tokens.key.length;
    for (let k = 1; ok && k < words.length; k++) ok = !taken[i + k] && surface(tokens, i + k) === words[k];
    // A one-word short name opening a sentence is too often a plain word ("News reported").
    if (ok && !(words.length === 1 && tokens.sentenceStart[i])) return { to: i + words.length, id };
  }
  const w = surface(tokens, i);
  return isNameShaped(w) && !PLURAL_ACRONYM.test(w) && !SURNAME_SHAPE.test(w) ? { to: i + 1, id: null } : null;
}

/** After a name: "(has) (also) disclosed", "has been tracking", "'s blog", "blog post". */
function reportFollows(tokens: Tokens, j: number): boolean {
  if (tokens.key[j] === "'" && tokens.key[j + 1] === 's') return REPORT_NOUNS.has(tokens.key[j + 2] ?? '');
  if (REPORT_NOUNS.has(tokens.key[j] ?? '')) return true;
  if (AUXILIARIES.has(tokens.key[j] ?? '')) {
    j++;
    if (tokens.key[j] === 'been') return REPORT_GERUNDS.has(tokens.key[j + 1] ?? '');
  }
  if (ADVERBS.has(tokens.key[j] ?? '')) j++;
  // "X detected as Y", "X described as": what the name is called, not what it found.
  return REPORT_VERBS.has(tokens.key[j] ?? '') && tokens.key[j + 1] !== 'as';
}

/**
 * Security vendors named as the source of research: the subject of a reporting verb ("Lab52 has
 * detected", "Palo Alto disclosed", "RedDrip's report") or its agent ("reported by enSilo",
 * "according to LookingGlass"). Only a coined name (inner capital or digit) or a known company's
 * short name counts: a plain word there is as often a researcher's surname ("according to Smith").
 */
function reportingOrganizations(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  for (let i = 0; i < n; i++) {
    // "Dridex ... by X" is passive of something else; the name must not run on from another capitalized word.
    if (i > 0 && word(tokens, i - 1, taken) && !tokens.sentenceStart[i] && tokens.key[i - 1] !== 'from') continue;
    // "a researcher who goes by Kr4ken", "the handle M4lw4reHunter": a person's handle, not a vendor.
    if (HANDLE_CUES.has(tokens.key[i - 1] ?? '') || (tokens.key[i - 1] === 'by' && GO_VERBS.has(tokens.key[i - 2] ?? '')) || (tokens.key[i - 1] === 'as' && tokens.key[i - 2] === 'known')) continue;
    const r = reporterAt(tokens, i, taken);
    if (!r || (r.to < n && word(tokens, r.to, taken))) continue;
    // "reported by X", "according to X", and a vendor speaking of itself: "From X we have been tracking ...".
    const agent =
      (tokens.key[i - 1] === 'by' && REPORT_VERBS.has(tokens.key[i - 2] ?? '')) ||
      (tokens.key[i - 1] === 'to' && tokens.key[i - 2] === 'according') ||
      (tokens.key[i - 1] === 'from' && tokens.key[r.to] === 'we');
    if (!agent && !reportFollows(tokens, r.to)) continue;
    out.push({ ...span(tokens, i, r.to), id: r.id });
    i = r.to - 1;
  }
  return out;
}

/** Every company named by a cue, in text order. */
export function findCompanyCues(tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  return [...afterDescriptor(tokens, taken), ...beforeAppositive(tokens, taken), ...researchTeams(tokens, taken), ...reportingOrganizations(tokens, taken)].sort(
    (a, b) => a.start - b.start,
  );
}
