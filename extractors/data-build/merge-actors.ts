/**
 * Merges threat-actor clusters from several MISP galaxies into one entry per actor: clusters that
 * share a name are one actor (APT29 / UNC2452 / Midnight Blizzard), the most common country wins.
 */
import { nameKey, spellingKey } from './lists.js';

export interface ActorCluster {
  source: string;
  value: string;
  names: string[];
  country: string | null;
}

export interface ActorEntry {
  name: string;
  aliases: string[];
  country: string | null;
  /** Aliases that are ordinary words: matched only with threat context nearby. */
  guarded?: string[];
  /** Aliases that also name a malware family: the words around them decide. */
  alsoMalware?: string[];
}

export interface MergeOptions {
  drop: Set<string>;
  otherOwners: Map<string, string>;
  commonWords: Set<string>;
  malwareKeys: Set<string>;
}

/**
 * A name that more clusters of ONE file than this carry links unrelated actors ("Winnti" umbrella
 * names): it is not used to merge. The same actor in several files is the normal case and merges.
 */
export const MAX_CLUSTERS_PER_NAME_IN_ONE_FILE = 2;
/** Names shorter than this (after normalization) are too ambiguous to match. */
export const MIN_NAME_KEY_LENGTH = 3;

/** MITRE values carry the ATT&CK id ("APT29 - G0016"): the name is the part before it. */
export function headline(value: string): string {
  return value.replace(/\s+-\s+G\d{4}$/, '').trim();
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/** Vendors' numbered actor names: Mandiant's APT and FIN, UNC, Proofpoint's TA, Google's TAG, Microsoft's DEV. */
const NUMBERED_NAME = /^(APT|FIN|UNC|TA|TAG|DEV)[ -]?(\d+)$/;

/** "APT41", "APT 41" and "APT-41" for any one of them; nothing for another name. */
export function numberedSpellings(name: string): string[] {
  const m = NUMBERED_NAME.exec(name);
  return m ? [`${m[1]}${m[2]}`, `${m[1]} ${m[2]}`, `${m[1]}-${m[2]}`] : [];
}

export function mergeActors(clusters: ActorCluster[], options: MergeOptions) {
  const log: string[] = [];
  let droppedNames = 0;
  const keep = (name: string): boolean => {
    const k = nameKey(name);
    // ATT&CK ids ("G0016") are catalogue numbers, not names articles use.
    // "[Unnamed group]" and the like are placeholders, not names.
    const placeholder = name.trim().startsWith('[');
    if (placeholder || k.length < MIN_NAME_KEY_LENGTH || /^g\d{4}$/.test(k) || options.drop.has(k) || options.otherOwners.has(k)) {
      droppedNames++;
      return false;
    }
    return true;
  };
  const cleaned = clusters.map((c) => ({
    ...c,
    value: headline(c.value),
    names: c.names.map(headline).filter(keep),
  }));

  const holders = new Map<string, number[]>();
  cleaned.forEach((c, i) => {
    for (const k of new Set(c.names.map(nameKey))) holders.set(k, [...(holders.get(k) ?? []), i]);
  });

  // Two clusters are one actor when they share a name that one of them uses as its headline value,
  // or when they share two names or more. One shared synonym alone is too weak: "Grizzly Steppe"
  // (a report name) is a synonym of both APT28 and APT29.
  const valueKeys = cleaned.map((c) => nameKey(headline(c.value)));
  const sharedCount = new Map<string, number>();
  const strongPairs = new Set<string>();
  let ambiguousNames = 0;
  const ambiguous = new Set<string>();
  for (const [k, idx] of holders) {
    const perFile = new Map<string, number>();
    for (const i of idx) perFile.set(cleaned[i]!.source, (perFile.get(cleaned[i]!.source) ?? 0) + 1);
    if (Math.max(...perFile.values()) > MAX_CLUSTERS_PER_NAME_IN_ONE_FILE) {
      ambiguous.add(k);
      ambiguousNames++;
      log.push(`ambiguous: "${k}" is named by ${idx.length} clusters (${idx.map((i) => cleaned[i]!.value).join(', ')}); not merged on it`);
      continue;
    }
    for (let a = 0; a < idx.length; a++) {
      for (let b = a + 1; b < idx.length; b++) {
        const [i, j] = [idx[a]!, idx[b]!];
        const pair = `${i}:${j}`;
        sharedCount.set(pair, (sharedCount.get(pair) ?? 0) + 1);
        if (valueKeys[i] === k || valueKeys[j] === k) strongPairs.add(pair);
      }
    }
  }
  const parent = cleaned.map((_, i) => i);
  for (const [pair, count] of sharedCount) {
    if (count < 2 && !strongPairs.has(pair)) continue;
    const [i, j] = pair.split(':').map(Number) as [number, number];
    parent[find(parent, j)] = find(parent, i);
  }

  const components = new Map<number, number[]>();
  cleaned.forEach((_, i) => {
    const r = find(parent, i);
    components.set(r, [...(components.get(r) ?? []), i]);
  });

  const groups: ActorEntry[] = [];
  let mergeCount = 0;
  let countryConflicts = 0;
  const claimed = new Set<string>();
  // Largest components first, so an ambiguous name goes to the best-known actor that uses it.
  const ordered = [...components.values()].sort((a, b) => b.length - a.length);
  for (const members of ordered) {
    const cs = members.map((i) => cleaned[i]!);
    if (cs.length > 1) {
      mergeCount += cs.length - 1;
      log.push(`merged: ${cs.map((c) => `${c.source}:${c.value}`).join(' + ')}`);
    }
    const votes = new Map<string, number>();
    for (const c of cs) if (c.country) votes.set(c.country, (votes.get(c.country) ?? 0) + 1);
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1) {
      countryConflicts++;
      log.push(`conflict: ${cs[0]!.value} country ${ranked.map(([c, n]) => `${c}x${n}`).join(' vs ')}; kept ${ranked[0]![0]}`);
    }
    // The name most files use as their headline value; the threat-actor file breaks ties (listed first).
    const valueVotes = new Map<string, number>();
    for (const c of cs) if (keep(c.value)) valueVotes.set(c.value, (valueVotes.get(c.value) ?? 0) + 1);
    const names: string[] = [];
    const seen = new Set<string>();
    const ownKeys = new Set<string>();
    const head = [...valueVotes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    // ATT&CK's own casing of a name is kept beside another file's ("Rancor" beside "RANCOR",
    // "menuPass" beside "MenuPass"): the matcher reads case, and reports write ATT&CK's.
    const attackCased = new Set(cs.filter((c) => c.source === 'mitre').flatMap((c) => c.names));
    const cased = new Set<string>();
    for (const n of [...(head ? [head] : []), ...cs.flatMap((c) => c.names)]) {
      const k = nameKey(n);
      const spelling = spellingKey(n);
      const ownCase = seen.has(spelling) && attackCased.has(n) && !cased.has(n);
      if ((seen.has(spelling) && !ownCase) || (ambiguous.has(k) && claimed.has(k) && !ownKeys.has(k))) continue;
      cased.add(n);
      seen.add(spelling);
      ownKeys.add(k);
      claimed.add(k);
      names.push(n);
    }
    // A numbered scheme name is written three ways ("APT41", "APT 41", "APT-41") and the matcher
    // reads tokens: each spelling is listed (records show one per spelling key, see apt-groups.ts).
    for (const n of [...names]) for (const v of numberedSpellings(n)) if (!names.includes(v)) names.push(v);
    const [name, ...aliases] = names;
    if (!name) continue;
    const entry: ActorEntry = { name, aliases, country: ranked[0]?.[0] ?? null };
    const guarded = names.filter((n) => options.commonWords.has(nameKey(n)));
    const alsoMalware = names.filter((n) => options.malwareKeys.has(nameKey(n)));
    if (guarded.length) entry.guarded = guarded;
    if (alsoMalware.length) entry.alsoMalware = alsoMalware;
    groups.push(entry);
  }
  groups.sort((a, b) => a.name.localeCompare(b.name));
  return { groups, log, mergeCount, countryConflicts, ambiguousNames, droppedNames };
}
