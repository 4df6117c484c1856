/**
 * CVE identifiers, normalized to `CVE-YYYY-NNNN+`: accepts any case, a space, underscore or
 * any dash (hyphen, en dash, non-breaking hyphen) between the parts, as news copy writes them.
 */
import type { Cve, Mention } from '../../src/record/schema.js';

const CVE_PATTERN = /(?<![\p{L}\p{N}])CVE[ \u00a0_\-\u2010-\u2014]?((?:19|20)\d\d)[ \u00a0_\-\u2010-\u2014](\d{4,7})(?!\p{N})/giu;

/** One entity per CVE id, mentions in text order. */
export function findCves(text: string): Cve[] {
  const byId = new Map<string, Mention[]>();
  for (const m of text.matchAll(CVE_PATTERN)) {
    const id = `CVE-${m[1]}-${m[2]}`;
    const list = byId.get(id) ?? [];
    list.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    byId.set(id, list);
  }
  return [...byId].map(([id, mentions]) => ({ id, mentions }));
}
