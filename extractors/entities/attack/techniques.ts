/**
 * ATT&CK techniques an article names: by id ("T1059", "T1566.001", a revoked id resolved to the
 * one ATT&CK replaced it by) and by name where the text names a technique ("spearphishing
 * attachment", "pass-the-hash", "DLL side-loading"). Generic ATT&CK names that read as ordinary
 * prose ("Proxy", "Web Service", "Local Account") are not matched by name (see the build's phrase
 * list). Tactic ids (TA0001) are tactics, not techniques, and never groups.
 */
import type { Mention, Technique } from '../../../src/record/schema.js';
import type { Tokens } from '../matcher.js';
import { attackData } from './data.js';

const TECHNIQUE_ID = /(?<![\w.])T1\d{3}(?:\.\d{3})?(?![\w]|\.\d)/g;
const NOT_THE_TECHNIQUE_AFTER = /^[- ](?:resistant|proof|awareness|training|simulations?|tests?|filters?|protection)\b/i;
/** ATT&CK tactic ids, TA0001 to TA0043: spans no group finder may claim. */
export const TACTIC_ID = /(?<![\w.])TA00[0-4]\d(?!\w)/g;

/**
 * Wordings with a gap in them, which the phrase list cannot hold: a verb and its object a few
 * words apart within one clause ("exploiting known flaws in internet-facing appliances",
 * "injects its payload into a legitimate process"). A cheap test guards each expensive one.
 */
const GAPPED: ReadonlyArray<{ id: string; cheap: RegExp; re: RegExp }> = [
  { id: 'T1190', cheap: /-facing/i, re: /\b(?:exploit(?:s|ed|ing)|exploitation\s+of)\b[^.;:!?\n]{0,60}?\b(?:internet|public)[- ]facing(?:\s+[\p{L}-]+)?/giu },
  { id: 'T1055', cheap: /inject/i, re: /\binject(?:s|ed|ing)?\b[^.;:!?\n]{0,40}?\b(?:into|in)\s+(?:an?\s+|the\s+)?(?:[\p{L}.-]+\s+){0,2}process(?:es)?\b/giu },
];

export function findTechniques(text: string, tokens: Tokens): Technique[] {
  const data = attackData();
  const byId = new Map<string, Mention[]>();
  const add = (id: string, m: Mention) => {
    const list = byId.get(id) ?? [];
    list.push(m);
    byId.set(id, list);
  };
  for (const m of text.matchAll(TECHNIQUE_ID)) {
    const id = data.techniques.has(m[0]) ? m[0] : data.revoked.get(m[0]);
    if (id) add(id, { text: m[0], start: m.index, end: m.index + m[0].length });
  }
  for (const m of data.phraseMatcher.match(tokens)) {
    // "phishing-resistant MFA", "anti-phishing training": defences named after a technique are not it.
    if (NOT_THE_TECHNIQUE_AFTER.test(text.slice(m.end, m.end + 24)) || /\banti-?\s?$/i.test(text.slice(Math.max(0, m.start - 6), m.start))) continue;
    add(m.payloads[0]!, { text: m.text, start: m.start, end: m.end });
  }
  for (const g of GAPPED) {
    if (!g.cheap.test(text)) continue;
    for (const m of text.matchAll(g.re)) if (!byId.has(g.id) || !byId.get(g.id)!.some((x) => x.start < m.index + m[0].length && m.index < x.end)) add(g.id, { text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return [...withoutCoveredParents(text, byId, data.techniques)]
    .map(([id, mentions]) => {
      const t = data.techniques.get(id)!;
      return { id, name: t.name, tactics: [...t.tactics], mentions: mentions.sort((a, b) => a.start - b.start) };
    })
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}

/**
 * "dumped credentials from LSASS memory" names one technique, the sub-technique (T1003.001), not
 * also its parent (T1003): a parent goes when each of its mentions shares a sentence with a
 * mention of one of its sub-techniques. Ids and the parent's own official name written out
 * ("T1003", "OS Credential Dumping") stay.
 */
function withoutCoveredParents(text: string, byId: Map<string, Mention[]>, names: ReadonlyMap<string, { name: string }>): Map<string, Mention[]> {
  const sameSentence = (a: Mention, b: Mention) => {
    const [lo, hi] = a.start < b.start ? [a.end, b.start] : [b.end, a.start];
    return !/[.!?](?:\s|$)|\n/.test(text.slice(lo, Math.max(lo, hi)));
  };
  const out = new Map(byId);
  for (const [id, mentions] of byId) {
    if (id.includes('.')) continue;
    const children = [...byId].filter(([other]) => other.startsWith(`${id}.`)).flatMap(([, ms]) => ms);
    if (!children.length) continue;
    const official = names.get(id)?.name.toLowerCase();
    // "OS Credential Dumping: NTDS" is how ATT&CK writes the sub-technique's full name: no parent there.
    const namedAlone = (m: Mention) => m.text.toLowerCase() === official && !/^\s*:/.test(text.slice(m.end, m.end + 3));
    const kept = mentions.filter((m) => /^T\d{4}/.test(m.text) || namedAlone(m) || !children.some((c) => sameSentence(m, c)));
    if (kept.length) out.set(id, kept);
    else out.delete(id);
  }
  return out;
}

/** Where the text writes a tactic id. */
export function tacticSpans(text: string): Array<{ start: number; end: number }> {
  return [...text.matchAll(TACTIC_ID)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
