/**
 * Sectors: surface terms ("water utilities", "telecom", "banks") mapped to CISA's 16
 * critical-infrastructure sectors, with context rules for words that are only sometimes a sector.
 */
import { z } from 'zod';
import { SECTOR_IDS, type Mention, type Sector, type SectorId } from '../../src/record/schema.js';
import { readDataFile } from './load-data.js';
import { tokenize, wordRunEnd, type Tokens } from './matcher.js';

const SectorDataSchema = z.object({
  contextNouns: z.array(z.string()),
  strictContextNouns: z.array(z.string()),
  listWords: z.array(z.string()),
  notBefore: z.array(z.string()),
  sectors: z.array(
    z.object({
      id: z.enum(SECTOR_IDS),
      label: z.string(),
      terms: z.array(z.string()),
      contextTerms: z.array(z.string()),
      strictContextTerms: z.array(z.string()),
    }),
  ),
});
type SectorData = z.infer<typeof SectorDataSchema>;

/** How a term earns its place: anywhere, before any context noun, or before a strict one. */
type Need = 'none' | 'context' | 'strict';
interface TermInfo {
  sector: SectorId;
  need: Need;
  /** Terms with capitals (IT, MSPs) must match case exactly. */
  exact: string | null;
}
interface TrieNode {
  next: Map<string, TrieNode>;
  term?: TermInfo;
}

/** How many tokens a list ("communications, energy, transportation and water sectors") may run. */
const MAX_LIST_TOKENS = 12;
/** A sector list that introduces terms: "sectors such as energy, water and healthcare". */
const LIST_INTRODUCER = /\b(?:sectors?|industries|verticals)[,:]?\s+(?:such as|including|like|spanning|across)\b[^.;!?]*$/i;
const INTRODUCER_WINDOW = 120;

/** What may separate two members of one list. */
const LIST_GAP = /^(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+|\s*\/\s*)$/;


interface Token {
  /** Lower-cased. */
  lower: string;
  start: number;
  end: number;
}

/** The characters that join word runs into one sector token ("oil-and-gas", "o'clock"). */
const isJoiner = (c: string | undefined) => c === '-' || c === "'" || c === '’';
/** The apostrophe at `at` and the word up to `wordEnd` are a possessive "'s". */
const possessive = (text: string, at: number, wordEnd: number) => text[at] !== '-' && wordEnd === at + 2 && (text[at + 1] === 's' || text[at + 1] === 'S');

/**
 * The tokens of /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|[&,/]/gu ("oil-and-gas", "rock'n'roll", "&"),
 * except that a possessive "'s" neither joins nor counts ("the nation's banks": nation, banks),
 * read from the matcher's tokens, whose word runs and marks they are: a word's key is already its
 * lower-case form, so most tokens cost no new string.
 */
export function sectorTokens(t: Tokens): Token[] {
  const { text, start, end, key } = t;
  const out: Token[] = [];
  const n = key.length;
  for (let j = 0; j < n; j++) {
    const s = start[j]!;
    if (wordRunEnd(text, s) === s) {
      const c = text[s];
      if (c === '&' || c === ',' || c === '/') out.push({ lower: key[j]!, start: s, end: s + 1 });
      continue;
    }
    // A joiner right after the word with a word right after it: one token across them (not a possessive "'s").
    let e = end[j]!;
    const first = j;
    while (j + 2 < n && isJoiner(text[e]) && start[j + 2] === e + 1 && wordRunEnd(text, e + 1) > e + 1 && !possessive(text, e, end[j + 2]!)) {
      j += 2;
      e = end[j]!;
    }
    // A possessive "s" is no word of a term: "the chemical company's staff" names the chemical company.
    if (j === first && key[j] === 's' && (text[s - 1] === "'" || text[s - 1] === '’') && /[\p{L}\p{N}]/u.test(text[s - 2] ?? '')) continue;
    out.push({ lower: j === first ? key[j]! : text.slice(s, e).toLowerCase(), start: s, end: e });
  }
  return out;
}

interface Compiled {
  root: TrieNode;
  labels: Map<SectorId, string>;
  contextNouns: Set<string>;
  strictNouns: Set<string>;
  /** Words that may sit inside a list between a context term and its noun. */
  listWords: Set<string>;
  /** Words after which a term is a modifier ("banking trojan"), not a sector. */
  notBefore: Set<string>;
}

function compile(data: SectorData): Compiled {
  const root: TrieNode = { next: new Map() };
  const listWords = new Set(data.listWords);
  const add = (term: string, sector: SectorId, need: Need) => {
    const tokens = sectorTokens(tokenize(term));
    let node = root;
    for (const t of tokens) {
      let child = node.next.get(t.lower);
      if (!child) node.next.set(t.lower, (child = { next: new Map() }));
      node = child;
      listWords.add(t.lower);
    }
    // An unconditional term wins over a conditional one with the same words.
    if (!node.term || (node.term.need !== 'none' && need === 'none')) {
      node.term = { sector, need, exact: /\p{Lu}/u.test(term) ? term : null };
    }
  };
  for (const s of data.sectors) {
    for (const t of s.terms) add(t, s.id, 'none');
    for (const t of s.contextTerms) add(t, s.id, 'context');
    for (const t of s.strictContextTerms) add(t, s.id, 'strict');
  }
  return {
    root,
    labels: new Map(data.sectors.map((s) => [s.id, s.label])),
    contextNouns: new Set(data.contextNouns),
    strictNouns: new Set(data.strictContextNouns),
    listWords,
    notBefore: new Set(data.notBefore),
  };
}

let compiled: Compiled | undefined;
/** The term trie, built once from the data file on first use (data, not a connection). */
function sectorTables(): Compiled {
  compiled ??= compile(SectorDataSchema.parse(readDataFile('sectors.json')));
  return compiled;
}

/** True when `pos` starts a sentence (only then may a lower-case term appear capitalized). */
function atSentenceStart(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && /[\s"'“‘(]/.test(text[i]!)) {
    if (text[i] === '\n') return true;
    i--;
  }
  return i < 0 || /[.!?:]/.test(text[i]!);
}

/** 'yes', 'no', or 'title': Title Case mid-sentence ("Shipping, Manufacturing, Energy"), a sector only inside a list. */
/** Head nouns that make a capitalized modifier before them a sector: "the Gaming sector", "Energy industries". */
const sectorNouns = new Set(['sector', 'sectors', 'industry', 'industries', 'vertical', 'verticals']);

function caseOk(text: string, first: Token, last: Token, info: TermInfo): 'yes' | 'no' | 'title' {
  const surface = text.slice(first.start, last.end);
  if (info.exact) return surface === info.exact ? 'yes' : 'no';
  if (surface === surface.toLowerCase()) return 'yes';
  const rest = surface.slice(1);
  if (rest === rest.toLowerCase() && atSentenceStart(text, first.start)) return 'yes';
  // "companies in the Gaming sector": a capitalized modifier before the lower-case sector noun of the term itself.
  if (first !== last && rest === rest.toLowerCase() && sectorNouns.has(last.lower)) return 'yes';
  return /^\p{Lu}\p{Ll}+(?:[\s-]+(?:and\s+)?\p{Lu}\p{Ll}+)*$/u.test(surface) ? 'title' : 'no';
}

function contextFollows(text: string, tokens: Token[], after: number, nouns: Set<string>, tables: Compiled): boolean {
  for (let k = after; k < tokens.length && k < after + MAX_LIST_TOKENS; k++) {
    const t = tokens[k]!;
    // The list may not run past the end of a sentence or clause.
    if (k > 0 && /[.!?;:()\n]/.test(text.slice(tokens[k - 1]!.end, t.start))) return false;
    if (nouns.has(t.lower)) return true;
    if (tables.listWords.has(t.lower)) continue;
    // A member the table does not know ("energy, construction and mining companies"): one or two
    // words, opened by a list separator, never a function word.
    if (!listMember(text, tokens, k, after)) return false;
  }
  return false;
}

const SEPARATORS = new Set([',', 'and', 'or', '&', '/']);
/** Words that end a list rather than sit in it: "energy and the companies that ...". */
const NOT_MEMBERS = new Set('the a an of in on to for with by from that which who whose this these those their its our as at into than other'.split(' '));

/** Token k is the first or second word of a list member opened by a separator. */
function listMember(text: string, tokens: Token[], k: number, after: number): boolean {
  if (NOT_MEMBERS.has(tokens[k]!.lower) || !/^\p{L}/u.test(text.slice(tokens[k]!.start, tokens[k]!.end))) return false;
  const prev = k - 1 >= after ? tokens[k - 1]! : null;
  if (prev && SEPARATORS.has(prev.lower)) return true;
  const prev2 = k - 2 >= after ? tokens[k - 2]! : null;
  return !!prev && !!prev2 && SEPARATORS.has(prev2.lower) && !SEPARATORS.has(prev.lower) && !NOT_MEMBERS.has(prev.lower);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** The span is part of a host name or an e-mail address: "banking.example.de", "healthcare@example.com". */
function insideAddress(text: string, start: number, end: number): boolean {
  const after = text[end];
  const before = text[start - 1];
  return after === '@' || before === '@' || (after === '.' && WORD_CHAR.test(text[end + 1] ?? '')) || (before === '.' && WORD_CHAR.test(text[start - 2] ?? ''));
}

/** "(FIs)" right after "Financial Institutions": the initials of the term's words, a plural "s" allowed. */
function definedShortForm(text: string, h: { start: number; end: number }): string | null {
  const m = /^\s*\(([A-Z]{2,5}s?)\)/.exec(text.slice(h.end, h.end + 12));
  if (!m) return null;
  const initials = (text.slice(h.start, h.end).match(/(?<![\p{L}\p{N}])\p{L}/gu) ?? []).join('').toUpperCase();
  const short = m[1]!;
  return short.replace(/s$/, '') === initials || short === initials ? short : null;
}

/**
 * Sector entities, one per sector id, with every mention of any of its terms.
 *
 * @example
 * findSectors('victims in the water and energy sectors').map((s) => s.name) // ['water-and-wastewater', 'energy']
 */
export function findSectors(text: string, shared: Tokens = tokenize(text)): Sector[] {
  const tables = sectorTables();
  const tokens = sectorTokens(shared);
  const hits: Array<{ info: TermInfo; start: number; end: number; accepted: boolean; title: boolean }> = [];
  for (let i = 0; i < tokens.length; ) {
    // Longest match from token i.
    let node: TrieNode | undefined = tables.root;
    let best: { info: TermInfo; last: number; title: boolean } | null = null;
    for (let j = i; j < tokens.length && node; j++) {
      node = node.next.get(tokens[j]!.lower);
      const ok = node?.term ? caseOk(text, tokens[i]!, tokens[j]!, node.term) : 'no';
      if (ok !== 'no') best = { info: node!.term!, last: j, title: ok === 'title' };
    }
    if (!best) {
      i++;
      continue;
    }
    const { info, last } = best;
    const after0 = tokens[last + 1];
    // "Oil and Gas sector", "Manufacturing and Energy sectors": a Title Case term right before a lower-case sector noun is no heading.
    const title = best.title && !(after0 && sectorNouns.has(text.slice(after0.start, after0.end)) && /^\s+$/.test(text.slice(tokens[last]!.end, after0.start)));
    const after = tokens[last + 1];
    // "banking trojan", "healthcare-themed lure": the term describes something else; "healthcare@example.com": part of an address.
    if (insideAddress(text, tokens[i]!.start, tokens[last]!.end) || /-$/.test(text.slice(tokens[last]!.end, tokens[last]!.end + 1)) || (after && tables.notBefore.has(after.lower) && !/[.,;:!?]/.test(text.slice(tokens[last]!.end, after.start)))) {
      i = last + 1;
      continue;
    }
    let accepted = info.need === 'none';
    if (!accepted) {
      const nouns = info.need === 'strict' ? tables.strictNouns : tables.contextNouns;
      accepted =
        contextFollows(text, tokens, last + 1, nouns, tables) ||
        (info.need === 'context' && LIST_INTRODUCER.test(text.slice(Math.max(0, tokens[i]!.start - INTRODUCER_WINDOW), tokens[i]!.start)));
    }
    hits.push({ info, start: tokens[i]!.start, end: tokens[last]!.end, accepted, title });
    i = last + 1;
  }
  // A word listed beside a sure sector is a sector too: "energy, food and beverage manufacturing".
  // One pass forward and one backward spread acceptance through a whole list, in linear time.
  const listed = (a: { end: number }, b: { start: number }) => LIST_GAP.test(text.slice(a.end, b.start));
  for (let k = 1; k < hits.length; k++) if (!hits[k]!.accepted && hits[k - 1]!.accepted && listed(hits[k - 1]!, hits[k]!)) hits[k]!.accepted = true;
  for (let k = hits.length - 2; k >= 0; k--) if (!hits[k]!.accepted && hits[k + 1]!.accepted && listed(hits[k]!, hits[k + 1]!)) hits[k]!.accepted = true;
  // A Title Case term counts only as a member of a list of sector terms ("Shipping, Manufacturing and Energy"), never alone (a heading, a name).
  const inList = (k: number) => (k > 0 && listed(hits[k - 1]!, hits[k]!)) || (k + 1 < hits.length && listed(hits[k]!, hits[k + 1]!));
  const found = new Map<SectorId, Mention[]>();
  const add = (sector: SectorId, start: number, end: number) => {
    const list = found.get(sector) ?? [];
    list.push({ text: text.slice(start, end), start, end });
    found.set(sector, list);
  };
  const shortForms: Array<{ short: string; sector: SectorId; from: number }> = [];
  for (const [k, h] of hits.entries()) {
    const short = h.accepted ? definedShortForm(text, h) : null;
    if (!h.accepted || (h.title && !inList(k) && !short)) continue;
    add(h.info.sector, h.start, h.end);
    if (short) shortForms.push({ short, sector: h.info.sector, from: h.end });
  }
  // "Financial Institutions (FIs)": the article's own short form names the sector wherever it stands after.
  for (const { short, sector, from } of shortForms) {
    for (let at = text.indexOf(short, from); at >= 0; at = text.indexOf(short, at + short.length)) {
      if (!/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(text[at + short.length] ?? '')) add(sector, at, at + short.length);
    }
  }
  return [...found].map(([name, mentions]) => ({ name, label: tables.labels.get(name) ?? name, mentions }));
}
