/**
 * APT groups: the merged MISP gazetteer plus vendors' naming schemes (so a group named yesterday is
 * found), every alias the article uses folded into one entity, country as stated or as known.
 */
import type { AptGroup } from '../../src/record/schema.js';
import { gazetteers, type Gazetteers, type NamedSpan } from './gazetteer.js';
import { isCapitalized, isNameShaped, surface, THREAT_WORDS, type Tokens } from './matcher.js';
import { countryIndex, statedCountry } from './apt-attribution.js';
import { MALWARE_NOUNS } from './malware.js';
import { groupBy, rankSurfaces, toMentions } from './mentions.js';

/**
 * Last words of vendor naming schemes and the country each implies (null: not a country, e.g.
 * Microsoft's Tempest = financially motivated, CrowdStrike's Spider = e-crime).
 */
export const FAMILY_COUNTRY: Record<string, string | null> = {
  // Microsoft
  Typhoon: 'CN', Blizzard: 'RU', Sandstorm: 'IR', Sleet: 'KP', Hail: 'KR', Dust: 'TR', Rain: 'LB', Cyclone: 'VN',
  Tempest: null, Tsunami: null, Flood: null,
  // CrowdStrike
  Panda: 'CN', Bear: 'RU', Kitten: 'IR', Chollima: 'KP', Spider: null, Jackal: null, Buffalo: 'VN', Tiger: 'IN',
  Leopard: 'PK', Crane: 'KR', Ocelot: 'CO', Wolf: 'TR',
  // Palo Alto Networks Unit 42
  Taurus: 'CN', Ursa: 'RU', Serpens: 'IR', Pisces: 'KP', Libra: null, Scorpius: null,
};

/** Secureworks' colour-and-word names in capitals ("BRONZE BUTLER", "IRON TWILIGHT"). */
const SECUREWORKS_COUNTRY: Record<string, string | null> = {
  BRONZE: 'CN', IRON: 'RU', COBALT: 'IR', NICKEL: 'KP', GOLD: null, TUNGSTEN: 'KR', PLATINUM: 'IN', COPPER: 'BR',
};

/**
 * One-token codes: Mandiant APT1, FIN7, UNC2452; Proofpoint TA505, TA2541; IBM ITG05; Secureworks
 * TG-3390. ATT&CK tactic ids (TA0001 ... TA0043) share Proofpoint's shape and are tactics, never groups.
 */
const CODE_RE = /^(?:APT\d{1,3}|FIN\d{1,2}|UNC\d{3,4}|TA(?!00\d\d$)\d{3,4}|ITG\d{2}|Hive0\d{2,3}|Sector[A-Z]\d{2})$/;
/** Multi-part codes: Mandiant "TEMP.Veles", Qihoo 360 "APT-C-36", Unit 42 clusters "CL-STA-0044". */
const MULTI_CODES: Array<{ first: string; rest: RegExp[] }> = [
  { first: 'TEMP', rest: [/^\.$/, /^[A-Z][a-z]{2,}$/] },
  { first: 'APT', rest: [/^-$/, /^C$/, /^-$/, /^\d{1,3}$/] },
  { first: 'CL', rest: [/^-$/, /^(?:STA|CRI|UNK|MIX)$/, /^-$/, /^\d{4}$/] },
];

/** Token count of a multi-part code starting at i, 0 when none; the parts must touch ("TEMP.Veles"). */
function multiCodeLength(tokens: Tokens, i: number): number {
  for (const { first, rest } of MULTI_CODES) {
    if (surface(tokens, i) !== first) continue;
    let ok = true;
    for (let k = 0; ok && k < rest.length; k++) {
      const j = i + 1 + k;
      ok = j < tokens.key.length && tokens.start[j] === tokens.end[j - 1] && rest[k]!.test(surface(tokens, j));
    }
    if (ok) return rest.length + 1;
  }
  return 0;
}
/** Prefix, hyphen, number: Storm-0558, DEV-0537, TAG-22, UAC-0050, UAT-4356, TG-3390. */
const HYPHEN_CODE: Record<string, RegExp> = {
  Storm: /^\d{4}$/, DEV: /^\d{4}$/, TAG: /^\d{2,3}$/, UAC: /^\d{4}$/, UAT: /^\d{4}$/, TG: /^\d{4}$/,
};

/**
 * The tables above as maps, for the per-token lookups: looking up a string an object may not hold
 * interns the string first, a global table search per capitalized token.
 */
const FAMILY_COUNTRY_BY_WORD = new Map(Object.entries(FAMILY_COUNTRY));
const SECUREWORKS_COUNTRY_BY_WORD = new Map(Object.entries(SECUREWORKS_COUNTRY));
const HYPHEN_CODE_BY_PREFIX = new Map(Object.entries(HYPHEN_CODE));

/** Nouns after a coined name that make it a group: "the ReconHellcat group". */
const GROUP_NOUN_AFTER = new Set(['group', 'gang', 'actor', 'apt', 'crew']);
/** "a group dubbed X", "the threat actor known as X", "an actor we track as X". */
const GROUP_WORDS = new Set(['group', 'actor', 'actors', 'gang', 'apt', 'crew', 'attackers', 'operators']);
const NAMING_VERBS = new Set(['dubbed', 'named', 'called', 'as']);
const AS_VERBS = new Set(['known', 'tracked', 'track', 'tracks', 'tracking', 'identified', 'designated', 'referred', 'labeled', 'labelled', 'classified', 'naming', 'named', 'attackers']);
const QUOTES = new Set(['"', "'", '“', '”', '‘', '*', '_']);

/** Words that may stand between "a"/"an" and the group noun in a description: "a high-capability APT group". */
export const MAX_DESCRIPTION_WORDS = 4;
const DESCRIPTION_STOPS = new Set(['by', 'of', 'from', 'for', 'with', 'that', 'which', 'used', 'and', 'or', 'to', 'in', 'on', 'malware', 'tool', 'backdoor', 'loader', 'ransomware', 'campaign', 'operation']);
const DESCRIPTION_NOUNS = new Set(['group', 'actor', 'apt', 'gang', 'crew']);

/** "X is a Chinese APT group", "We assessed X as a high-capability APT group", "X, a threat actor tracked since 2019". */
function describedAsGroup(tokens: Tokens, i: number): boolean {
  let j = i + 1;
  if (tokens.key[j] === ',') j++;
  else if (['is', 'as', 'was', 'remains'].includes(tokens.key[j] ?? '')) j++;
  else return false;
  if (tokens.key[j] !== 'a' && tokens.key[j] !== 'an') return false;
  for (let k = j + 1; k < Math.min(tokens.key.length, j + 2 + MAX_DESCRIPTION_WORDS); k++) {
    const key = tokens.key[k]!;
    if (DESCRIPTION_NOUNS.has(key) && tokens.key[k + 1] !== 'of') return true;
    if (DESCRIPTION_STOPS.has(key) || !/^[\p{L}\p{N}-]+$/u.test(key)) return false;
  }
  return false;
}

/** "we refer to the attackers behind both campaigns as X": the verb stands a few words before "as". */
function referredAs(tokens: Tokens, asIndex: number): boolean {
  for (let k = asIndex - 1; k >= Math.max(0, asIndex - 10); k--) {
    if (/^refer(?:s|red|ring)?$/.test(tokens.key[k]!)) return true;
    if (tokens.sentenceStart[k]) break;
  }
  return false;
}

function namedAsGroup(tokens: Tokens, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && QUOTES.has(tokens.key[j]!)) j--;
  // "Threat actor HydroJiin": the group noun right before the name.
  if (tokens.key[j] === 'actor' && tokens.key[j - 1] === 'threat') return true;
  if (!NAMING_VERBS.has(tokens.key[j] ?? '')) return false;
  // "such as NordVPN" lists examples; "known as X", "we track as X" name something.
  if (tokens.key[j] === 'as' && !AS_VERBS.has(tokens.key[j - 1] ?? '') && !referredAs(tokens, j)) return false;
  for (let k = j - 1; k >= Math.max(0, j - 6); k--) {
    if (GROUP_WORDS.has(tokens.key[k]!)) return true;
    if (tokens.sentenceStart[k]) break;
  }
  return false;
}

/** Capitalized words that precede a family word without naming a group ("The Panda", "Chinese Typhoon"). */
const NOT_FIRST_WORDS = new Set(
  'the a an this that another every each other new one two three four five our their its his her super tropical china chinese russian russia iranian iran north korean korea vietnamese turkish teddy polar giant red-headed'.split(
    ' ',
  ),
);

function span(tokens: Tokens, from: number, to: number, country: string | null): NamedSpan {
  const start = tokens.start[from]!;
  const end = tokens.end[to - 1]!;
  return { start, end, text: tokens.text.slice(start, end), tokenStart: from, tokenEnd: to, kind: 'apt', id: null, country };
}

function threatNearby(tokens: Tokens, from: number, to: number, window = 15): boolean {
  for (let i = Math.max(0, from - window); i < Math.min(tokens.key.length, to + window); i++) {
    if ((i < from || i >= to) && THREAT_WORDS.has(tokens.key[i]!)) return true;
  }
  return false;
}

/** Capitalized nouns that end a group's own name: "Armada Collective", "Lizard Squad". */
const NAME_PART_NOUNS = new Set(['Collective', 'Syndicate', 'Squad', 'Cartel']);
/** Lower-case nouns that follow a group's name in prose: "the Gorgon group", "the Hydro gang". */
const PLAIN_GROUP_NOUNS = new Set(['group', 'gang', 'crew']);
/** Capitalized words that precede "group" without naming one ("the Threat group", "the APT group"). */
const NOT_GROUP_NAMES = new Set(
  'threat hacker hackers hacking ransomware cybercrime cybercriminal criminal crime apt state nation security research intelligence cyber advanced persistent espionage hacktivist activist extortion affiliate affiliated financially task working working advisory industry trade user users customer focus expert experts control parent'.split(' '),
);

/** Words before a bare "<Name> group" that leave the name no other owner: "by Donot group", "of Gorgon gang". */
const BARE_GROUP_BEFORE = new Set(['by', 'of', 'and', 'as', 'to']);

/** "the Gorgon group", "Armada Collective": a plain capitalized word used as a group's name. */
function plainNameBeforeGroupNoun(tokens: Tokens, i: number, taken: Uint8Array): boolean {
  const next = surface(tokens, i + 1);
  const partOfName = NAME_PART_NOUNS.has(next);
  // "the Gorgon group", and without the article where no other word could own the noun: "In the
  // latest wave, Donot group sent ...", "attributed to Donot group", "a crew called Donot group".
  if (!partOfName && !(PLAIN_GROUP_NOUNS.has(next) && (tokens.key[i - 1] === 'the' || BARE_GROUP_BEFORE.has(tokens.key[i - 1] ?? '') || NAMING_VERBS.has(tokens.key[i - 1] ?? '') || !/^\p{L}/u.test(tokens.key[i - 1] ?? '')))) return false;
  if (taken[i + 1] || tokens.start[i + 1]! > tokens.end[i]! + 1 || NOT_GROUP_NAMES.has(tokens.key[i]!) || NOT_FIRST_WORDS.has(tokens.key[i]!)) return false;
  // "Acme Widget group": a longer capitalized name we do not know; "The Gorgon group" opens a sentence fine.
  if (!partOfName && tokens.sentenceStart[i]) return false;
  if (i > 0 && isCapitalized(tokens, i - 1) && !tokens.sentenceStart[i - 1] && tokens.key[i - 1] !== 'the') return false;
  return /^\p{Lu}[\p{L}\p{N}-]+$/u.test(surface(tokens, i));
}

/** Most names an alias list may give: "X, also known as A, B or C". */
export const MAX_LISTED_ALIASES = 5;
/** Capitalized words that open no alias: "also known as Operation X", "known as The Dukes" (the gazetteer has those). */
const NOT_ALIASES = new Set(['operation', 'the', 'a', 'an', 'group', 'team', 'apt', 'project', 'campaign']);

/** Index just past an alias cue that starts at `i` ("also known as", "aka", "a.k.a.", "known by the aliases"), else -1. */
function aliasCueEnd(tokens: Tokens, i: number): number {
  const k = tokens.key;
  if (k[i] === 'aka') return i + 1;
  if (k[i] === 'a' && k[i + 1] === '.' && k[i + 2] === 'k' && k[i + 3] === '.' && k[i + 4] === 'a') return k[i + 5] === '.' ? i + 6 : i + 5;
  if (k[i] === 'also' && k[i + 1] === 'known' && k[i + 2] === 'as') return i + 3;
  if (k[i] === 'known' && k[i + 1] === 'by' && k[i + 2] === 'the' && (k[i + 3] === 'aliases' || k[i + 3] === 'names')) return i + 4;
  return -1;
}

/**
 * "Leviathan, also known as Periscope or Gadolinium": the names listed after an alias cue that
 * follows a known group are that group's other names, capitalized words or not; after a known
 * malware family ("Invader (a.k.a. Kickesgo)"), the family's.
 */
export function listedAliases(tokens: Tokens, taken: Uint8Array, groupTokens: Uint8Array, kind: 'apt' | 'malware' = 'apt'): NamedSpan[] {
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  for (let i = 1; i < n; i++) {
    const end = aliasCueEnd(tokens, i);
    if (end < 0) continue;
    // The group stands right before the cue: "Leviathan, also known as", "Leviathan (aka", "actor known by the aliases".
    let j = i - 1;
    while (j >= 0 && [',', '(', '"', '“', '”', "'", '’'].includes(tokens.key[j]!)) j--;
    if (j < 0 || (!groupTokens[j] && !(kind === 'apt' && (tokens.key[j] === 'actor' || tokens.key[j] === 'group')))) continue;
    let k = end;
    for (let listed = 0; listed < MAX_LISTED_ALIASES && k < n; listed++) {
      while (k < n && QUOTES.has(tokens.key[k]!)) k++;
      if (k >= n || taken[k] || !isCapitalized(tokens, k) || NOT_ALIASES.has(tokens.key[k]!) || !/^\p{Lu}[\p{L}\p{N}]+$/u.test(surface(tokens, k))) {
        // A gazetteer name or a code already found goes on the list, but is not found again.
        if (k < n && taken[k] && groupTokens[k]) {
          while (k < n && groupTokens[k]) k++;
        } else break;
      } else {
        out.push({ ...span(tokens, k, k + 1, null), kind });
        k++;
      }
      while (k < n && QUOTES.has(tokens.key[k]!)) k++;
      if (tokens.key[k] === ',') k++;
      if (tokens.key[k] === 'or' || tokens.key[k] === 'and') k++;
      else if (tokens.key[k - 1] !== ',') break;
    }
  }
  return out;
}

/** Group names the gazetteer lacks, by the vendors' naming schemes and by alias lists after a known group. */
export function findGroupCandidates(tokens: Tokens, taken: Uint8Array, groupTokens?: Uint8Array): NamedSpan[] {
  const out: NamedSpan[] = groupTokens ? listedAliases(tokens, taken, groupTokens) : [];
  const listed = new Set(out.map((s) => s.tokenStart));
  const n = tokens.key.length;
  for (let i = 0; i < n; i++) {
    // Every scheme starts with a capital; most tokens leave here, cheaply.
    if (taken[i] || listed.has(i) || !isCapitalized(tokens, i)) continue;
    const s = surface(tokens, i);
    const multi = multiCodeLength(tokens, i);
    if (multi && !tokens.key.slice(i + 1, i + multi).some((_, k) => taken[i + 1 + k])) {
      out.push(span(tokens, i, i + multi, null));
      i += multi - 1;
      continue;
    }
    if (CODE_RE.test(s)) {
      out.push(span(tokens, i, i + 1, null));
      continue;
    }
    // "APT 40", with a space.
    if (s === 'APT' && /^\d{1,3}$/.test(tokens.key[i + 1] ?? '') && !taken[i + 1]) {
      out.push(span(tokens, i, i + 2, null));
      i++;
      continue;
    }
    if (isNameShaped(s) && (namedAsGroup(tokens, i) || GROUP_NOUN_AFTER.has(tokens.key[i + 1] ?? '') || describedAsGroup(tokens, i))) {
      if (threatNearby(tokens, i, i + 1)) {
        out.push(span(tokens, i, i + 1, null));
        continue;
      }
    }
    if (plainNameBeforeGroupNoun(tokens, i, taken) && threatNearby(tokens, i, i + 2)) {
      const end = NAME_PART_NOUNS.has(surface(tokens, i + 1)) ? i + 2 : i + 1;
      out.push(span(tokens, i, end, null));
      i = end - 1;
      continue;
    }
    const codeRe = tokens.key[i + 1] === '-' ? HYPHEN_CODE_BY_PREFIX.get(s) : undefined;
    if (codeRe && i + 2 < n && codeRe.test(tokens.key[i + 2]!) && tokens.end[i] === tokens.start[i + 1]) {
      out.push(span(tokens, i, i + 3, null));
      i += 2;
      continue;
    }
    if (i + 1 >= n || taken[i + 1] || !/^\p{L}[\p{L}\p{N}]+$/u.test(s)) continue;
    const next = surface(tokens, i + 1);
    let country: string | null | undefined;
    if (FAMILY_COUNTRY_BY_WORD.has(next) && !NOT_FIRST_WORDS.has(tokens.key[i]!)) country = FAMILY_COUNTRY_BY_WORD.get(next);
    else if (SECUREWORKS_COUNTRY_BY_WORD.has(s) && /^[A-Z]{3,}$/.test(next)) country = SECUREWORKS_COUNTRY_BY_WORD.get(s);
    else if (s === 'Earth' && /^[A-Z][a-z]{2,}$/.test(next)) country = 'CN';
    // "Encrypted Taurus Stealer": the scheme's word is part of a malware family's name.
    if (country === undefined || MALWARE_NOUNS.has(tokens.key[i + 2] ?? '') || !threatNearby(tokens, i, i + 2)) continue;
    out.push(span(tokens, i, i + 2, country));
    i++;
  }
  return out;
}

/** Words right before a name that introduce it as another name of a group just discussed. */
const STRONG_CUES = new Set(['aka', 'tracks', 'tracked', 'tracking', 'calls', 'label', 'moniker', 'alias', 'designation', 'designated', 'codenamed', 'name']);
/** "known as", "dubbed", "called" name a new group too ("another group known as X") unless "also" precedes them. */
const WEAK_CUES = new Set(['known', 'dubbed', 'called']);
const ALSO = new Set(['also', 'otherwise', 'better', 'alternatively', 'sometimes', 'variously']);
/** Words that say a second, different group is meant: "another group, tracked as X". */
const OTHER_GROUP = new Set(['another', 'other', 'second', 'separate', 'different', 'distinct', 'new', 'separately']);
export const NAMING_CUE_WINDOW = 6;
/** The group an alias joins must be mentioned this close before it (about two sentences). */
export const ALIAS_DISTANCE_TOKENS = 60;

/** With "the same operators" the article points back further than two sentences. */
export const SAME_GROUP_DISTANCE_TOKENS = 400;

/** 0 when the name is not introduced as an alias, else how far back the group it names may be. */
function introducedAsAlias(tokens: Tokens, s: NamedSpan): number {
  let cue = false;
  let same = false;
  for (let i = s.tokenStart - 1; i >= 0 && i >= s.tokenStart - NAMING_CUE_WINDOW * 2; i--) {
    const key = tokens.key[i]!;
    if (OTHER_GROUP.has(key)) return 0;
    if (key === 'same') same = true;
    if (!cue && i >= s.tokenStart - NAMING_CUE_WINDOW) {
      if (STRONG_CUES.has(key)) cue = true;
      else if (WEAK_CUES.has(key) && ALSO.has(tokens.key[i - 1] ?? '')) cue = true;
    }
    if (tokens.sentenceStart[i]) break;
  }
  if (!cue) return 0;
  return same ? SAME_GROUP_DISTANCE_TOKENS : ALIAS_DISTANCE_TOKENS;
}

/** "the campaign X", "X campaign": a name that labels an operation rather than the actor behind it. */
const CAMPAIGN_BEFORE = /\b(campaign|operation)\s*["“']?$/i;
const CAMPAIGN_AFTER = /^["”']?\s*(campaign|operation)\b/i;

/** Surfaces used only as campaign labels: they may be aliases but never the group's name. */
function campaignLabels(list: NamedSpan[], text: string): Set<string> {
  const byText = groupBy(list, (s) => s.text);
  const out = new Set<string>();
  for (const [surface, spans] of byText) {
    const label = (s: NamedSpan) => CAMPAIGN_BEFORE.test(text.slice(Math.max(0, s.start - 20), s.start)) || CAMPAIGN_AFTER.test(text.slice(s.end, s.end + 20));
    if (spans.every(label)) out.add(surface);
  }
  return out;
}

/** "Operation Cleaver team", "Operation Soft Cell is a group": words that make an operation's name the actor's. */
const OPERATION_ACTOR_NOUNS = new Set(['team', 'group', 'actor', 'actors', 'gang', 'crew', 'operators', 'hackers', 'attackers']);

/**
 * A group the article names only as "Operation X" ("Operation Parliament appears to be ..."): the
 * name of a campaign, which is no actor unless the article says one runs under it ("the Operation
 * Cleaver team", "Operation Soft Cell is a group"). Gazetteer aliases of a named group stay with it.
 */
function onlyOperation(list: NamedSpan[], tokens: Tokens): boolean {
  for (const s of list) {
    if (tokens.key[s.tokenStart] !== 'operation') return false;
    if (OPERATION_ACTOR_NOUNS.has(tokens.key[s.tokenEnd] ?? '') || describedAsGroup(tokens, s.tokenEnd - 1)) return false;
  }
  return true;
}

/** Gazetteer names that label a campaign or a sub-team ("Operation Troy", "Subgroup: X"), not the group. */
const NOT_AN_ALIAS = /^(subgroup\s*:|operation\s)|\bcampaign$/i;
/** "APT 38" = "APT38", "Dark Seoul" = "DarkSeoul": one alias per spelling. */
const aliasKey = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function groupKey(s: NamedSpan): string {
  return s.id !== null ? `g${s.id}` : `p${s.text.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

/**
 * One entity per group: gazetteer aliases share an id; a name first introduced with a naming cue
 * ("tracked as", "also known as", "under the name") joins the group mentioned just before it.
 */
export function buildAptGroups(spans: NamedSpan[], tokens: Tokens, countrySpans: NamedSpan[], g: Gazetteers = gazetteers()): AptGroup[] {
  const groupSpans = spans.filter((s) => s.kind === 'apt').sort((a, b) => a.start - b.start);
  const parent = new Map<string, string>();
  const root = (k: string): string => {
    let r = k;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  const seen = new Set<string>();
  let previous: NamedSpan | null = null;
  for (const s of groupSpans) {
    const k = groupKey(s);
    if (!seen.has(k)) {
      seen.add(k);
      const reach = previous ? introducedAsAlias(tokens, s) : 0;
      if (previous && s.tokenStart - previous.tokenEnd <= reach && root(groupKey(previous)) !== root(k)) {
        parent.set(root(k), root(groupKey(previous)));
      }
    }
    previous = s;
  }

  const entities = groupBy(groupSpans, (s) => root(groupKey(s)));
  const countryAt = countryIndex(countrySpans, g);
  return [...entities.values()].filter((list) => !onlyOperation(list, tokens)).map((list) => {
    const gazId = list.find((s) => s.id !== null)?.id ?? null;
    const data = gazId !== null ? g.groups[gazId]! : null;
    const campaigns = campaignLabels(list, tokens.text);
    const ranked = rankSurfaces(list, data?.name);
    // The article's own names first (campaign labels last), then the other names the gazetteer knows.
    const knownNames = data ? [data.name, ...data.aliases].filter((n) => !NOT_AN_ALIAS.test(n)) : [];
    const candidates = [...ranked.filter((r) => !campaigns.has(r)), ...ranked.filter((r) => campaigns.has(r)), ...knownNames];
    const names: string[] = [];
    const keys = new Set<string>();
    for (const r of candidates) {
      // The article's own spellings are all kept; a known name only when no spelling of it is in yet.
      if (names.includes(r) || (!ranked.includes(r) && keys.has(aliasKey(r)))) continue;
      names.push(r);
      keys.add(aliasKey(r));
    }
    const stated = statedCountry(list, tokens, countryAt);
    const known = data?.country ?? list.find((s) => s.country)?.country ?? null;
    return {
      name: names[0]!,
      aliases: names.slice(1),
      country: stated ?? known,
      attribution: stated ? 'stated' : known ? 'gazetteer' : null,
      mentions: toMentions(list),
    } satisfies AptGroup;
  });
}
