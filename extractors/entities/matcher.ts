/**
 * The one gazetteer matcher every named-entity type shares: a trie over normalized tokens, scanned
 * once over the text (longest match wins, whole tokens only, case and context rules per name).
 */

/** The text cut into words and single punctuation marks, with offsets into the original text. */
export interface Tokens {
  text: string;
  start: number[];
  end: number[];
  /** Lower-cased token, curly apostrophes and dashes folded, used as the trie key. */
  key: string[];
  /** keyHash(key[i]), made while tokenizing: the matchers' first-token filter reads it. */
  hash: number[];
  /** True when a sentence (or a line) starts at this token. */
  sentenceStart: boolean[];
}

/**
 * How a name must appear to count:
 * - `exact`: same letters and case (acronyms: "NSA" but never "nsa"; "US" but never "us");
 * - `capitalized`: starts with a capital when the name does (names are capitalized in prose);
 * - `threat`: capitalized and a threat word nearby ("Cobalt" the group, not the metal);
 * - `proper`: capitalized, mid-sentence, not glued to other capitalized words ("Orange" the telecom,
 *   not "Orange County"; "Jordan" the country, not "Michael Jordan").
 */
export type CaseRule = 'exact' | 'capitalized' | 'threat' | 'proper';

export interface MatcherEntry<P> {
  /** The name as written in the gazetteer. */
  name: string;
  payload: P;
  rule?: CaseRule;
  /** An all-capitals name that prose may also write in Title Case ("BARIUM" as "Barium"). */
  titleCase?: boolean;
}

export interface Match<P> {
  start: number;
  end: number;
  text: string;
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  /** Every entry that has this name and passed its rule (several when a name is shared). */
  payloads: P[];
}

interface CompiledEntry<P> {
  payload: P;
  rule: CaseRule;
  /** Token surfaces of the name, for the case checks. */
  surfaces: string[];
  /** The name has two or more letters, all capitals. */
  allCaps: boolean;
  titleCase: boolean;
}

interface TrieNode<P> {
  next: Map<string, TrieNode<P>>;
  entries: CompiledEntry<P>[];
}

/** Tokens either side of a guarded name searched for a threat word. */
export const DEFAULT_CONTEXT_WINDOW = 12;

/** Words that make a common-word name ("Cobalt", "Equation", "Snake") a threat name. */
export const THREAT_WORDS = new Set(
  (
    'apt actor actors threat threats group groups gang hackers hacker hacking hacktivist hacktivists campaign campaigns ' +
    'malware ransomware backdoor backdoors trojan trojans rat implant implants loader loaders stealer stealers wiper ' +
    'botnet botnets spyware worm rootkit payload payloads dropper variant variants strain family c2 infection infections ' +
    'infected espionage cyberespionage intrusion intrusions attack attacks attacker attackers cyberattack cyberattacks ' +
    'breach breaches compromise compromised exploit exploited exploiting phishing spearphishing operators operator affiliate ' +
    'affiliates adversary adversaries tracked dubbed attributed attribution nation state-sponsored sponsored cyber'
  ).split(' '),
);

/** Words that say actors are meant, for an all-capitals group name written in Title Case ("Barium"). */
const ACTOR_WORDS = new Set('apt actor actors group groups gang hackers hacker attacker attackers adversary adversaries espionage cyberespionage attributed attribution tracked aka state-sponsored sponsored operators'.split(' '));

/** Words that open a sentence capitalized without being part of a name ("With China ..."). */
const FUNCTION_WORDS = new Set(
  'with in for from to and but as at by on of after before since unlike like both while when if the a an in into across against among between during including inside outside over under via within without customers users'.split(' '),
);

const SENTENCE_END = new Set(['.', '!', '?', ':', ';']);

function foldKey(token: string): string {
  if (token.length === 1) {
    if (token === '’' || token === '‘' || token === '`') return "'";
    if (token === '–' || token === '—' || token === '‐') return '-';
  }
  return token.toLowerCase();
}

/**
 * A 30-bit hash of a token key (a small integer to V8, so an array of them stays unboxed). A
 * matcher keeps a bit per hash of its names' first keys and looks a token up in its trie only
 * when that bit is set: most tokens start no name, and a probe of a trie root holding thousands
 * of keys cost more than the rest of the scan.
 */
export function keyHash(key: string): number {
  let h = 0;
  for (let k = 0; k < key.length; k++) h = (Math.imul(h, 31) + key.charCodeAt(k)) | 0;
  return h & 0x3fffffff;
}

const FILTER_BITS = 1 << 18;
/** One bit per hash of `keys`, FILTER_BITS in all (32 KB): no false negatives, few false positives. */
function keyFilter(keys: Iterable<string>): Uint32Array {
  const bits = new Uint32Array(FILTER_BITS >>> 5);
  for (const k of keys) {
    const b = filterBit(keyHash(k));
    bits[b >>> 5]! |= 1 << (b & 31);
  }
  return bits;
}
const filterBit = (h: number) => (h ^ (h >>> 13)) & (FILTER_BITS - 1);
const mayHold = (bits: Uint32Array, h: number) => {
  const b = filterBit(h);
  return (bits[b >>> 5]! & (1 << (b & 31))) !== 0;
};

/** 0: white space, 1: letter or digit (\p{L}, \p{N}), 2: anything else; ASCII by table, the rest by regex. */
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) =>
  /\s/.test(String.fromCharCode(c)) ? 0 : /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 2,
);
const WORD_CP = /^[\p{L}\p{N}]$/u;
const SPACE_CP = /^\s$/u;
function classOf(cp: number): number {
  if (cp < 128) return ASCII_CLASS[cp]!;
  const ch = String.fromCodePoint(cp);
  return SPACE_CP.test(ch) ? 0 : WORD_CP.test(ch) ? 1 : 2;
}

/** Where the run of letters and digits that starts at `i` ends (`i` itself when none starts there). */
export function wordRunEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    // ASCII by the table, without decoding a code point: most of the text is ASCII.
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_CLASS[c] !== 1) break;
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (classOf(cp) !== 1) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/**
 * The distinct keys of one text, by keyHash (open addressing): each word's key is one string,
 * made and hashed by V8 once however often the word recurs; every finder's set lookups on a
 * fresh string paid for its hash.
 */
class KeyTable {
  /** Slot → key id + 1 (0: empty); shared by all calls and emptied by release(), so no call allocates one. */
  private static shared = new Int32Array(1 << 12);
  private slots = KeyTable.shared;
  private readonly keys: string[] = [];
  private readonly hashes: number[] = [];
  private readonly used: number[] = [];

  /** The key equal to text[from, to) lower-cased (ASCII letters and digits only), if any. */
  findLowered(text: string, from: number, to: number, h: number): string | undefined {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id === 0) return undefined;
      const k = this.keys[id - 1]!;
      if (this.hashes[id - 1] !== h || k.length !== to - from) continue;
      let m = 0;
      for (; m < k.length; m++) {
        let d = text.charCodeAt(from + m);
        if (d >= 65 && d <= 90) d += 32;
        if (d !== k.charCodeAt(m)) break;
      }
      if (m === k.length) return k;
    }
  }

  find(key: string, h: number): string | undefined {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id === 0) return undefined;
      if (this.hashes[id - 1] === h && this.keys[id - 1] === key) return this.keys[id - 1];
    }
  }

  /** Adds a key not in the table and returns it. */
  add(key: string, h: number): string {
    this.keys.push(key);
    this.hashes.push(h);
    // At most half full, so a probe always meets an empty slot.
    if (this.keys.length * 2 > this.slots.length) {
      this.release();
      this.slots = KeyTable.shared = new Int32Array(this.slots.length * 2);
      for (let id = 1; id <= this.keys.length; id++) this.place(id);
    } else this.place(this.keys.length);
    return key;
  }

  /** Empties the slots this table filled. */
  release(): void {
    for (const slot of this.used) this.slots[slot] = 0;
    this.used.length = 0;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[id - 1]! & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id;
    this.used.push(slot);
  }
}

/**
 * The tokens of /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu (runs of letters and digits, every other non-space code point alone),
 * read by a loop over char codes: the regex with Unicode classes was most of the tokenizing time.
 */
export function tokenize(text: string): Tokens {
  const start: number[] = [];
  const end: number[] = [];
  const key: string[] = [];
  const hash: number[] = [];
  const sentenceStart: boolean[] = [];
  const keys = new KeyTable();
  let prevEnd = 0;
  let prevEndsSentence = true;
  // Position of the next line break at or after prevEnd; found once per line so tokenizing stays linear.
  let nextNewline = text.indexOf('\n');
  const n = text.length;
  // The shared key table must be left empty whatever happens.
  try {
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      let cls: number;
      let width = 1;
      if (c < 128) cls = ASCII_CLASS[c]!;
      else {
        const cp = text.codePointAt(i)!;
        width = cp > 0xffff ? 2 : 1;
        cls = classOf(cp);
      }
      if (cls === 0) {
        i += width;
        continue;
      }
      const s = i;
      let k: string | undefined;
      let h = 0;
      if (cls === 1 && c < 128) {
        // An ASCII word (most tokens): lower-cased and hashed in one pass over its letters.
        let upper = false;
        let j = i;
        for (; j < n; j++) {
          let d = text.charCodeAt(j);
          if (d >= 128 || ASCII_CLASS[d] !== 1) break;
          if (d >= 65 && d <= 90) {
            upper = true;
            d += 32;
          }
          h = (Math.imul(h, 31) + d) | 0;
        }
        i = j < n && text.charCodeAt(j) >= 128 ? wordRunEnd(text, j) : j;
        if (i === j) {
          h &= 0x3fffffff;
          // A word met before is its earlier key, compared in place: no copy, and no second string to hash.
          k = keys.findLowered(text, s, i, h);
          if (k === undefined) {
            const raw = text.slice(s, i);
            k = keys.add(upper ? raw.toLowerCase() : raw, h);
          }
        }
      } else {
        i += width;
        if (cls === 1) i = wordRunEnd(text, i);
      }
      if (k === undefined) {
        k = foldKey(text.slice(s, i));
        h = keyHash(k);
        k = keys.find(k, h) ?? keys.add(k, h);
      }
      // A line break or sentence punctuation before the token starts a sentence; "U.S." ending a
      // sentence is rare enough that treating "U.S. officials" as a new sentence costs little.
      if (nextNewline >= 0 && nextNewline < prevEnd) nextNewline = text.indexOf('\n', prevEnd);
      sentenceStart.push(prevEndsSentence || (nextNewline >= 0 && nextNewline < s) || start.length === 0);
      start.push(s);
      end.push(i);
      key.push(k);
      hash.push(h);
      prevEnd = i;
      prevEndsSentence = k.length === 1 && SENTENCE_END.has(k);
    }
  } finally {
    keys.release();
  }
  return { text, start, end, key, hash, sentenceStart };
}

function isUpper(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  // ASCII by its code (no case-mapped copies of the character): only A-Z change when lower-cased and not when upper-cased.
  const c = ch.charCodeAt(0);
  if (c < 128 && ch.length === 1) return c >= 65 && c <= 90;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Token `i` as written in the text. */
export function surface(tokens: Tokens, i: number): string {
  return tokens.text.slice(tokens.start[i], tokens.end[i]);
}

/** A token that starts with a capital letter. */
export function isCapitalized(tokens: Tokens, i: number): boolean {
  return isUpper(tokens.text[tokens.start[i]!]);
}

/** A word shaped like a coined name: a capital or digit inside it ("ReconHellcat", "M00nD3V", "APT40"). */
export function isNameShaped(word: string): boolean {
  // Most words are plain ASCII ("Update", "Microsoft"): read their shape by char codes; the
  // Unicode regexes below decide the rest. Called for most capitalized tokens.
  let lower = false;
  let upperAfterFirst = false;
  let letter = false;
  let digit = false;
  let ascii = true;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 97 && c <= 122) lower = letter = true;
    else if (c >= 65 && c <= 90) {
      letter = true;
      if (k > 0) upperAfterFirst = true;
    } else if (c >= 48 && c <= 57) digit = true;
    else if (c >= 128) {
      ascii = false;
      break;
    }
  }
  const shaped = ascii
    ? (lower && upperAfterFirst) || (letter && digit)
    : (/\p{Ll}/u.test(word) && /\p{Lu}/u.test(word.slice(1))) || (/\p{L}/u.test(word) && /\p{N}/u.test(word));
  return shaped && !COMMON_MIXED_CASE.has(word.toLowerCase());
}

/** Mixed-case words of the trade that are not coined names of threats. */
const COMMON_MIXED_CASE = new Set(
  'raas maas saas paas iaas pos ddos dos iot macos ios ipados javascript typescript powershell github gitlab linkedin youtube wordpress paypal whatsapp onedrive sharepoint virustotal cnc poc mfa 2fa vpn wifi ipv4 ipv6 base64 sha256 sha1 md5 x64 x86 win32 win64 dotnet asp.net covid covid19 ecrime phd mitm'.split(' '),
);

/** Default rule for a name: short acronyms match case-exactly, everything else capitalized. */
export function defaultRule(name: string): CaseRule {
  const letters = name.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  // "NSA", "DoD", "FinCEN", "U.S.", "UK": short and mostly capitals. CamelCase coinages with as many
  // small letters as capitals ("QakBot", "IcedID", "GitHub") are names, written "Qakbot" just as often.
  if (letters.length > 0 && letters.length <= 6 && upper >= 2 && upper > letters.length - upper && !/\s/.test(name.trim())) return 'exact';
  return 'capitalized';
}

/** How far back a match looks for the start of the URL or identifier it may sit in. */
const MAX_WORD_LOOKBACK = 300;

/**
 * A name inside a URL, a file path (also a Windows one) or a snake_case identifier ("https://lab52.es/blog",
 * "African_Union_Mission_for_Somalia") is part of that string, not a mention in prose.
 */
export function insideIdentifier(text: string, start: number, end: number): boolean {
  if (text[start - 1] === '_' || text[end] === '_') return true;
  let i = start - 1;
  const stop = Math.max(0, start - MAX_WORD_LOOKBACK);
  while (i >= stop && !/\s|[(\[<"']/.test(text[i]!)) i--;
  const word = text.slice(i + 1, start);
  // A Windows path ("d:\\scm\\Italy\\tools") holds folder names, not places or names in prose.
  if (/^(?:[A-Za-z]:)?\\/.test(word) && word.endsWith('\\')) return true;
  return word.includes('://') || word.startsWith('www.') || (word.includes('/') && word.includes('.') && /[/.]$/.test(word));
}

const AS_CUES = new Set(['known', 'tracked', 'referred', 'identified', 'designated', 'labeled', 'labelled']);

/** The token before `i` introduces another name: "aka X", "dubbed X", "also known as X", "tracked as X". */
function afterAliasCue(tokens: Tokens, i: number): boolean {
  const prev = tokens.key[i - 1];
  if (prev === 'aka' || prev === 'dubbed' || prev === 'codenamed') return true;
  return prev === 'as' && AS_CUES.has(tokens.key[i - 2] ?? '');
}

/** "Michael Jordan", "Royal Mail": the name is glued to a capitalized word that does not just open the sentence. */
function gluedToName(tokens: Tokens, from: number, to: number): boolean {
  const before = from - 1;
  if (
    before >= 0 &&
    isCapitalized(tokens, before) &&
    !(tokens.sentenceStart[before] && FUNCTION_WORDS.has(tokens.key[before]!)) &&
    tokens.end[before]! + 1 >= tokens.start[from]!
  ) {
    return true;
  }
  return to < tokens.key.length && isCapitalized(tokens, to) && tokens.end[to - 1]! + 1 >= tokens.start[to]!;
}

export interface Matcher<P> {
  match(tokens: Tokens): Match<P>[];
}

export interface MatcherOptions {
  contextWindow?: number;
  threatWords?: Set<string>;
}

/**
 * Build once, match many texts. Matching is linear in the text: each token starts at most one
 * trie walk, and walks are bounded by the longest name (in tokens).
 */
export function createMatcher<P>(entries: Iterable<MatcherEntry<P>>, options: MatcherOptions = {}): Matcher<P> {
  const contextWindow = options.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  const threatWords = options.threatWords ?? THREAT_WORDS;
  const root: TrieNode<P> = { next: new Map(), entries: [] };
  for (const e of entries) {
    const t = tokenize(e.name);
    if (!t.key.length) continue;
    let node = root;
    for (const k of t.key) {
      let child = node.next.get(k);
      if (!child) {
        child = { next: new Map(), entries: [] };
        node.next.set(k, child);
      }
      node = child;
    }
    const surfaces = t.start.map((s, i) => e.name.slice(s, t.end[i]));
    const letters = e.name.replace(/[^\p{L}]/gu, '');
    const allCaps = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    node.entries.push({ payload: e.payload, rule: e.rule ?? defaultRule(e.name), surfaces, allCaps, titleCase: e.titleCase === true });
  }

  const firstKeys = keyFilter(root.next.keys());

  function hasThreatContext(tokens: Tokens, from: number, to: number): boolean {
    const lo = Math.max(0, from - contextWindow);
    const hi = Math.min(tokens.key.length, to + contextWindow);
    for (let i = lo; i < hi; i++) if ((i < from || i >= to) && threatWords.has(tokens.key[i]!)) return true;
    return false;
  }

  /** A word about actors near a name (not only about malware: "Chromium-based browsers" sit among stealer words). */
  function actorNearby(tokens: Tokens, from: number, to: number): boolean {
    const lo = Math.max(0, from - contextWindow);
    const hi = Math.min(tokens.key.length, to + contextWindow);
    for (let i = lo; i < hi; i++) if ((i < from || i >= to) && ACTOR_WORDS.has(tokens.key[i]!)) return true;
    return false;
  }

  /** Every word written with one capital and then small letters: "Barium". */
  function titleCased(tokens: Tokens, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!/^\p{Lu}\p{Ll}+$/u.test(tokens.text.slice(tokens.start[i], tokens.end[i]))) return false;
    return true;
  }

  function sameCase(entry: CompiledEntry<P>, tokens: Tokens, from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      // The token as written equals the name's surface, compared in place rather than sliced out.
      const surface = entry.surfaces[i - from]!;
      if (tokens.end[i]! - tokens.start[i]! !== surface.length || !tokens.text.startsWith(surface, tokens.start[i])) return false;
    }
    return true;
  }

  /**
   * Guarded entries a text has already confirmed with threat context: one name keeps one sense in one
   * article, so "Ares" is the malware in every sentence once one sentence says "the Ares loader".
   */
  let confirmed: Set<CompiledEntry<P>> | null = null;
  let deferred = false;

  function passes(entry: CompiledEntry<P>, tokens: Tokens, from: number, to: number): boolean {
    if (entry.rule === 'exact') return sameCase(entry, tokens, from, to);
    // A name written with a capital must appear with one (first letter of the name).
    if (isUpper(entry.surfaces[0]?.[0]) && !isCapitalized(tokens, from)) return false;
    // A guarded name the gazetteer writes in capitals ("STOP", "GOLD") must be written so: "Stop" is a word.
    // Right after "also known as" / "aka" the article is naming an alias, so "Barium" for BARIUM is fine.
    if (entry.rule !== 'capitalized' && entry.allCaps && !sameCase(entry, tokens, from, to) && !afterAliasCue(tokens, from) && !(entry.titleCase && titleCased(tokens, from, to) && (confirmed?.has(entry) || actorNearby(tokens, from, to)))) {
      if (entry.titleCase) deferred = true;
      return false;
    }
    if (entry.rule === 'threat') {
      // Confirmed elsewhere: still not inside a longer name mid-sentence ("customers of Royal Mail" after
      // "Royal ransomware"); a line that opens with the name is often a heading ("Ares Commands").
      if (confirmed?.has(entry) && (tokens.sentenceStart[from] || !gluedToName(tokens, from, to))) return true;
      if (!hasThreatContext(tokens, from, to)) {
        deferred = true;
        return false;
      }
      confirmed?.add(entry);
      return true;
    }
    if (entry.rule === 'proper') {
      if (tokens.sentenceStart[from]) return false;
      if (gluedToName(tokens, from, to)) return false;
    }
    return true;
  }

  function scan(tokens: Tokens): Match<P>[] {
      const out: Match<P>[] = [];
      const n = tokens.key.length;
      let i = 0;
      while (i < n) {
        let node = mayHold(firstKeys, tokens.hash[i]!) ? root.next.get(tokens.key[i]!) : undefined;
        // The longest name so far: its end token and the payloads that passed (no array until one passes).
        let bestEnd = -1;
        let bestPayloads: P[] | null = null;
        let j = i;
        while (node) {
          j++;
          const entries = node.entries;
          if (entries.length) {
            let payloads: P[] | null = null;
            for (let e = 0; e < entries.length; e++) if (passes(entries[e]!, tokens, i, j)) (payloads ??= []).push(entries[e]!.payload);
            if (payloads) {
              bestEnd = j;
              bestPayloads = payloads;
            }
          }
          if (j >= n) break;
          node = node.next.get(tokens.key[j]!);
        }
        // Whole tokens only, so "Cobalt" never matches inside "Cobalts"; the trie already ensures it.
        if (bestPayloads && insideIdentifier(tokens.text, tokens.start[i]!, tokens.end[bestEnd - 1]!)) bestPayloads = null;
        if (bestPayloads) {
          const start = tokens.start[i]!;
          const end = tokens.end[bestEnd - 1]!;
          out.push({ start, end, text: tokens.text.slice(start, end), tokenStart: i, tokenEnd: bestEnd, payloads: bestPayloads });
          i = bestEnd;
        } else {
          i++;
        }
      }
      return out;
  }

  return {
    match(tokens: Tokens): Match<P>[] {
      confirmed = new Set();
      deferred = false;
      let out = scan(tokens);
      // A second scan only when a guarded name was turned down somewhere and another was confirmed.
      if (deferred && confirmed.size) out = scan(tokens);
      confirmed = null;
      return out;
    },
  };
}
