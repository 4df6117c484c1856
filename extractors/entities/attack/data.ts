/**
 * The ATT&CK gazetteer (extractors/data/attack.json, built by extractors/data-build/build-attack.ts):
 * techniques, the phrases that name them, dual-use tools and group ids, loaded once on first use
 * with the matchers built over them.
 */
import type { AttackTactic } from '../../../src/record/schema.js';
import { readDataFile } from '../load-data.js';
import { createMatcher, defaultRule, type Matcher } from '../matcher.js';
import { nameKey } from '../../data-build/lists.js';

export interface TechniqueData {
  id: string;
  name: string;
  tactics: AttackTactic[];
}
export interface ToolData {
  name: string;
  aliases: string[];
  attackId: string | null;
  guarded?: boolean;
}
interface AttackFile {
  techniques: TechniqueData[];
  revoked: Array<[string, string]>;
  phrases: Array<[string, string]>;
  tools: ToolData[];
  groupIds: Array<[string, string]>;
}

export interface AttackData {
  techniques: Map<string, TechniqueData>;
  /** Revoked id -> the live id ATT&CK replaced it by. */
  revoked: Map<string, string>;
  phraseMatcher: Matcher<string>;
  tools: ToolData[];
  toolMatcher: Matcher<number>;
  /** nameKey(group name) -> G-id, for names only one ATT&CK group carries. */
  groupIds: Map<string, string>;
}

let cached: AttackData | undefined;

/** "CobaltStrike" for "Cobalt Strike": a capitalized multi-word name written as one word is a coined spelling of it. */
export function joinedSpelling(name: string): string | null {
  const words = name.split(' ');
  if (words.length < 2 || words.length > 3 || !words.every((w) => /^\p{Lu}[\p{L}\p{N}]*$/u.test(w))) return null;
  const joined = words.join('');
  return joined.length >= 6 ? joined : null;
}
const isJoined = (name: string) => !name.includes(' ') && /\p{Ll}\p{Lu}/u.test(name);

/** The names with their joined spellings added (when the list lacks them). */
export function withJoinedSpellings(names: string[]): string[] {
  const have = new Set(names.map((n) => n.toLowerCase()));
  const extra = names.map(joinedSpelling).filter((j): j is string => j !== null && !have.has(j.toLowerCase()));
  return [...names, ...new Set(extra)];
}

export function attackData(): AttackData {
  if (cached) return cached;
  const file = readDataFile('attack.json') as AttackFile;
  // Phrases are lower case: the 'capitalized' rule then accepts any case ("Pass-the-Hash", "pass the hash").
  const phraseMatcher = createMatcher(file.phrases.map(([phrase, id]) => ({ name: phrase, payload: id, rule: 'capitalized' as const })));
  const toolMatcher = createMatcher(
    file.tools.flatMap((t, i) =>
      withJoinedSpellings([t.name, ...t.aliases]).map((name) => ({ name, payload: i, rule: t.guarded && !isJoined(name) ? ('threat' as const) : defaultRule(name) })),
    ),
  );
  cached = {
    techniques: new Map(file.techniques.map((t) => [t.id, t])),
    revoked: new Map(file.revoked),
    phraseMatcher,
    tools: file.tools,
    toolMatcher,
    groupIds: new Map(file.groupIds),
  };
  return cached;
}

/** The ATT&CK group id of a group known by any of `names`, when ATT&CK knows it. */
export function attackGroupId(names: readonly string[]): string | undefined {
  const { groupIds } = attackData();
  for (const n of names) {
    const id = groupIds.get(nameKey(n));
    if (id) return id;
  }
  return undefined;
}
