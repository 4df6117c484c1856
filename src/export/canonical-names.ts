/**
 * One name per real-world actor or family across articles: an article says "Midnight Blizzard",
 * another "APT29"; the gazetteer entry both belong to gives the name their STIX ids are made of.
 * Names no gazetteer knows (found by a cue in the text) stay as the article wrote them.
 */
import { z } from 'zod';
import { readDataFile } from '../package.js';

const EntrySchema = z.object({ name: z.string().min(1), aliases: z.array(z.string()).default([]) });
const GroupsFileSchema = z.object({ groups: z.array(EntrySchema) });
const MalwareFileSchema = z.object({ malware: z.array(EntrySchema) });

export type NameKind = 'group' | 'malware';

function index(entries: Array<z.infer<typeof EntrySchema>>): Map<string, string> {
  const byName = new Map<string, string>();
  const ambiguous = new Set<string>();
  // An entry's own name always wins; an alias counts only when exactly one entry claims it.
  for (const e of entries) byName.set(e.name.trim().toLowerCase(), e.name);
  const aliasOwner = new Map<string, string>();
  for (const e of entries) {
    for (const alias of e.aliases) {
      const key = alias.trim().toLowerCase();
      if (byName.has(key)) continue;
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== e.name) ambiguous.add(key);
      else aliasOwner.set(key, e.name);
    }
  }
  for (const [key, name] of aliasOwner) if (!ambiguous.has(key)) byName.set(key, name);
  return byName;
}

const cache = new Map<NameKind, Map<string, string>>();

function table(kind: NameKind): Map<string, string> {
  let t = cache.get(kind);
  if (!t) {
    t = kind === 'group'
      ? index(GroupsFileSchema.parse(readDataFile('apt-groups.json')).groups)
      : index(MalwareFileSchema.parse(readDataFile('malware.json')).malware);
    cache.set(kind, t);
  }
  return t;
}

/** The gazetteer's name for the first of `names` it knows, else the first name. */
export function canonicalName(kind: NameKind, names: readonly string[]): string {
  const t = table(kind);
  for (const n of names) {
    const hit = t.get(n.trim().toLowerCase());
    if (hit) return hit;
  }
  return names[0]!;
}
