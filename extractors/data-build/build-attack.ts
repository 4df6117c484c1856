/**
 * Builds extractors/data/attack.json from MITRE ATT&CK as the MISP galaxy carries it
 * (mitre-attack-pattern, mitre-tool, mitre-malware, mitre-intrusion-set), MISP's tool list, and
 * the project's own phrase and tool lists in ./sources:
 * - techniques: enterprise techniques and sub-techniques (id, name, tactics), deprecated and
 *   revoked entries skipped; `revoked` maps a revoked id to the id ATT&CK replaced it by;
 * - phrases: how articles name a technique (official names unless generic, plus our phrasings);
 * - tools: dual-use software (ATT&CK tools, MISP tools described as such, our list) with S-ids;
 * - groups: ATT&CK group ids by every name ATT&CK gives the group.
 * Run by `npm run build:gazetteers` (after the other gazetteers); reads the shared folder at
 * build time only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTACK_TACTICS } from '../../src/record/schema.js';
import { packageRoot } from '../../src/package.js';
import { nameKey } from './lists.js';
import { sharedPath } from './shared-dir.js';

interface Value {
  value: string;
  uuid?: string;
  description?: string;
  revoked?: boolean;
  related?: Array<{ 'dest-uuid': string; type: string }>;
  meta?: { external_id?: string; kill_chain?: string[]; synonyms?: string[]; type?: string[] };
}
interface PhraseSource {
  phrases: Record<string, string[]>;
  generic: string[];
}
interface ToolSource {
  extra: Array<{ name: string; aliases: string[] }>;
  notTools: string[];
  drop: string[];
  guarded: string[];
}
export interface ToolData {
  name: string;
  aliases: string[];
  attackId: string | null;
  guarded?: boolean;
}

const ROOT = packageRoot();
const SOURCES = join(ROOT, 'extractors', 'data-build', 'sources');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const galaxy = (file: string): Value[] => read<{ values: Value[] }>(sharedPath('data', 'misp-galaxy', `${file}.json`)).values;
/** "Mimikatz - S0002" -> ["Mimikatz", "S0002"] */
const split = (value: string): [string, string | null] => {
  const m = / - ([GST]\d{4}(?:\.\d{3})?)$/.exec(value);
  return m ? [value.slice(0, m.index), m[1]!] : [value, null];
};
const TACTICS = new Set<string>(ATTACK_TACTICS);

/** A MISP tool whose description makes it dual-use software, not malware. */
const DUAL_USE = /\b(?:open[- ]source|legitimate|penetration[- ]test\w*|pentest\w*|red[- ]team\w*|administration tool|admin tool|hack ?tool|post-exploitation|exploitation framework|proxy tool|tunnel\w*|scanner|password (?:dump|recovery)\w*|credential dump\w*)\b/i;
const MALWARE_WORDS = /\b(?:malware|backdoor|trojan|ransomware|RAT|implant|stealer|botnet|worm|rootkit|spyware|downloader|dropper|banking|infostealer|keylogger|loader|web ?shell|skimmer|infect\w*|exploit kit)\b/i;

function techniques() {
  const out: Array<{ id: string; name: string; tactics: string[] }> = [];
  for (const v of galaxy('mitre-attack-pattern')) {
    const id = v.meta?.external_id;
    if (!id || !/^T\d{4}(\.\d{3})?$/.test(id) || v.revoked || /^This object is deprecated/i.test(v.description ?? '')) continue;
    const chain = (v.meta?.kill_chain ?? []).filter((k) => k.startsWith('attack-'));
    if (!chain.length) continue; // mobile, ICS and PRE-ATT&CK entries are not enterprise techniques
    const tactics = [...new Set(chain.map((k) => k.split(':')[1]!))].filter((t) => TACTICS.has(t)).sort();
    out.push({ id, name: split(v.value)[0], tactics });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Revoked technique ids with the live id ATT&CK replaced them by (older reports cite the old ids). */
function revoked(live: Set<string>): Array<[string, string]> {
  const all = galaxy('mitre-attack-pattern');
  const idOf = new Map(all.map((v) => [v.uuid, v.meta?.external_id]));
  const out: Array<[string, string]> = [];
  for (const v of all) {
    const by = v.revoked ? v.related?.find((r) => r.type === 'revoked-by') : undefined;
    const to = by && idOf.get(by['dest-uuid']);
    if (v.meta?.external_id && to && live.has(to)) out.push([v.meta.external_id, to]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

function phrases(techs: Array<{ id: string; name: string }>, source: PhraseSource): Array<[string, string]> {
  const known = new Set(techs.map((t) => t.id));
  const generic = new Set(source.generic.map((g) => g.toLowerCase()));
  const out = new Map<string, string>();
  for (const [id, list] of Object.entries(source.phrases)) {
    if (id.startsWith('_')) continue;
    if (!known.has(id)) throw new Error(`attack-phrases.json: ${id} is no live enterprise technique`);
    for (const p of list) out.set(p.toLowerCase(), id);
  }
  // Official names of two words or more read as the technique; one-word and generic ones do not.
  for (const t of techs) {
    const name = t.name.toLowerCase();
    if (name.split(/\s+/).length < 2 || generic.has(name) || out.has(name)) continue;
    out.set(name, t.id);
  }
  return [...out].sort((a, b) => a[0].localeCompare(b[0]));
}

function tools(source: ToolSource): ToolData[] {
  const notTools = new Set(source.notTools.map(nameKey));
  const drop = new Set(source.drop.map(nameKey));
  const guarded = new Set(source.guarded.map(nameKey));
  const byKey = new Map<string, ToolData>();
  const add = (name: string, aliases: string[], attackId: string | null) => {
    const names = [name, ...aliases].filter((n) => !drop.has(nameKey(n)) && n.length >= 3);
    if (!names.length || names.some((n) => notTools.has(nameKey(n)))) return;
    const existing = names.map((n) => byKey.get(nameKey(n))).find(Boolean);
    const entry = existing ?? { name: names[0]!, aliases: [], attackId };
    entry.attackId ??= attackId;
    for (const n of names) {
      if (nameKey(n) !== nameKey(entry.name) && !entry.aliases.some((a) => nameKey(a) === nameKey(n))) entry.aliases.push(n);
      byKey.set(nameKey(n), entry);
    }
    if (names.some((n) => guarded.has(nameKey(n)))) entry.guarded = true;
  };
  const attackSoftware = new Map<string, string>();
  const knownMalware = new Set<string>();
  for (const v of [...galaxy('mitre-tool'), ...galaxy('mitre-malware')]) {
    const [name, id] = split(v.value);
    for (const n of [name, ...(v.meta?.synonyms ?? [])]) if (id) attackSoftware.set(nameKey(n), id);
  }
  for (const v of galaxy('mitre-malware')) for (const n of [split(v.value)[0], ...(v.meta?.synonyms ?? [])]) knownMalware.add(nameKey(n));
  const malwareFile = read<{ malware: Array<{ name: string; aliases: string[] }> }>(join(ROOT, 'extractors', 'data', 'malware.json'));
  for (const m of malwareFile.malware) for (const n of [m.name, ...m.aliases]) knownMalware.add(nameKey(n));
  for (const v of galaxy('mitre-tool')) {
    const [name, id] = split(v.value);
    add(name, (v.meta?.synonyms ?? []).filter((s) => s !== name), id);
  }
  for (const e of source.extra) add(e.name, e.aliases, attackSoftware.get(nameKey(e.name)) ?? null);
  for (const v of galaxy('tool')) {
    const text = `${v.value} ${v.description ?? ''} ${(v.meta?.type ?? []).join(' ')}`;
    // MISP's tool list is mostly malware: take an entry only when its description says dual-use
    // and neither ATT&CK nor our malware gazetteer knows the name as malware.
    if (!DUAL_USE.test(text) || MALWARE_WORDS.test(text) || [v.value, ...(v.meta?.synonyms ?? [])].some((n) => knownMalware.has(nameKey(n)))) continue;
    add(v.value, v.meta?.synonyms ?? [], attackSoftware.get(nameKey(v.value)) ?? null);
  }
  return [...new Set(byKey.values())].sort((a, b) => a.name.localeCompare(b.name));
}

function groups(): Array<[string, string]> {
  const byKey = new Map<string, string | null>();
  for (const v of galaxy('mitre-intrusion-set')) {
    const [name, id] = split(v.value);
    if (!id) continue;
    for (const n of new Set([name, ...(v.meta?.synonyms ?? [])])) {
      const k = nameKey(n);
      // A name two ATT&CK groups share identifies neither.
      byKey.set(k, byKey.has(k) && byKey.get(k) !== id ? null : id);
    }
  }
  return [...byKey].filter((e): e is [string, string] => e[1] !== null).sort((a, b) => a[0].localeCompare(b[0]));
}

export function buildAttack(): string {
  const techs = techniques();
  const data = {
    techniques: techs,
    revoked: revoked(new Set(techs.map((t) => t.id))),
    phrases: phrases(techs, read<PhraseSource>(join(SOURCES, 'attack-phrases.json'))),
    tools: tools(read<ToolSource>(join(SOURCES, 'attack-tools.json'))),
    groupIds: groups(),
  };
  const body = Object.entries(data)
    .map(([k, list]) => `  ${JSON.stringify(k)}: [\n${(list as unknown[]).map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`)
    .join(',\n');
  writeFileSync(join(ROOT, 'extractors', 'data', 'attack.json'), `{\n${body}\n}\n`);
  return `attack.json: ${techs.length} techniques, ${data.phrases.length} phrases, ${data.tools.length} tools, ${data.groupIds.length} group names with ATT&CK ids`;
}
