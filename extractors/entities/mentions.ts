/** Shared helpers of the named-entity types: mentions in text order and the name an article uses most. */
import type { Mention } from '../../src/record/schema.js';
import type { NamedSpan } from './gazetteer.js';

/** Mentions sorted by offset, each place once. */
export function toMentions(spans: NamedSpan[]): Mention[] {
  const seen = new Set<string>();
  return [...spans]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((s) => {
      const k = `${s.start}:${s.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((s) => ({ text: s.text, start: s.start, end: s.end }));
}

/**
 * Surface forms by how often the article uses them, most used first; ties go to the form the
 * gazetteer prefers (`preferred`), then to the one the article uses first.
 */
export function rankSurfaces(spans: NamedSpan[], preferred?: string): string[] {
  const counts = new Map<string, { n: number; first: number }>();
  for (const s of spans) {
    const c = counts.get(s.text);
    if (c) c.n++;
    else counts.set(s.text, { n: 1, first: s.start });
  }
  return [...counts.entries()]
    .sort(
      (a, b) =>
        b[1].n - a[1].n ||
        Number(b[0] === preferred) - Number(a[0] === preferred) ||
        a[1].first - b[1].first,
    )
    .map(([text]) => text);
}

/** Group spans by a key, keeping the order in which keys first appear. */
export function groupBy<K>(spans: NamedSpan[], key: (s: NamedSpan) => K): Map<K, NamedSpan[]> {
  const out = new Map<K, NamedSpan[]>();
  for (const s of spans) {
    const k = key(s);
    const list = out.get(k);
    if (list) list.push(s);
    else out.set(k, [s]);
  }
  return out;
}

/**
 * One entity per thing for a simple named kind (companies, malware): spans with a gazetteer id
 * group by it, the others by `ruleKey` of their text; the name is the form the article uses most.
 * `source` says how it was found: a gazetteer name, or a cue in the text (a pattern).
 */
export function buildSimpleEntities(
  spans: NamedSpan[],
  kind: NamedSpan['kind'],
  gazetteerName: (id: number) => string,
  ruleKey: (text: string) => string,
): Array<{ name: string; aliases: string[]; source: 'gazetteer' | 'cue'; id: number | null; mentions: Mention[] }> {
  const groups = groupBy(
    spans.filter((s) => s.kind === kind),
    (s) => (s.id !== null ? `g${s.id}` : `r${ruleKey(s.text)}`),
  );
  return [...groups.values()].map((list) => {
    const id = list[0]!.id;
    const [name, ...others] = rankSurfaces(list, id !== null ? gazetteerName(id) : undefined);
    return { name: name!, aliases: others, source: id !== null ? 'gazetteer' : 'cue', id, mentions: toMentions(list) };
  });
}
