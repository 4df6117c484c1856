/**
 * Tools: legitimate or dual-use software attackers use (ATT&CK's "tool": PsExec, Mimikatz, Cobalt
 * Strike, Rclone, AnyDesk...), kept apart from malware as STIX does. Names only: generic words
 * ("a loader", "a PowerShell script", "net") are no tools; names that are also common words
 * (Empire, Sliver, Responder, Tor) count only capitalized with a threat word nearby.
 */
import type { Mention, Tool } from '../../../src/record/schema.js';
import type { Tokens } from '../matcher.js';
import { attackData } from './data.js';

export function findTools(tokens: Tokens): Tool[] {
  const data = attackData();
  const byTool = new Map<number, Mention[]>();
  const text = tokens.text;
  for (const m of data.toolMatcher.match(tokens)) {
    const i = m.payloads[0]!;
    // A common-word name inside a longer capitalized name is that name ("Empire State Building").
    if (data.tools[i]!.guarded && (/^[ -]\p{Lu}/u.test(text.slice(m.end, m.end + 2)) || /\p{Lu}[\p{L}.]*[ -]$/u.test(text.slice(Math.max(0, m.start - 20), m.start)))) continue;
    const list = byTool.get(i) ?? [];
    list.push({ text: m.text, start: m.start, end: m.end });
    byTool.set(i, list);
  }
  return [...byTool]
    .map(([i, mentions]) => {
      const t = data.tools[i]!;
      // The article's own spellings other than the name are its aliases.
      const aliases = [...new Set(mentions.map((m) => m.text))].filter((s) => s.toLowerCase() !== t.name.toLowerCase());
      return { name: t.name, aliases, attackId: t.attackId, mentions };
    })
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}

let keys: ReadonlySet<string> | undefined;
/** Lower-case keys of every tool name and alias: a malware entity with one of them is a tool. Built once. */
export function toolKeys(): ReadonlySet<string> {
  if (keys) return keys;
  const built = new Set<string>();
  for (const t of attackData().tools) for (const n of [t.name, ...t.aliases]) built.add(n.toLowerCase());
  keys = built;
  return keys;
}
