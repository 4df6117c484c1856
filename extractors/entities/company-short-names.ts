/**
 * A company's short name after its full one: once an article has written "Arbor Networks" or
 * "Palo Alto Networks", a later "Arbor" or "Palo Alto" is the same company. Writers drop the
 * corporate last word (Networks, Security, Technologies, Inc.) after the first mention.
 */
import type { NamedSpan } from './gazetteer.js';
import { isCapitalized, isNameShaped, surface, type Tokens } from './matcher.js';
import { GENERIC_WORDS } from './companies.js';

/** Last words of a company's full name that its short name leaves out. */
export const DROPPED_LAST_WORDS = new Set(['networks', 'security', 'technologies', 'technology', 'software', 'systems', 'labs', 'inc', 'corp', 'corporation', 'ltd', 'llc', 'plc', 'gmbh', 'cybersecurity']);

/**
 * Spans for the short names of the gazetteer companies in `spans` wherever the text writes them after the
 * full name, as written (same capitals), on tokens no other name holds. A one-word short name must
 * be a coined word or stand mid-sentence, and not run on into a longer capitalized name.
 */
export function companyShortNames(tokens: Tokens, taken: Uint8Array, spans: NamedSpan[]): NamedSpan[] {
  const short = new Map<string, Array<{ words: string[]; span: NamedSpan }>>();
  for (const s of spans) {
    // Gazetteer companies only: a cue-found name's short form would make a second company of its own.
    if (s.kind !== 'company' || s.id === null || s.learned || s.tokenEnd - s.tokenStart < 2) continue;
    let end = s.tokenEnd;
    if (tokens.key[end - 1] === '.') end--; // "Acme Corp."
    if (end - s.tokenStart < 2 || !DROPPED_LAST_WORDS.has(tokens.key[end - 1]!)) continue;
    const words: string[] = [];
    for (let i = s.tokenStart; i < end - 1; i++) words.push(surface(tokens, i));
    if (words.some((w) => !/^[\p{L}\p{N}]/u.test(w)) || words.every((w) => GENERIC_WORDS.has(w.toLowerCase()))) continue;
    const list = short.get(words[0]!) ?? [];
    if (!list.some((l) => l.words.join(' ') === words.join(' '))) list.push({ words, span: s });
    short.set(words[0]!, list);
  }
  if (!short.size) return [];
  const out: NamedSpan[] = [];
  const n = tokens.key.length;
  for (let i = 0; i < n; i++) {
    if (taken[i]) continue;
    const candidates = short.get(surface(tokens, i));
    if (!candidates) continue;
    for (const { words, span } of candidates) {
      const to = i + words.length;
      if (tokens.start[i]! < span.end || to > n) continue;
      let ok = true;
      for (let k = 1; ok && k < words.length; k++) ok = !taken[i + k] && surface(tokens, i + k) === words[k];
      // "Arbor Day": a longer capitalized name; "Positive results" opening a sentence: a plain word.
      if (!ok || (to < n && isCapitalized(tokens, to) && tokens.start[to]! <= tokens.end[to - 1]! + 1)) continue;
      if (words.length === 1 && tokens.sentenceStart[i] && !isNameShaped(words[0]!)) continue;
      const end = tokens.end[to - 1]!;
      out.push({ ...span, start: tokens.start[i]!, end, text: tokens.text.slice(tokens.start[i], end), tokenStart: i, tokenEnd: to });
      i = to - 1;
      break;
    }
  }
  return out;
}
