/**
 * What the project may know about a gold name, for eval:entity-ceiling: the public lists of each
 * type (the MISP galaxy clusters of ../shared/data/SOURCES.md and the project's own gazetteers built
 * from them and from general knowledge), the cue phrases that introduce a new name in a text, and
 * the class of a gold thing today's record misses.
 */
import { readFileSync } from 'node:fs';
import { nameKey } from '../../extractors/data-build/lists.js';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { ordinaryWords } from '../../extractors/data-build/software.js';
import { attackData } from '../../extractors/entities/attack/data.js';
import { gazetteers } from '../../extractors/entities/gazetteer.js';
import { readDataFile } from '../../extractors/entities/load-data.js';
import type { GoldSpan } from './score.js';

/** The types a bar is read from, as the public lists know them. */
export type ListType = 'apt' | 'malware' | 'org' | 'country' | 'sector';

/** Why a gold thing is missed, or how a perfect finder restricted to public knowledge would find it. */
export const MISS_CLASSES = ['public list', 'cue in the text', 'other entity type', 'generic phrase', 'inside a link', 'not a CISA sector', 'no list, no cue'] as const;
export type MissClass = (typeof MISS_CLASSES)[number];
/** The classes a finder that knows only the public lists and the text's cues can still reach. */
export const REACHABLE: ReadonlySet<MissClass> = new Set(['public list', 'cue in the text']);

const galaxy = (file: string) =>
  (JSON.parse(readFileSync(sharedPath('data', 'misp-galaxy', `${file}.json`), 'utf8')) as { values: Array<{ value: string; meta?: { synonyms?: string[] } }> }).values.flatMap((v) => [
    v.value,
    ...(v.meta?.synonyms ?? []),
  ]);
/** "Hacking Team UEFI Rootkit - S0047", "Nhtnwcuf Ransomware (Fake)": the name without ATT&CK id, note or kind. */
const galaxyName = (n: string) => n.replace(/\s+-\s+S\d{4}$/, '').replace(/\([^)]*\)/g, ' ').replace(/\s+(?:ransomware|ransom)\s*$/i, '').trim();
const keys = (names: string[]) => new Set(names.map((n) => nameKey(galaxyName(n))).filter((k) => k.length > 1));

export interface PublicLists {
  names: Record<Exclude<ListType, 'sector'>, Set<string>>;
  /** Sector words of the project's CISA table, lower case ("water utilities", "banking"). */
  sectorTerms: string[];
  /** Words the table reads as modifiers of something else after a term ("banking trojan"). */
  notBefore: Set<string>;
  /** MISP's sector names, lower case: sectors in a wider sense than CISA's 16. */
  mispSectors: string[];
}

let lists: PublicLists | undefined;
export function publicLists(): PublicLists {
  if (lists) return lists;
  const g = gazetteers();
  const ransomware = g.malware.filter((m) => m.ransomware).flatMap((m) => [m.name, ...m.aliases]);
  const sectors = readDataFile('sectors.json') as { notBefore: string[]; sectors: Array<{ terms: string[]; contextTerms: string[]; strictContextTerms: string[] }> };
  lists = {
    names: {
      // Ransomware operations are groups in the record (DESIGN.md), so a ransomware name is a group's too.
      apt: keys([...galaxy('threat-actor'), ...galaxy('mitre-intrusion-set'), ...galaxy('microsoft-activity-group'), ...g.groups.flatMap((x) => [x.name, ...x.aliases]), ...ransomware]),
      malware: keys([
        ...galaxy('mitre-malware'),
        ...galaxy('mitre-tool'),
        ...galaxy('tool'),
        ...galaxy('ransomware'),
        ...g.malware.flatMap((m) => [m.name, ...m.aliases]),
        ...attackData().tools.flatMap((t) => [t.name, ...t.aliases]),
      ]),
      org: keys([...g.agencies.flatMap((a) => [a.name, a.fullName ?? '', ...a.aliases]), ...g.companies.flatMap((c) => [c.name, ...c.aliases])]),
      // Names only: "Chinese" in "Chinese military" makes no country of the span.
      country: keys(g.countries.flatMap((c) => [c.name, ...c.aliases])),
    },
    sectorTerms: sectors.sectors.flatMap((s) => [...s.terms, ...s.contextTerms, ...s.strictContextTerms]).map((t) => t.toLowerCase()),
    notBefore: new Set(sectors.notBefore),
    mispSectors: galaxy('sector').map((s) => s.toLowerCase()).filter((s) => s.length > 2 && !['unknown', 'other', 'country'].includes(s)),
  };
  return lists;
}

/** Runs of one to five words of a gold span that could be a name inside it: "Lurk" in "Lurk banking trojan". */
export function candidateNames(text: string): string[] {
  const words = text.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/['’]s$/, '')).filter(Boolean);
  const out: string[] = [];
  for (let len = Math.min(5, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const run = words.slice(i, i + len).join(' ');
      // A part of the span must look like a name on its own: a capital or a digit, and not only everyday words.
      if (len < words.length && (!/[\p{Lu}\p{N}]/u.test(run) || ordinaryWords(run))) continue;
      out.push(run);
    }
  }
  return out;
}

/**
 * Words of the trade that the gold labels but that name no thing of their own: formats, protocols,
 * platforms and languages ("PowerShell", "RDP", "PDF"), and the nouns they come with.
 */
const TECH = new Set(
  (
    'powershell cmd wmi rdp smb ssh vnc http https dns ftp tls ssl aes rsa rc4 xor base64 utf-8 utf-16 sdk api dll dlls exe pe ' +
    'pdf doc docx rtf chm hta lnk zip rar iso sfx vbs vba vbscript javascript js jscript html xml json macro macros office word excel ' +
    'outlook windows linux android ios macos flash java python .net net autoit delphi perl lua usb irc ddos c2 c&c ioc iocs vpn vps ' +
    'files file document documents script scripts commands command endpoints endpoint server servers network networks ' +
    // Pronouns and function words the gold sometimes labels ("They were also behind ...").
    'they them their it its he she we the a an this these that those based related'
  ).split(' '),
);
/**
 * A candidate made only of words of the trade, function words and small common nouns ("PDF
 * attachments", "Office document", "They"). Capitalized everyday words do not count: "Outlaw" and
 * "Weeping Angel" are names.
 */
export const commonTerm = (name: string) => name.split(/[\s-]+/).every((w) => TECH.has(w.toLowerCase()) || w === w.toLowerCase());

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const Q = `["“'‘*_]?`;
const MALWARE_NOUN = 'malware|ransomware|backdoor|trojan|rat|loader|downloader|dropper|stealer|infostealer|wiper|botnet|implant|spyware|rootkit|keylogger|worm|web ?shell|variant|family|payload|samples?|toolkit|framework|exploit kit|bot|miner|crypter|packer';
const GROUP_NOUN = 'group|gang|team|apt|actor|actors|threat actor|hackers|crew|operators|cybergang|collective|syndicate|unit';
const ORG_NOUN = 'company|firm|vendor|agency|ministry|university|bank|organi[sz]ation|newspaper|outlet|broadcaster|provider|operator|institute|committee|party|government|department|lab|labs';
const NAMING = '(?:dubbed|named|called|codenamed|christened|known as|tracked as|detected as|referred to as|we track as|identified as)';

/** Cue phrases that introduce NAME as a thing of the type, built for one name. */
function cuePatterns(type: ListType, name: string): RegExp[] {
  const n = `${Q}${esc(name)}${Q}`;
  switch (type) {
    case 'malware':
      return [
        new RegExp(`\\b(?:${MALWARE_NOUN})s?\\b[^.;]{0,60}?\\b${NAMING}\\s+${n}(?![\\p{L}\\p{N}])`, 'iu'),
        // "X banking trojan", "the Corkow (Metel) Trojan", "NESTEGG (a backdoor)".
        new RegExp(`(?<![\\p{L}\\p{N}])${n}\\s+(?:\\([^)]{1,30}\\)\\s+)?(?:[\\p{L}-]+\\s+)?(?:${MALWARE_NOUN})s?\\b`, 'iu'),
        new RegExp(`(?<![\\p{L}\\p{N}])${n}\\s+\\(an? (?:[\\p{L}-]+ ){0,3}(?:${MALWARE_NOUN})\\)`, 'iu'),
        new RegExp(`\\b(?:variant|version|sample|fork|strain)s? of (?:the )?${n}(?![\\p{L}\\p{N}])`, 'u'),
        new RegExp(`(?<![\\p{L}\\p{N}])${n},? (?:is |was )?an? (?:[\\p{L}.-]+ ){0,4}(?:${MALWARE_NOUN})\\b`, 'u'),
      ];
    case 'apt':
      return [
        new RegExp(`(?<![\\p{L}\\p{N}])${n}(?:['’]s)?\\s+(?:${GROUP_NOUN})\\b`, 'iu'),
        new RegExp(`\\b(?:${GROUP_NOUN})\\b[^.;]{0,40}?\\b${NAMING}\\s+${n}(?![\\p{L}\\p{N}])`, 'iu'),
        new RegExp(`\\b(?:threat actor|threat group|apt group|hacking group|cybercrime group|group)\\s+${n}(?![\\p{L}\\p{N}])`, 'iu'),
      ];
    case 'org':
      return [
        new RegExp(`(?<![\\p{L}\\p{N}])${n},?\\s+(?:Inc|Ltd|LLC|GmbH|Corp|Corporation|Co|AG|S\\.A|SA|PLC|Limited|Labs?|Research|Security|Technologies|Systems)\\b`, 'u'),
        new RegExp(`\\b(?:researchers?|analysts?|experts?|team|engineers?|specialists?) (?:at|from|of|with) ${n}(?![\\p{L}\\p{N}])`, 'iu'),
        new RegExp(`(?<![\\p{L}\\p{N}])${n}(?:['’]s)? (?:researchers?|analysts?|team|threat intelligence|threat research|research team|CERT|SOC)\\b`, 'u'),
        new RegExp(`\\b(?:${ORG_NOUN})\\s+${n}(?![\\p{L}\\p{N}])`, 'iu'),
        new RegExp(`(?<![\\p{L}\\p{N}])${n},\\s+(?:an?|the)\\s+(?:[\\p{L}-]+\\s+){0,4}(?:${ORG_NOUN})\\b`, 'iu'),
        // A short form the text defines after the full name: "Threat Intelligence (MATI) team".
        new RegExp(`\\p{Lu}[\\p{L}-]+(?: (?:and |of |& )?\\p{Lu}[\\p{L}-]+)+ \\(${esc(name)}\\)`, 'u'),
      ];
    default:
      return [];
  }
}

/** The name's own form says it is an organization: "Michigan State University", "Ministry of Defense". */
const ORG_FORM = /\b(?:Team|Ministry|Ministries|Department|Agency|University|Institute|College|Committee|Council|Commission|Bank|Party|Army|Police|Office|Bureau|Service|Corporation|Company|Inc|Ltd|GmbH|Co\.|Union|Centre|Center|Authority|Foundation|Association|Court|Parliament|Senate)\b/;

/** A state body named by its country: "Chinese military", "Iranian government", "Greek government". */
const STATE_BODY = /^\p{Lu}[\p{L}-]+ (?:government|governmental|military|army|navy|intelligence|authorities|police)\b/iu;

/** A name whose own form says it is an organization. */
export const orgForm = (name: string) => ORG_FORM.test(name) || STATE_BODY.test(name);

/** The text introduces `name` (written as given: the cue words may take any case) by a cue of the type. */
export function cued(type: ListType, name: string, text: string): boolean {
  if (type === 'org' && orgForm(name)) return true;
  return cuePatterns(type, name).some((re) => [...text.matchAll(new RegExp(re.source, `g${re.flags.replace('g', '')}`))].some((m) => m[0].includes(name)));
}

/** The span sits in a link, a host name or an address: "https://lab52.io/blog", "micorsoft[.]store". */
function inLink(g: GoldSpan, text: string): boolean {
  let a = g.start;
  let b = g.end;
  while (a > 0 && !/[\s()<>[\]]/.test(text[a - 1]!)) a--;
  while (b < text.length && !/[\s()<>\]]/.test(text[b]!)) b++;
  const token = text.slice(a, b);
  return /:\/\/|www\.|@|\[\.\]/.test(token) || /^\.\p{L}{2,}/u.test(text.slice(g.end, g.end + 4));
}

/** A sector span whose term is used as a modifier ("banking trojan"): the gold's convention, not a victim sector. */
function modifierUse(g: GoldSpan, text: string, l: PublicLists): boolean {
  const next = /^[\s-]*([\p{L}]+)/u.exec(text.slice(g.end, g.end + 30))?.[1]?.toLowerCase() ?? '';
  return l.notBefore.has(next);
}

const containsTerm = (phrase: string, terms: string[]) => terms.some((t) => new RegExp(`(?<![\\p{L}\\p{N}])${esc(t)}(?![\\p{L}\\p{N}])`, 'u').test(phrase));

/**
 * The class of a gold thing today's record misses. `otherTypeHit` says a record entity of another
 * type overlaps one of its spans; `otherTypes` are the list types that would be another type's.
 */
export function classifyMiss(type: ListType, spans: GoldSpan[], text: string, otherTypeHit: boolean, otherTypes: ListType[]): MissClass {
  const l = publicLists();
  if (spans.every((g) => inLink(g, text))) return 'inside a link';
  if (type === 'sector') {
    const phrases = spans.map((g) => g.text.toLowerCase());
    // "China Telecom Corp. Ltd.", "Ministry of Defense": an organization, whatever trade words it holds.
    if (spans.some((g) => orgForm(g.text) || /\b(?:Corp|Ltd|Inc|LLC|GmbH)\b/.test(g.text))) return 'other entity type';
    if (spans.some((g) => containsTerm(g.text.toLowerCase(), l.sectorTerms) && !modifierUse(g, text, l))) return 'public list';
    if (spans.every((g) => containsTerm(g.text.toLowerCase(), l.sectorTerms))) return 'generic phrase';
    if (otherTypeHit || spans.some((g) => candidateNames(g.text).some((c) => l.names.org.has(nameKey(c))))) return 'other entity type';
    // A capitalized name mid-sentence that names no sector: an organization the gold calls a sector.
    if (spans.some((g) => /^\p{Lu}/u.test(g.text) && !/[.!?\n]\s*$/.test(text.slice(Math.max(0, g.start - 3), g.start)) && !containsTerm(g.text.toLowerCase(), l.mispSectors))) return 'other entity type';
    return phrases.some((p) => containsTerm(p, l.mispSectors)) ? 'not a CISA sector' : 'generic phrase';
  }
  const names = spans.flatMap((g) => candidateNames(g.text));
  const own = l.names[type as Exclude<ListType, 'sector'>];
  if (otherTypeHit) return 'other entity type';
  const inOwn = names.some((c) => own.has(nameKey(c)));
  // Another type's list decides only for the whole span ("Adobe" in "Adobe PDF Reader" is no reason).
  const whole = spans.map((g) => candidateNames(g.text)[0] ?? '');
  if (!inOwn && whole.some((c) => otherTypes.some((t) => t !== 'sector' && l.names[t].has(nameKey(c))))) return 'other entity type';
  if (inOwn) return 'public list';
  // Only names of their own: formats, protocols and everyday words are no new name ("PowerShell backdoor", "Office document").
  const proper = names.filter((c) => /[\p{Lu}\p{N}]/u.test(c) && !commonTerm(c));
  if (proper.some((c) => cued(type, c, text))) return 'cue in the text';
  if (!proper.length) return 'generic phrase';
  return 'no list, no cue';
}

/** Why a record entity the gold does not credit is charged: the classes of today's false positives. */
export const FP_CLASSES = ['gold labels another type', 'public-list name, unlabeled', 'demonym only', 'other'] as const;
export type FpClass = (typeof FP_CLASSES)[number];
