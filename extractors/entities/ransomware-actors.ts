/**
 * Ransomware operations as actors: "LockBit claimed the attack", "the Conti gang", "Cl0p's leak
 * site" name the people behind a family, a group; "LockBit ransomware", "the Conti encryptor" name
 * the malware. Each mention is judged by the words around it; the unmarked ones of a ransomware
 * family follow the article's majority. A noun after the name ("gang", "group") is not kept in it.
 */
import type { Gazetteers, NamedSpan } from './gazetteer.js';
import type { Tokens } from './matcher.js';

/** Nouns after any family's name that mean the people behind it: "the TrickBot gang". */
const GANG_NOUNS = new Set(['gang', 'group']);
/** Nouns after a ransomware name that mean the people behind it: "LockBit affiliates", "the Conti team". */
const ACTOR_NOUNS = new Set(['gang', 'group', 'operators', 'operator', 'affiliates', 'affiliate', 'crew', 'actors', 'actor', 'team', 'cartel', 'syndicate', 'apt']);
/** Verbs after a ransomware name that only people do: "Cl0p claimed", "LockBit posted the files". */
const ACTOR_VERBS = new Set(
  'claimed claims claiming posted posts listed lists leaked leaks published publishes demanded demands threatened threatens announced announces added adds took takes said says boasted named names told'.split(' '),
);
/** Words after "<name>'s" that belong to the people: "LockBit's leak site", "Conti's negotiators". */
const OWNED_BY_ACTOR = new Set(['leak', 'data', 'site', 'blog', 'dark', 'operators', 'affiliates', 'negotiators', 'members', 'leaders', 'leadership', 'spokesperson', 'developer', 'developers', 'admins', 'gang', 'group', 'victims', 'victim', 'ransom']);
/** Nouns after a family name that mean the software: "LockBit ransomware", "the Conti encryptor". */
const SOFTWARE_NOUNS = new Set(['ransomware', 'encryptor', 'encrypter', 'locker', 'payload', 'payloads', 'variant', 'variants', 'binary', 'binaries', 'sample', 'samples', 'strain', 'executable', 'malware', 'builder', 'decryptor', 'infection', 'infections']);

type Sense = 'actor' | 'software' | null;

function senseOf(s: NamedSpan, tokens: Tokens, ransomware: boolean): Sense {
  const next = tokens.key[s.tokenEnd] ?? '';
  if (GANG_NOUNS.has(next)) return 'actor';
  if (SOFTWARE_NOUNS.has(next)) return 'software';
  if (!ransomware) return null;
  if (ACTOR_NOUNS.has(next)) return 'actor';
  if (ACTOR_VERBS.has(next)) return 'actor';
  if (next === "'" && tokens.key[s.tokenEnd + 1] === 's' && OWNED_BY_ACTOR.has(tokens.key[s.tokenEnd + 2] ?? '')) return 'actor';
  if (next === 'leak') return 'actor';
  const before = tokens.key[s.tokenStart - 1] ?? '';
  const before2 = tokens.key[s.tokenStart - 2] ?? '';
  // "claimed by Cl0p", "attributed to Akira", "a Royal affiliate" is handled by the noun after.
  if ((before === 'by' && ['claimed', 'listed', 'posted', 'leaked', 'published'].includes(before2)) || (before === 'to' && before2 === 'attributed')) return 'actor';
  return null;
}

/**
 * Turns the malware spans that name the people behind a family into group spans, in place; the
 * noun after the name ("gang") is marked taken so no other finder claims it.
 */
export function ransomwareActors(spans: NamedSpan[], tokens: Tokens, taken: Uint8Array, g: Gazetteers): void {
  const key = (s: NamedSpan) => (s.id !== null ? `g${s.id}` : `r${s.text.toLowerCase()}`);
  // A ransomware family: the list says so, or the article does ("DarkSide ransomware", "the DarkSide RaaS").
  const called = new Set<string>();
  for (const s of spans) if (s.kind === 'malware' && ['ransomware', 'raas'].includes(tokens.key[s.tokenEnd] ?? '')) called.add(key(s));
  const isRansomware = (s: NamedSpan) => called.has(key(s)) || (s.id !== null && g.malware[s.id]?.ransomware === true);
  const votes = new Map<string, number>();
  const senses = new Map<NamedSpan, Sense>();
  for (const s of spans) {
    if (s.kind !== 'malware') continue;
    const sense = senseOf(s, tokens, isRansomware(s));
    senses.set(s, sense);
    if (sense) votes.set(key(s), (votes.get(key(s)) ?? 0) + (sense === 'actor' ? 1 : -1));
  }
  for (const [s, sense] of senses) {
    // An unmarked mention of a ransomware family follows the article's marked ones.
    const actor = sense === 'actor' || (sense === null && isRansomware(s) && (votes.get(key(s)) ?? 0) > 0);
    if (!actor) continue;
    if (ACTOR_NOUNS.has(tokens.key[s.tokenEnd] ?? '') || GANG_NOUNS.has(tokens.key[s.tokenEnd] ?? '')) taken[s.tokenEnd] = 1;
    s.kind = 'apt';
    s.id = null;
    s.country = null;
  }
}
