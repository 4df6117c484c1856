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
  return [...byId]
    .map(([id, mentions]) => {
      const t = data.techniques.get(id)!;
      return { id, name: t.name, tactics: [...t.tactics], mentions: mentions.sort((a, b) => a.start - b.start) };
    })
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}

/** Where the text writes a tactic id. */
export function tacticSpans(text: string): Array<{ start: number; end: number }> {
  return [...text.matchAll(TACTIC_ID)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
