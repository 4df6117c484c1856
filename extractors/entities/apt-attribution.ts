/**
 * The country an article itself attributes a group to: "China-backed Salt Typhoon", "Iranian group
 * X", "X, which is linked to Russia's GRU", "X, a North Korean crew". Nothing when it does not say.
 */
import type { Gazetteers, NamedSpan } from './gazetteer.js';
import type { Tokens } from './matcher.js';

/** Words that may sit between a country word and the group name it qualifies. */
const CONNECTORS = new Set(
  (
    "- ' s nation state sponsored backed linked affiliated aligned nexus based origin threat actor actors group groups " +
    'hacking hackers hacker apt advanced persistent cyber espionage cyberespionage known as called dubbed tracked named ' +
    'the a an government military intelligence ransomware gang crew unit outfit collective hacktivist hacktivists ' +
    'operation operators notorious prolific infamous suspected alleged allegedly likely probably , and team'
  ).split(' '),
);

/** Words after a group name that announce its sponsor: "X, which is linked to Russia". */
const AFTER_CUES = new Set(
  (
    'linked tied attributed connected affiliated associated backed sponsored behalf controlled nexus origin aligned'
  ).split(' '),
);

/** Words that may sit between a cue and the country: "linked to the Russian government", "tied to Russia's GRU". */
const CUE_GAP = new Set(['to', 'the', "'", 's', 'of', 'by', 'with', 'on', 'behalf', 'be', 'is', 'are', 'been', 'being', '-', '(', 'state', 'government', 'regime', 'people']);

/** Tokens after a name that may precede an appositive country word: "X, a Russian group". */
const APPOSITIVE = new Set([',', '(', 'a', 'an', 'the', '-', '–', 'is', 'are', 'was', 'which', 'who']);
const GROUP_NOUNS = new Set(['group', 'groups', 'actor', 'actors', 'hackers', 'hacking', 'apt', 'gang', 'crew', 'unit', 'state', 'nation', 'threat', '-', 'military', 'government', 'intelligence', 'espionage', 'cyber']);
const SENTENCE_END = new Set(['.', '!', '?', ';']);

export const BEFORE_WINDOW = 8;
export const AFTER_WINDOW = 14;

/** Country code by token index, built once per text for every group's attribution. */
export function countryIndex(countrySpans: NamedSpan[], g: Gazetteers): Map<number, string> {
  const countryAt = new Map<number, string>();
  for (const c of countrySpans) {
    if (c.id === null) continue;
    for (let i = c.tokenStart; i < c.tokenEnd; i++) countryAt.set(i, g.countries[c.id]!.code);
  }
  return countryAt;
}

export function statedCountry(mentions: NamedSpan[], tokens: Tokens, countryAt: Map<number, string>): string | null {
  if (!countryAt.size) return null;
  const votes = new Map<string, number>();
  const vote = (code: string | null): void => {
    if (code) votes.set(code, (votes.get(code) ?? 0) + 1);
  };
  for (const m of mentions) {
    vote(countryBefore(m, tokens, countryAt));
    vote(countryAfter(m, tokens, countryAt));
  }
  if (!votes.size && mentions[0]) vote(countryOfAntecedent(mentions[0], tokens, countryAt));
  let best: string | null = null;
  let bestVotes = 0;
  for (const [code, n] of votes) {
    if (n > bestVotes) [best, bestVotes] = [code, n];
  }
  return best;
}

function countryBefore(m: NamedSpan, tokens: Tokens, countryAt: Map<number, string>): string | null {
  for (let i = m.tokenStart - 1; i >= Math.max(0, m.tokenStart - BEFORE_WINDOW); i--) {
    if (tokens.sentenceStart[i + 1]) break;
    const code = countryAt.get(i);
    if (code) return code;
    if (!CONNECTORS.has(tokens.key[i]!)) return null;
  }
  return null;
}

function countryAfter(m: NamedSpan, tokens: Tokens, countryAt: Map<number, string>): string | null {
  let cue = false;
  let appositive = true;
  const end = Math.min(tokens.key.length, m.tokenEnd + AFTER_WINDOW);
  for (let i = m.tokenEnd; i < end; i++) {
    const key = tokens.key[i]!;
    if (SENTENCE_END.has(key) || (i > m.tokenEnd && tokens.sentenceStart[i])) return null;
    const code = countryAt.get(i);
    if (code) {
      if (cue) return code;
      // "X, a Russian group": the country word qualifies a noun for the group itself.
      let j = i + 1;
      while (countryAt.get(j) === code) j++;
      if (appositive && i > m.tokenEnd && GROUP_NOUNS.has(tokens.key[j] ?? '')) return code;
      return null;
    }
    if (AFTER_CUES.has(key)) cue = true;
    else if (!CUE_GAP.has(key)) cue = false;
    if (!APPOSITIVE.has(key)) appositive = false;
  }
  return null;
}

/** Nouns that refer back to a group: "The group, which calls itself X". */
const GROUP_HEADS = new Set(['group', 'hackers', 'actors', 'actor', 'gang', 'crew', 'collective', 'hacktivists', 'operators']);
export const ANTECEDENT_GAP = 3;

/**
 * "A pro-Russian hacktivist group took over the pumps. The group, which calls itself X, ...":
 * when the sentence naming X opens with "The group", the country the sentence before gives a group.
 */
function countryOfAntecedent(m: NamedSpan, tokens: Tokens, countryAt: Map<number, string>): string | null {
  let start = m.tokenStart;
  while (start > 0 && !tokens.sentenceStart[start]) start--;
  if (tokens.key[start] !== 'the' || !GROUP_HEADS.has(tokens.key[start + 1] ?? '') || start === 0) return null;
  let prev = start - 1;
  while (prev > 0 && !tokens.sentenceStart[prev]) prev--;
  for (let i = prev; i < start; i++) {
    const code = countryAt.get(i);
    if (!code) continue;
    for (let j = i + 1; j < Math.min(start, i + 1 + ANTECEDENT_GAP + 1); j++) {
      if (GROUP_HEADS.has(tokens.key[j]!)) return code;
      if (countryAt.get(j) !== code && !CONNECTORS.has(tokens.key[j]!)) break;
    }
  }
  return null;
}
