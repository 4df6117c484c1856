/**
 * Malware families from the MISP galaxy's ATT&CK software (mitre-malware.json) and ransomware
 * (ransomware.json) clusters, merged into the project's own malware list. The lists are large and
 * name many families with ordinary words ("Rover", "Prestige"), so a plain-shaped name is guarded:
 * it counts only capitalized and with a threat word nearby. Coined shapes ("LockBit", "PlugX",
 * "AZZY") match on their own.
 */
import nlp from 'compromise';
import { nameKey, spellingKey } from './lists.js';

export interface SoftwareValue {
  value: string;
  meta?: { synonyms?: string[]; external_id?: string };
}

export interface MalwareEntry {
  name: string;
  aliases: string[];
  /** ATT&CK software id (S0154). */
  attackId?: string;
  /** Listed as ransomware: its name doubles as the group that runs it ("LockBit claimed ..."). */
  ransomware?: boolean;
}

/** Shortest name kept from the galaxy lists: two letters name too many other things. */
const MIN_NAME_LETTERS = 3;
/** Longest name kept: longer values are descriptions ("Hacking Team UEFI Rootkit" is the limit). */
const MAX_NAME_WORDS = 4;

/** "Nhtnwcuf Ransomware (Fake)" -> "Nhtnwcuf"; "Hacking Team UEFI Rootkit - S0047" -> "Hacking Team UEFI Rootkit". */
function cleanName(raw: string): string | null {
  const name = raw
    .replace(/\s+-\s+S\d{4}$/, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+(?:ransomware|ransom)$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters.length < MIN_NAME_LETTERS || name.split(' ').length > MAX_NAME_WORDS) return null;
  // Detection names ("Trojan.Sofacy", "Backdoor.Win32.X") are vendors' labels of another family.
  if (/^(?:trojan|backdoor|ransom|worm|virus|win32|w32|hacktool|exploit)[.:/]/i.test(name)) return null;
  // Names of variants and notes ("Ransomware", "Fake", "[Help]") are no family names.
  if (/ransomware|^fake$|[[\]{}<>@#$%^*=\\/]|^\d/i.test(name)) return null;
  return name;
}

let lexicon: Record<string, unknown> | undefined;
/**
 * A name every word of which compromise's lexicon knows ("One", "Global", "Russian", "Defender"):
 * an ordinary word, a first name or a place. Such galaxy names would match everywhere in threat
 * reports, threat words and all, so they are left out.
 */
export function ordinaryWords(name: string): boolean {
  lexicon ??= (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
  return name.split(/\s+/).every((w) => Object.hasOwn(lexicon!, w.toLowerCase()));
}

/** A name of ordinary capitalized words ("Rover", "Bad Rabbit"): needs threat context. */
export function plainShaped(name: string): boolean {
  return name.split(/\s+/).every((w) => /^\p{Lu}\p{Ll}+$/u.test(w));
}

/**
 * @param listed name keys of the project's own list: a name it already has is a family name even
 *   when its words are ordinary ("Line Dancer", "Conti"), so ATT&CK's id for it is kept.
 */
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function entriesOf(values: SoftwareValue[], ransomware: boolean, notFamilies: Set<string>, listed: Set<string>): MalwareEntry[] {
  const out: MalwareEntry[] = [];
  for (const v of values) {
    const names = [v.value, ...(v.meta?.synonyms ?? [])]
      .map(cleanName)
      .filter(
        (n): n is string =>
          n !== null &&
          /^[\p{Lu}\p{N}]/u.test(n) &&
          (listed.has(nameKey(n)) || !ordinaryWords(n)) &&
          !notFamilies.has(nameKey(n)) &&
          // The ransomware list is noisy (one sample, one name): only its coined names are kept.
          !(ransomware && plainShaped(n)),
      );
    if (!names.length) continue;
    const seen = new Set<string>();
    const unique = names.filter((n) => !seen.has(spellingKey(n)) && seen.add(spellingKey(n)));
    const id = v.meta?.external_id;
    out.push({
      name: unique[0]!,
      aliases: unique.slice(1),
      ...(id && /^S\d{4}$/.test(id) ? { attackId: id } : {}),
      ...(ransomware ? { ransomware } : {}),
    });
  }
  return out;
}

/**
 * The project's list with the galaxy families merged in: a galaxy family that shares a name with a
 * listed one adds its names, ATT&CK id and ransomware flag to it; the others are appended. Names
 * owned by another gazetteer (a company, an agency, a country or its people, an actor) are left out;
 * a name the own list shares with an actor stays as it is.
 */
export function mergeSoftware(
  own: { guarded: string[]; malware: Array<{ name: string; aliases: string[] }> },
  mitre: SoftwareValue[],
  ransomware: SoftwareValue[],
  otherOwners: Set<string>,
  notFamilies: string[],
): { guarded: string[]; malware: MalwareEntry[]; added: number } {
  const stop = new Set(notFamilies.map(nameKey));
  const list: MalwareEntry[] = own.malware.map((m) => ({ ...m }));
  const byKey = new Map<string, MalwareEntry>();
  for (const m of list) for (const n of [m.name, ...m.aliases]) byKey.set(nameKey(n), m);
  const guarded = new Set(own.guarded);
  let added = 0;
  const listed = new Set(byKey.keys());
  // Every ATT&CK id that lands on an entry. An entry several ATT&CK families fold into keeps the
  // id of the one that bears its own name, else none: it is broader than any of them.
  const ids = new Map<MalwareEntry, Array<{ id: string; same: boolean }>>();
  for (const e of [...entriesOf(mitre, false, stop, listed), ...entriesOf(ransomware, true, stop, listed)]) {
    const names = [e.name, ...e.aliases].filter((n) => !otherOwners.has(nameKey(n)));
    if (!names.length) continue;
    const target = names.map((n) => byKey.get(nameKey(n))).find(Boolean);
    const entry = target ?? { name: names[0]!, aliases: [] };
    if (!target) {
      list.push(entry);
      added++;
    }
    for (const n of names) {
      if (byKey.has(nameKey(n))) continue;
      if (n !== entry.name) entry.aliases.push(n);
      byKey.set(nameKey(n), entry);
      if (plainShaped(n)) guarded.add(n);
    }
    // "LockBit 3.0" is one version of the family "LockBit": its id does not name the family.
    const version = new RegExp(`^${escapeRegExp(entry.name)}\\s+v?\\d+(?:\\.\\d+)*$`, 'i').test(e.name);
    if (e.attackId && !version) {
      // An ATT&CK family that also goes by the entry's own name is the entry itself.
      const same = [e.name, ...e.aliases].some((n) => nameKey(n) === nameKey(entry.name));
      ids.set(entry, [...(ids.get(entry) ?? []), { id: e.attackId, same }]);
      entry.attackId ??= e.attackId;
    }
    if (e.ransomware) entry.ransomware = true;
  }
  for (const [entry, found] of ids) {
    const distinct = new Set(found.map((f) => f.id));
    if (distinct.size === 1) continue;
    const own = new Set(found.filter((f) => f.same).map((f) => f.id));
    if (own.size === 1) entry.attackId = [...own][0]!;
    else delete entry.attackId;
  }
  return { guarded: [...guarded], malware: list, added };
}
