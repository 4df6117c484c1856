/**
 * People, with a role when the text gives one: "CISA Director Jen Easterly", "John Hultquist,
 * chief analyst at Google Threat Intelligence", "Smith, a researcher at X", "said Jane Doe".
 * Rules only, precision first: a name needs a role next to it, or a speech verb and a first name
 * that compromise's lexicon knows (a dictionary lookup, no parse: a full compromise parse costs
 * ~40 ms an article). Later surname-only mentions ("Easterly said") join the person.
 */
import nlp from 'compromise';
import { z } from 'zod';
import type { Mention, Person } from '../../src/record/schema.js';
import { readDataFile } from './load-data.js';
import type { Span } from './sentences.js';
import { createSpanIndex } from './spans.js';

const RoleDataSchema = z.object({
  heads: z.array(z.string()),
  modifiers: z.array(z.string()),
  speechVerbs: z.array(z.string()),
  notNameWords: z.array(z.string()),
});

interface Tables {
  /** Capitalized words that start a sentence before a name ("Said Jane Doe", "According to ..."). */
  leaders: Set<string>;
  heads: Set<string>;
  modifiers: Set<string>;
  notName: Set<string>;
  speech: RegExp;
  firstNames: Set<string>;
  /** Words compromise knows as something other than a name ("process", "furthermore"). */
  commonWords: Set<string>;
}

/** compromise lexicon tags that a person's name may carry. */
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'ProperNoun', 'Place', 'Honorific']);

let tables: Tables | undefined;
/** Role words from the data file and first names from compromise's lexicon, read once. */
function roleTables(): Tables {
  if (tables) return tables;
  const data = RoleDataSchema.parse(readDataFile('person-roles.json'));
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const firstNames = new Set<string>();
  const commonWords = new Set<string>();
  for (const [word, tag] of Object.entries(lexicon)) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName')) firstNames.add(word);
    else if (!tags.some((t) => NAME_TAGS.has(t))) commonWords.add(word);
  }
  const verbs = data.speechVerbs.join('|');
  tables = {
    leaders: new Set([...SENTENCE_OPENERS, ...data.speechVerbs, 'by', 'from', 'with', 'for', 'to']),
    heads: new Set(data.heads),
    modifiers: new Set(data.modifiers),
    notName: new Set(data.notNameWords),
    commonWords,
    speech: new RegExp(`^\\s*,?\\s*(?:${verbs})\\b|\\b(?:${verbs}|according to)\\s*,?\\s*$`, 'i'),
    firstNames,
  };
  return tables;
}

/**
 * A run of capitalized name tokens: "Jen Easterly", "John F. Kennedy", "Mary O'Neill-Smith". Up to
 * eight, as title words may lead ("Chief Information Security Officer Jane Doe": splitRun parts
 * them); a possessive ends the run ("Angela Merkel's Christian Democratic Union").
 */
const NAME_TOKEN = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*`;
const NAME_RUN_SOURCE = String.raw`(?<![\p{L}\p{N}.&-])${NAME_TOKEN}(?:(?<!['’]s)\s+(?:\p{Lu}\.\s+)?${NAME_TOKEN}){0,7}(?![\p{L}\p{N}&]|-\p{L})`;
/** Sticky: matched only at the position given (see nameRuns). */
const NAME_RUN_AT = new RegExp(NAME_RUN_SOURCE, 'uy');
/** The characters besides white space that the role word lists split on. */
const WORD_SEPARATOR = /[,;:()"“”]/;

/**
 * The matches of the name-run pattern in `s`, as a global regex's matchAll gives them: a run starts with a
 * capital, so the sticky twin is tried only where one may start (A-Z or a non-ASCII code point
 * other than the second half of a pair); trying the full regex at every position cost more.
 */
function* nameRuns(s: string): Generator<RegExpExecArray> {
  const n = s.length;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 0x80 && !(c >= 0xdc00 && c <= 0xdfff))) {
      NAME_RUN_AT.lastIndex = i;
      const m = NAME_RUN_AT.exec(s);
      if (m) {
        yield m;
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
}

/** Capitalized words that open a sentence without belonging to an organization name. */
const SENTENCE_OPENERS = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'earlier', 'later', 'last', 'this', 'but', 'and', 'however', 'meanwhile', 'then', 'when', 'while', 'as', 'after', 'before', 'since', 'according']);

interface Candidate {
  name: string;
  role: string | null;
  start: number;
  end: number;
}

const norm = (w: string) => {
  const lower = w.toLowerCase();
  return lower.includes('’') ? lower.replace(/[’]/g, "'") : lower;
};

/** Split a capitalized run into leading title words and the trailing name. */
function splitRun(run: string, t: Tables): { titleEnd: number; nameStart: number } {
  // A run starts and ends with a name token, so its words are the pieces between white space;
  // split and indexOf cost less than a match object per word, and this runs for every run.
  const words = run.split(/\s+/);
  const at: number[] = [];
  for (let i = 0, pos = 0; i < words.length; i++) {
    pos = run.indexOf(words[i]!, pos);
    at.push(pos);
    pos += words[i]!.length;
  }
  let last = -1;
  words.forEach((w, i) => {
    if (t.heads.has(norm(w)) || (i < words.length - 2 && t.modifiers.has(norm(w)))) last = i;
  });
  if (last < 0) {
    let lead = 0;
    while (lead < words.length - 1 && t.leaders.has(norm(words[lead]!))) lead++;
    return { titleEnd: 0, nameStart: lead ? at[lead]! : 0 };
  }
  const next = at[last + 1];
  return { titleEnd: at[last]! + words[last]!.length, nameStart: next ?? run.length };
}

function validName(name: string, t: Tables, allowSingle: boolean): boolean {
  const tokens = name.split(/\s+/).filter((w) => !/^\p{Lu}\.$/u.test(w));
  if (tokens.length < (allowSingle ? 1 : 2) || tokens.length > 3) return false;
  if (!tokens.every((w) => !t.notName.has(norm(w)) && !t.heads.has(norm(w)) && !/^\p{Lu}+$/u.test(w))) return false;
  // "Process Hacker", "Furthermore": words of the language, not a name, unless a first name leads.
  return t.firstNames.has(norm(tokens[0]!)) && tokens.length > 1 ? true : !tokens.some((w) => t.commonWords.has(norm(w)));
}

/** Role words written before the name ("CISA Director", "Halberd Labs research director"). */
function roleBefore(text: string, nameStart: number, sentenceStart: number, t: Tables): string | null {
  // Most names have no role word right before them: settle that from the last word alone
  // (the words below split on white space and ,;:()"“”) before reading the whole sentence start.
  let k = nameStart;
  while (k > sentenceStart && /\s/.test(text[k - 1]!)) k--;
  if (k === sentenceStart || WORD_SEPARATOR.test(text[k - 1]!)) return null;
  let w = k - 1;
  while (w > sentenceStart && !WORD_SEPARATOR.test(text[w - 1]!) && !/\s/.test(text[w - 1]!)) w--;
  if (!t.heads.has(norm(text.slice(w, k)))) return null;
  const before = text.slice(sentenceStart, nameStart);
  const words = [...before.matchAll(/[^\s,;:()"“”]+/g)];
  let i = words.length - 1;
  // The words must run right up to the name, with nothing but spaces between.
  if (i < 0 || /\S/.test(before.slice(words[i]!.index + words[i]![0].length))) return null;
  if (!t.heads.has(norm(words[i]![0]))) return null;
  const end = words[i]!.index + words[i]![0].length;
  let start = words[i]!.index;
  const adjacent = (k: number) => /^\s+$/.test(before.slice(words[k]!.index + words[k]![0].length, words[k + 1]!.index));
  for (i--; i >= 0 && adjacent(i) && (t.modifiers.has(norm(words[i]![0])) || t.heads.has(norm(words[i]![0]))); i--) start = words[i]!.index;
  for (; i >= 0 && adjacent(i) && /^[\p{Lu}\p{N}&]/u.test(words[i]![0]); i--) {
    const w = norm(words[i]![0]);
    if (i === 0 && SENTENCE_OPENERS.has(w)) break;
    if (/^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)/.test(w) && w.length <= 9) break;
    start = words[i]!.index;
  }
  const role = before.slice(start, end);
  return /^(?:the|a|an)\s/i.test(role) ? role.replace(/^\S+\s+/, '') : role;
}

/** Role words written after the name ("chief analyst at Google Threat Intelligence"). */
function roleAfter(text: string, nameEnd: number, sentenceEnd: number, t: Tables): { role: string; article: boolean } | null {
  if (text[nameEnd] !== ',') return null; // the role follows a comma (see lead)
  const tail = text.slice(nameEnd, Math.min(sentenceEnd, nameEnd + 160));
  const lead = /^,\s+(?:(a|an|the)\s+)?/i.exec(tail);
  if (!lead) return null;
  let base = lead[0].length;
  // "the authority's general manager": the owner's word is not part of the role.
  const owner = /^\p{Ll}[\p{L}-]*['’]s\s+/u.exec(tail.slice(base));
  if (owner) base += owner[0].length;
  const words = [...tail.slice(base).matchAll(/[^\s,;:()"“”]+/g)];
  // Title words up to the last head: "vice president", "chief analyst", "BSI spokesman".
  let headEnd = -1;
  let i = 0;
  for (; i < words.length && i < 6; i++) {
    const raw = norm(words[i]![0]);
    const w = t.heads.has(raw) || t.modifiers.has(raw) ? raw : raw.replace(/\.$/, '');
    if (i > 0 && !/^\s+$/.test(tail.slice(base + words[i - 1]!.index + words[i - 1]![0].length, base + words[i]!.index))) break;
    if (t.heads.has(w)) headEnd = i;
    else if (!t.modifiers.has(w) && !(headEnd < 0 && /^[\p{Lu}\p{N}]/u.test(words[i]![0]) && !t.notName.has(w))) break;
  }
  if (headEnd < 0) return null;
  let end = base + words[headEnd]!.index + words[headEnd]![0].length;
  // "... of threat research" and then "at Acme": an optional field, then the organization.
  const rest = tail.slice(end);
  const org = /^(?:\s+of\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+(?=\s+(?:at|with|for)\s))?\s+(?:at|of|with|for|in)\s+(?:the\s+)?[\p{Lu}\p{N}][\p{L}\p{N}&.'’-]*(?:\s+(?:(?:&|for|of|and)\s+)?[\p{Lu}\p{N}][\p{L}\p{N}&.'’-]*){0,5}/u.exec(rest);
  if (org) end += org[0].length;
  const role = tail.slice(base, end).replace(/[.'’]+$/, '');
  return { role, article: Boolean(lead[1]) };
}

/**
 * A full name with no cue around it ("research by Maria Okonkwo found"): a first name the lexicon
 * knows, then a surname that is no word of the language and no first name of its own ("Grace
 * Hopper" yes; "Jasper Loader", "Georgia Power" no), two or three words.
 */
function plainFullName(name: string, t: Tables): boolean {
  const words = name.split(/\s+/).filter((w) => !/^\p{Lu}\.$/u.test(w));
  const last = norm(words[words.length - 1]!);
  return words.length >= 2 && words.length <= 3 && !t.commonWords.has(last) && !t.firstNames.has(last) && !NOT_SURNAMES.has(last);
}

/** "Jane Doe is a news writer for X covering ...": an author bio left in the text, boilerplate, no one in the story. */
const BYLINE_BIO = /^\s+(?:is|was)\s+an?\s+(?:[\p{L}-]+\s+){0,3}?(?:writer|reporter|editor|journalist|correspondent|contributor|columnist|author)\b/u;

/** Words of the trade that follow a first-name-like word in product and malware names. */
const NOT_SURNAMES = new Set(
  'loader stealer rat bot botnet locker ransomware trojan backdoor worm miner spy agent shell exploit kit framework server client tool suite team group labs lab security'.split(' '),
);

/** Words that say the one named by a handle is a person: "a researcher who goes by X". */
const PERSON_NOUNS = 'researcher|hacker|developer|coder|programmer|user|member|individual|person|analyst|seller|vendor|author|journalist|expert|engineer|someone|man|woman|teenager|student|he|she';
/**
 * "a researcher who goes by X", "a hacker known online as X", "a member using the handle X": a
 * person named by a handle (any shape: "0xDeadbeef", "@jdoe"); the person noun must come first.
 */
const HANDLE_RE = new RegExp(
  String.raw`\b(?:${PERSON_NOUNS})\b[^.;:!?
]{0,60}?\b(?:(?:goes|went|going)\s+by(?:\s+the\s+(?:name|handle|alias|moniker|nickname))?|known\s+(?:online\s+)?(?:as|by)(?:\s+the\s+(?:handle|alias|moniker|nickname))?|(?:uses|used|using)\s+the\s+(?:handle|alias|moniker|nickname|pseudonym)|under\s+the\s+(?:handle|alias|moniker|nickname|pseudonym))\s+["“'‘]?(@?[\p{L}\p{N}_][\p{L}\p{N}_.-]{1,30}?(?:\s\p{Lu}[\p{L}\p{N}_-]+)?)["”'’]?(?=[\s,;:)]|[.!?](?:\s|$)|$)`,
  'gu', // case-sensitive: a second handle word must be capitalized ("Orange Tsai", not "Zer0Pulse on")
);
/** Lower-case words after the cue that are no handle: "known as the group", "goes by many names". */
const NOT_HANDLES = new Set(['the', 'a', 'an', 'many', 'several', 'other', 'different', 'his', 'her', 'their', 'its', 'this', 'that', 'name', 'names']);

function handles(text: string, blocked: Span[]): Candidate[] {
  const index = createSpanIndex(blocked);
  const out: Candidate[] = [];
  for (const m of text.matchAll(HANDLE_RE)) {
    const name = m[1]!;
    const start = m.index + m[0].lastIndexOf(name);
    const end = start + name.length;
    if (NOT_HANDLES.has(name.toLowerCase()) || index.overlaps(start, end)) continue;
    out.push({ name, role: null, start, end });
  }
  return out;
}

function candidates(text: string, sentences: Span[], blocked: Span[], t: Tables): Candidate[] {
  const out: Candidate[] = [];
  const blockedIndex = createSpanIndex(blocked);
  const overlapsBlocked = (s: number, e: number) => blockedIndex.overlaps(s, e);
  for (const sentence of sentences) {
    const sText = text.slice(sentence.start, sentence.end);
    for (const m of nameRuns(sText)) {
      const { nameStart } = splitRun(m[0], t);
      const start = sentence.start + m.index + nameStart;
      // "Donald Trump's aide": the possessive is not part of the name.
      const end = sentence.start + m.index + m[0].length - (/['’]s$/.test(m[0]) ? 2 : 0);
      const name = text.slice(start, end);
      if (!name || overlapsBlocked(start, end)) continue;
      // Each cue is looked at only when the ones before it did not settle the name: most
      // capitalized runs are no person, and this loop runs over every one of them.
      const before = roleBefore(text, start, sentence.start, t);
      let role: string | null = null;
      if (before && validName(name, t, false)) role = before;
      else {
        const after = roleAfter(text, end, sentence.end, t);
        if (after && validName(name, t, after.article)) role = after.role;
        else {
          // The first word: what split(/\s+/)[0] gives, without an array per candidate.
          const space = name.search(/\s/);
          const knownFirst = t.firstNames.has(norm(space < 0 ? name : name.slice(0, space)));
          const speech = () => t.speech.test(text.slice(end, end + 20)) || t.speech.test(text.slice(Math.max(sentence.start, start - 25), start));
          if (!(knownFirst && validName(name, t, false) && (speech() || (plainFullName(name, t) && !BYLINE_BIO.test(text.slice(end, end + 80)))))) continue;
        }
      }
      out.push({ name, role, start, end });
    }
  }
  return out;
}

/**
 * People found in `text`; `blocked` spans (companies, agencies, groups, places, malware already
 * found) never become a person.
 */
export function findPeople(text: string, sentences: Span[], blocked: Span[] = []): Person[] {
  const t = roleTables();
  const people = new Map<string, { role: string | null; mentions: Mention[] }>();
  for (const c of [...candidates(text, sentences, blocked, t), ...handles(text, blocked)]) {
    const p = people.get(c.name) ?? { role: null, mentions: [] };
    p.role ??= c.role;
    people.set(c.name, p);
  }
  // Every mention of the full name, then the surname alone ("Easterly said").
  // Characters already owned by a name of another kind or by an earlier mention: linear to check.
  const taken = new Uint8Array(text.length);
  const claim = (s: number, e: number) => taken.fill(1, s, e);
  for (const b of blocked) claim(b.start, b.end);
  const free = (s: number, e: number) => {
    for (let i = s; i < e; i++) if (taken[i]) return false;
    return true;
  };
  // Plain string search with the boundary checks by hand: a compiled regex per name cost more
  // than the rest of the person step together.
  for (const [name, p] of people) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (isWordChar(codePointBefore(text, at)) || isWordChar(codePointAt(text, end)) || !free(at, end)) continue;
      p.mentions.push({ text: name, start: at, end });
      claim(at, end);
      at = end - 1;
    }
  }
  for (const [name, p] of people) {
    const parts = name.split(/\s+/);
    if (parts.length < 2) continue;
    const surname = parts[parts.length - 1]!;
    for (let at = text.indexOf(surname); at >= 0; at = text.indexOf(surname, at + 1)) {
      const end = at + surname.length;
      // Not inside a word, not the last word of a longer capitalized name ("Easterly" in "Jen Easterly"),
      // not the first word of one ("Easterly Group").
      if (isWordChar(codePointBefore(text, at)) || isWordChar(codePointAt(text, end))) continue;
      if (afterCapitalizedWord(text, at) || beforeCapitalizedWord(text, end) || !free(at, end)) continue;
      p.mentions.push({ text: surname, start: at, end });
      claim(at, end);
      at = end - 1;
    }
  }
  return [...people]
    .filter(([, p]) => p.mentions.length > 0)
    // No list of people exists: every person is found by a cue (a role, a speech verb, a first name).
    .map(([name, p]) => ({ name, role: p.role, source: 'cue' as const, mentions: p.mentions.sort((a, b) => a.start - b.start) }))
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (ch: string) => ch !== '' && WORD_CHAR.test(ch);

/** The code point that ends just before `i` ('' at the start), surrogate pairs whole. */
function codePointBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1]!;
}

/** The code point that starts at `i` ('' at the end). */
function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** One white-space character, then a run of letters with a capital in it, ends at `i`: "Jen |Easterly". */
function afterCapitalizedWord(text: string, i: number): boolean {
  const space = codePointBefore(text, i);
  if (!/\s/.test(space) || space === '') return false;
  for (let k = i - space.length; k > 0; ) {
    const ch = codePointBefore(text, k);
    if (!/\p{L}/u.test(ch)) return false;
    if (/\p{Lu}/u.test(ch)) return true;
    k -= ch.length;
  }
  return false;
}

/** White space and then a capital follow `i`: "Easterly| Group". */
function beforeCapitalizedWord(text: string, i: number): boolean {
  let k = i;
  while (k < text.length && /\s/.test(text[k]!)) k++;
  return k > i && /\p{Lu}/u.test(codePointAt(text, k));
}
