/**
 * The gazetteer-driven named entities of one text: agencies, APT groups, companies, countries and
 * malware, from one scan of the shared matcher plus each type's naming patterns.
 */
import type { Agency, AptGroup, Company, Country, Malware } from '../../src/record/schema.js';
import { addGovernments, addNationalBodies, buildAgencies, findAgencyCandidates } from './agencies.js';
import { countryIndex } from './apt-attribution.js';
import { buildAptGroups, findGroupCandidates, listedAliases } from './apt-groups.js';
import { buildCompanies, findCompanyCandidates, isCredit } from './companies.js';
import { companyShortNames } from './company-short-names.js';
import { buildCountries, isCountryMention } from './countries.js';
import { gazetteers, type EntityKind, type GazetteerRef, type NamedSpan } from './gazetteer.js';
import { findDetectionNames } from './detection-names.js';
import { buildMalware, findMalwareCandidates, namedAsMalware } from './malware.js';
import { listedBesideMalware } from './malware-lists.js';
import { insideIdentifier, isCapitalized, surface, tokenize, type Match, type Tokens } from './matcher.js';
import { ransomwareActors } from './ransomware-actors.js';

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
const GROUP_NOUNS = new Set(['group', 'gang', 'actor', 'actors', 'apt', 'team', 'hackers', 'crew', 'operators', 'cybergang', 'affiliates']);

/** Words right after a name that make it a malware family ("Winnti malware", "Carbanak backdoor"). */
const TOOL_NOUNS = new Set(['malware', 'backdoor', 'trojan', 'rat', 'loader', 'ransomware', 'implant', 'payload', 'sample', 'samples', 'variant', 'family', 'binary', 'dll']);

/** Verbs right before a name that make it software: "attempted to install NetTraveler", "deployed X". */
const SOFTWARE_VERBS = new Set(['install', 'installs', 'installed', 'installing', 'deploy', 'deploys', 'deployed', 'deploying', 'drop', 'drops', 'dropped', 'dropping']);
/** "<noun> of X": "versions of KeyBoy", "the developers of X", "a sample of X" make X software. */
const SOFTWARE_OF_NOUNS = new Set(['version', 'versions', 'variant', 'variants', 'sample', 'samples', 'developer', 'developers', 'author', 'authors']);

/** Class nouns after a group's name that call the name itself software: "NetTraveler Trojan" ("APT28 malware", "APT1 backdoor" are the group's). */
const SOFTWARE_CLASS_NOUNS = new Set(['trojan', 'toolkit', 'worm', 'downloader', 'dropper']);

/** True when the words around a name say the name itself is software: "install NetTraveler", "versions of KeyBoy". */
function softwareCue(m: Match<GazetteerRef>, tokens: Tokens): boolean {
  if (SOFTWARE_CLASS_NOUNS.has(tokens.key[m.tokenEnd] ?? '')) return true;
  const before = tokens.key[m.tokenStart - 1] ?? '';
  const before2 = tokens.key[m.tokenStart - 2] ?? '';
  if (SOFTWARE_VERBS.has(before) || (before === 'the' && SOFTWARE_VERBS.has(before2))) return true;
  return before === 'of' && SOFTWARE_OF_NOUNS.has(before2);
}

/** Software cues an article must give a name the gazetteers know only as a group before it counts as software. */
export const MIN_SOFTWARE_CUES = 2;

/**
 * The sense an article gives a name shared by a group and a malware family, by its marked uses:
 * "the Winnti group" three times and "Winnti malware" once make the unmarked "Winnti" the group.
 */
function sharedNameSenses(matches: Match<GazetteerRef>[], tokens: Tokens): Map<string, 'apt' | 'malware'> {
  const votes = new Map<string, number>();
  for (const m of matches) {
    // "Winnti Group" is a name of its own in the gazetteer: it still votes for "Winnti" the group.
    const last = m.tokenEnd - 1;
    if (m.tokenEnd - m.tokenStart > 1 && GROUP_NOUNS.has(tokens.key[last]!) && m.payloads.some((p) => p.kind === 'apt')) {
      const key = tokens.text.slice(m.start, tokens.end[last - 1]).toLowerCase();
      votes.set(key, (votes.get(key) ?? 0) + 1);
      continue;
    }
    if (!m.payloads.some((p) => p.kind === 'apt') || !m.payloads.some((p) => p.kind === 'malware')) continue;
    const next = tokens.key[m.tokenEnd] ?? '';
    const vote = GROUP_NOUNS.has(next) ? 1 : TOOL_NOUNS.has(next) ? -1 : 0;
    const key = m.text.toLowerCase();
    votes.set(key, (votes.get(key) ?? 0) + vote);
  }
  const senses = new Map<string, 'apt' | 'malware'>();
  for (const [key, v] of votes) senses.set(key, v > 0 ? 'apt' : 'malware');
  return senses;
}

/**
 * Names the gazetteers know only as a group that this article uses as software: at least
 * MIN_SOFTWARE_CUES uses say so ("attempted to install NetTraveler", "versions of KeyBoy") and none
 * calls it a group ("the KeyBoy actors"). Group names are often also their malware's names.
 */
function groupNamesUsedAsSoftware(matches: Match<GazetteerRef>[], tokens: Tokens): Set<string> {
  const cues = new Map<string, number>();
  const grouped = new Set<string>();
  for (const m of matches) {
    if (m.payloads.some((p) => p.kind !== 'apt')) continue;
    const key = m.text.toLowerCase();
    if (GROUP_NOUNS.has(tokens.key[m.tokenEnd] ?? '') || m.tokenEnd - m.tokenStart > 1) grouped.add(key);
    else if (softwareCue(m, tokens)) cues.set(key, (cues.get(key) ?? 0) + 1);
  }
  return new Set([...cues].filter(([key, n]) => n >= MIN_SOFTWARE_CUES && !grouped.has(key)).map(([key]) => key));
}

/** "APT28 (also known as Sofacy)", "also called X": another name of what was just named, not of a noun further back. */
function aliasOfPrevious(tokens: Tokens, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && QUOTE_KEYS.has(tokens.key[j]!)) j--;
  if (tokens.key[j] === 'as' && tokens.key[j - 1] === 'known') j -= 2;
  else if (ALIAS_VERBS.has(tokens.key[j] ?? '')) j -= 1;
  else return false;
  return tokens.key[j] === 'also' || tokens.key[j] === 'aka';
}
const QUOTE_KEYS = new Set(['"', "'", '“', '”', '‘', '’']);
const ALIAS_VERBS = new Set(['called', 'named', 'dubbed']);

/** Pick one gazetteer reference per match; a name shared by a group and a malware family needs the context. */
function choose(m: Match<GazetteerRef>, tokens: Tokens, senses: Map<string, 'apt' | 'malware'>): GazetteerRef {
  const kinds = new Set(m.payloads.map((p) => p.kind));
  const byKind = (k: EntityKind): GazetteerRef | undefined => m.payloads.find((p) => p.kind === k);
  if (kinds.has('apt') && kinds.has('malware')) {
    // "the Carbanak group" is the group, "Carbanak malware" the family; an unmarked use takes the
    // article's majority, else the family: MISP lists many tools among a group's names ("SeaDuke",
    // "GozNym"), and articles name the tool more often.
    const next = tokens.key[m.tokenEnd] ?? '';
    if (GROUP_NOUNS.has(next)) return byKind('apt')!;
    if (TOOL_NOUNS.has(next)) return byKind('malware')!;
    return byKind(senses.get(m.text.toLowerCase()) ?? 'malware')!;
  }
  for (const k of KIND_PRIORITY) {
    const ref = byKind(k);
    if (ref) return ref;
  }
  return m.payloads[0]!;
}

/** What may stand between two names of one list or alias chain: "A, B and C", "A (also known as B)", "A: B". */
const LIST_GLUE = new Set([',', 'and', 'or', '(', ')', ':', '/', 'aka', 'also', 'known', 'as', '"', '“', '”', "'", '’', '‘']);

/** Nouns that may follow a group's name before its aliases: "Turla threat actor group (also known as Snake)". */
const GROUP_GLUE = new Set(['threat', 'actor', 'group', 'gang', 'apt', 'crew']);

/** Tokens [from, to) join two names of one list; group nouns among them only after a group. */
function listed(tokens: Tokens, from: number, to: number, kind: 'apt' | 'malware'): boolean {
  if (to <= from || to - from > 8) return false;
  for (let k = from; k < to; k++) if (!LIST_GLUE.has(tokens.key[k]!) && !(kind === 'apt' && GROUP_GLUE.has(tokens.key[k]!))) return false;
  return true;
}

/**
 * A name shared by a group and a malware family, with no noun of its own to tell ("Snake"), takes
 * the sense of a name listed right beside it that has only one: "Turla (also known as Uroburos and
 * Snake)", "groups such as Buhtrap, Corkow and Carbanak" are groups, "PlugX, Winnti and ShadowPad"
 * malware. Left to right, so a list passes its sense along.
 */
function senseFromListNeighbours(matches: Match<GazetteerRef>[], known: NamedSpan[], tokens: Tokens): void {
  const shared = (k: number) => {
    const m = matches[k]!;
    const next = tokens.key[m.tokenEnd] ?? '';
    return m.payloads.some((p) => p.kind === 'apt') && m.payloads.some((p) => p.kind === 'malware') && !GROUP_NOUNS.has(next) && !TOOL_NOUNS.has(next);
  };
  const sureKind = (k: number) => (known[k]!.kind === 'apt' || known[k]!.kind === 'malware' ? known[k]!.kind : null);
  const take = (k: number, kind: 'apt' | 'malware') => {
    const ref = matches[k]!.payloads.find((p) => p.kind === kind)!;
    known[k] = { ...known[k]!, kind, id: ref.id };
  };
  const decided = new Uint8Array(matches.length);
  for (let k = 0; k < matches.length; k++) if (!shared(k)) decided[k] = 1;
  for (let k = 1; k < matches.length; k++) {
    const kind = sureKind(k - 1);
    if (!decided[k] && decided[k - 1] && kind && listed(tokens, matches[k - 1]!.tokenEnd, matches[k]!.tokenStart, kind)) {
      take(k, kind);
      decided[k] = 1;
    }
  }
  for (let k = matches.length - 2; k >= 0; k--) {
    const kind = sureKind(k + 1);
    if (!decided[k] && decided[k + 1] && kind && listed(tokens, matches[k]!.tokenEnd, matches[k + 1]!.tokenStart, kind) && !GROUP_GLUE.has(tokens.key[matches[k]!.tokenEnd] ?? '')) {
      take(k, kind);
      decided[k] = 1;
    }
  }
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

/** Most capitalized words a name may run on after a known company or agency before its short form: "Carbon Black Threat Analysis Unit (TAU)". */
export const MAX_NAME_TAIL_WORDS = 4;

/** Last words of a company's or an agency's own unit: "Threat Analysis Unit", "Threat Intelligence Center". */
const UNIT_NOUNS = new Set(['unit', 'team', 'center', 'centre', 'lab', 'labs', 'laboratory', 'division', 'group', 'department', 'office', 'research', 'intelligence']);

/**
 * True when `short` is the words' initials in order ("GC" for "Golden Chickens") or their leading
 * letters run together ("PIVY" for "Poison Ivy"): every word gives at least its first letter.
 */
export function shortFormOf(short: string, words: string[]): boolean {
  const s = short.toLowerCase();
  const w = words.map((x) => x.toLowerCase());
  const fits = (i: number, k: number): boolean => {
    if (k === w.length) return i === s.length;
    for (let n = Math.min(w[k]!.length, s.length - i); n >= 1; n--) if (w[k]!.startsWith(s.slice(i, i + n)) && fits(i + n, k + 1)) return true;
    return false;
  };
  return s.length >= 2 && fits(0, 0);
}

/**
 * "Golden Chickens (GC)", "Poison Ivy (PIVY)", "Kaspersky Security Network (KSN)": the article's own
 * short form of a name. The long form may run on after a known company or agency with capitalized
 * words the gazetteer does not hold (a team or a product of it): the short form then names that
 * part, an organization of its own found by the cue.
 */
function abbreviations(spans: NamedSpan[], tokens: Tokens, taken: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = [];
  for (const s of spans) {
    let i = s.tokenEnd;
    const tail: string[] = [];
    if (s.kind === 'company' || s.kind === 'agency') {
      while (tail.length < MAX_NAME_TAIL_WORDS && !taken[i] && isCapitalized(tokens, i) && /^\p{L}+$/u.test(tokens.key[i]!) && tokens.start[i] === tokens.end[i - 1]! + 1) {
        tail.push(surface(tokens, i));
        i++;
      }
    }
    if (tokens.key[i] !== '(' || tokens.key[i + 2] !== ')' || taken[i + 1]) continue;
    // The run-on words must end in a unit of an organization, not a product ("F5 Traffic Management User Interface").
    if (tail.length && !UNIT_NOUNS.has(tail[tail.length - 1]!.toLowerCase())) continue;
    const short = surface(tokens, i + 1);
    // Capitals only (a plural "s" aside is no short form of a name).
    if (!/^[A-Z]{2,6}$/.test(short)) continue;
    const words = [...s.text.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)), ...tail];
    // Letters the long name starts its words with ("GC" for "Golden Chickens"), or its words' leading letters run together.
    const initials = words.map((w) => w[0]).join('');
    const byInitials = !tail.length && initials.startsWith(short[0]!) && [...short].every((c) => initials.includes(c));
    if (!byInitials && !shortFormOf(short, words) && !(tail.length && shortFormOf(short, tail))) continue;
    // A run-on name ("Kaspersky Security Network") is a part of the company, not its other name: a thing of its own.
    const id = tail.length ? null : s.id;
    out.push({ ...s, id, start: tokens.start[i + 1]!, end: tokens.end[i + 1]!, text: short, tokenStart: i + 1, tokenEnd: i + 2, learned: true });
  }
  return out;
}

/** Every other place where a pattern-found name (exact spelling) appears, as the same kind of thing. */
function repeatLearnedNames(tokens: Tokens, taken: Uint8Array, spans: NamedSpan[]): NamedSpan[] {
  const learned = new Map<string, Array<{ words: string[]; span: NamedSpan }>>();
  for (const s of spans) {
    if (s.id !== null && !s.learned) continue;
    const words: string[] = [];
    for (let i = s.tokenStart; i < s.tokenEnd; i++) words.push(surface(tokens, i));
    const list = learned.get(words[0]!) ?? [];
    if (!list.some((l) => l.words.join(' ') === words.join(' '))) list.push({ words, span: s });
    learned.set(words[0]!, list);
  }
  if (!learned.size) return [];
  const out: NamedSpan[] = [];
  for (let i = 0; i < tokens.key.length; i++) {
    if (taken[i]) continue;
    const candidates = learned.get(surface(tokens, i));
    if (!candidates) continue;
    for (const { words, span } of candidates.sort((a, b) => b.words.length - a.words.length)) {
      let ok = i + words.length <= tokens.key.length;
      for (let k = 1; ok && k < words.length; k++) ok = !taken[i + k] && surface(tokens, i + k) === words[k];
      if (!ok) continue;
      const end = tokens.end[i + words.length - 1]!;
      out.push({ ...span, start: tokens.start[i]!, end, text: tokens.text.slice(tokens.start[i], end), tokenStart: i, tokenEnd: i + words.length });
      i += words.length - 1;
      break;
    }
  }
  return out;
}

/**
 * Every agency, APT group, company, country and malware family the text names, each with its
 * mentions as offsets into `text` (`text.slice(start, end) === mention.text`), in text order.
 *
 * @example
 * findNamedEntities('China-backed Salt Typhoon breached AT&T, the FBI said.').aptGroups[0]
 * // { name: 'Salt Typhoon', aliases: [], country: 'CN', attribution: 'stated', mentions: [...] }
 */
export function findNamedEntities(text: string, tokens: Tokens = tokenize(text)): NamedEntities {
  const g = gazetteers();
  const taken = new Uint8Array(tokens.key.length);
  const spans: NamedSpan[] = [];
  // The gazetteer first: known names outrank patterns; the matcher already made its matches disjoint.
  const matches = g.matcher.match(tokens);
  const senses = sharedNameSenses(matches, tokens);
  const software = groupNamesUsedAsSoftware(matches, tokens);
  const known = matches.map((m): NamedSpan => {
    // A group-only name used as software in this article, or named as a family at this use ("a malware dubbed ICEFOG").
    const groupOnly = m.payloads.every((p) => p.kind === 'apt');
    if (groupOnly && (software.has(m.text.toLowerCase()) || (m.tokenEnd - m.tokenStart === 1 && !aliasOfPrevious(tokens, m.tokenStart) && namedAsMalware(tokens, m.tokenStart)))) {
      return { start: m.start, end: m.end, text: m.text, tokenStart: m.tokenStart, tokenEnd: m.tokenEnd, kind: 'malware', id: null };
    }
    const ref = choose(m, tokens, senses);
    return { start: m.start, end: m.end, text: m.text, tokenStart: m.tokenStart, tokenEnd: m.tokenEnd, kind: ref.kind, id: ref.id };
  });
  senseFromListNeighbours(matches, known, tokens);
  claim(
    spans,
    taken,
    known.filter((s) => (s.kind !== 'country' || isCountryMention(s, tokens)) && (s.kind !== 'company' || !isCredit(text, s.start, s.end))),
  );
  // Then the naming patterns, most specific first: vendor group names, malware shapes, corporate suffixes.
  const inProse = (list: NamedSpan[]) => list.filter((s) => !insideIdentifier(text, s.start, s.end));
  const groupTokens = new Uint8Array(tokens.key.length);
  for (const s of spans) if (s.kind === 'apt') groupTokens.fill(1, s.tokenStart, s.tokenEnd);
  claim(spans, taken, inProse(findGroupCandidates(tokens, taken, groupTokens)));
  const malwareTokens = new Uint8Array(tokens.key.length);
  for (const s of spans) if (s.kind === 'malware') malwareTokens.fill(1, s.tokenStart, s.tokenEnd);
  // "Invader (a.k.a. Kickesgo)": the listed name joins the family named just before it.
  const family = (a: NamedSpan) => spans.filter((s) => s.kind === 'malware' && s.tokenEnd <= a.tokenStart).reduce<NamedSpan | null>((b, s) => (!b || s.tokenEnd > b.tokenEnd ? s : b), null);
  claim(spans, taken, inProse(listedAliases(tokens, taken, malwareTokens, 'malware')).map((a) => ({ ...a, id: family(a)?.id ?? null })));
  claim(spans, taken, inProse(findDetectionNames(tokens, taken)));
  claim(spans, taken, inProse(findMalwareCandidates(tokens, taken)));
  // "Poison Ivy, XtremeRAT and GnatSpy": a coined name listed beside a family is a family.
  claim(spans, taken, inProse(listedBesideMalware(tokens, taken, spans)));
  const countryAt = countryIndex(spans.filter((s) => s.kind === 'country'), g);
  claim(spans, taken, inProse(findAgencyCandidates(tokens, taken, countryAt)));
  // "the Chinese government", "the government of Iran": a country's government, an agency of that country.
  // Their country words count even where a demonym alone would name no country ("the Latvian CERT").
  const namedCountryAt = countryIndex(known.filter((s) => s.kind === 'country'), g);
  addGovernments(spans, tokens, taken, namedCountryAt);
  // "the Israel National Cyber Event Readiness Team", "the Ukrainian CERT": a public body by its full name, led by its country.
  addNationalBodies(spans, tokens, taken, namedCountryAt);
  claim(spans, taken, inProse(findCompanyCandidates(tokens, taken)));
  claim(spans, taken, abbreviations(spans, tokens, taken));
  // "Arbor Networks ... the Arbor blog": a company's short name after its full one.
  claim(spans, taken, inProse(companyShortNames(tokens, taken, spans)));
  // A name a pattern found once names the same thing wherever else the article writes it.
  claim(spans, taken, inProse(repeatLearnedNames(tokens, taken, spans)));
  spans.sort((a, b) => a.start - b.start);
  // "the TrickBot gang", "LockBit claimed the attack": the people behind a family are a group.
  ransomwareActors(spans, tokens, taken, g);

  const countrySpans = spans.filter((s) => s.kind === 'country');
  return {
    agencies: buildAgencies(spans, g, countryIndex(countrySpans, g), tokens),
    aptGroups: buildAptGroups(spans, tokens, countrySpans, g),
    companies: buildCompanies(spans, g),
    countries: buildCountries(countrySpans, g),
    malware: buildMalware(spans, g),
  };
}
