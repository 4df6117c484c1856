/**
 * APTNER train+dev (threat-report sentences, 25 to a pseudo-document; ../shared/datasets/
 * entities-dev): the entity extractor at the mention and the document level, with error lists.
 *
 * APTNER labels tokens, names and common nouns alike: "attackers" and "actors" are APT, "malware"
 * and "backdoor" are MAL. A record lists names, so gold spans made only of generic words
 * (GENERIC below) or without a capital or digit ("decoy documents") are left out. Its types map to the record's lists:
 * - apt_group -> aptGroups, malware -> malware, cve -> cves, tool -> tools, date -> dates (by
 *   overlap: APTNER gives no values and the pseudo-documents no publication date);
 * - location -> countries, for the spans that name a country or its people ("Iran", "Iranian"),
 *   by ISO code (APTNER labels demonyms as places; regions and cities are not countries);
 * - security_team (vendors and agencies that report) -> recall against agencies + companies;
 *   identity (victims: organizations, sectors) -> recall against agencies + companies + sectors;
 *   agencies + companies are scored for precision against security_team, identity and apt_group.
 */
import type { Mention } from '../../src/record/schema.js';
import { extractEntities } from '../../extractors/entities/index.js';
import { nameKey } from '../../extractors/data-build/lists.js';
import { gazetteers } from '../../extractors/entities/gazetteer.js';
import { loadDocs, malwareAndTools, rowMaker, SOFTWARE_NOTE, type Doc, type DocumentRow, type Entities } from './annoctr.js';
import { ErrorLists, goldKey, overlaps, printTable, score, scoreDocument, scoreMentions, type GoldSpan, type PredEntity, type Score } from './score.js';

/** Words that make a span a common noun phrase, not a name ("the attackers", "a new backdoor"). */
const GENERIC = new Set(
  (
    'the a an this these that those its their our new malicious same other several multiple many some various unknown ' +
    'threat cyber state-sponsored nation-state sponsored criminal espionage financially motivated advanced persistent ' +
    'attacker attackers actor actors adversary adversaries hacker hackers hacking group groups gang gangs operator operators ' +
    'cybercriminal cybercriminals criminals crew team teams apt apts campaign campaigns organization ' +
    'malware trojan trojans backdoor backdoors rat rats ransomware worm worms virus viruses implant implants payload payloads ' +
    'dropper droppers loader loaders downloader downloaders spyware keylogger keyloggers botnet botnets bot bots stealer ' +
    'stealers infostealer wiper wipers miner miners rootkit rootkits exploit exploits variant variants sample samples tool tools ' +
    'module modules plugin plugins component components file files family families shell webshell webshells script scripts'
  ).split(' '),
);
/** A name has a capital or a digit ("decoy documents" is MAL in APTNER, and no name) and is not generic. */
export const isName = (g: GoldSpan) => /[\p{Lu}\d]/u.test(g.text) && !goldKey(g.text).split(/\s+/).every((w) => GENERIC.has(w));

const named = (list: ReadonlyArray<{ name: string; mentions: Mention[] }>): PredEntity[] => list.map((e) => ({ name: e.name, mentions: e.mentions }));

export function evalAptner(top: number): void {
  const docs = loadDocs('aptner-train-dev.jsonl');
  const mention: Record<string, Score> = { apt_group: score(), malware: score(), country: score(), date: score(), cve: score(), 'security_team (recall)': score('recall') };
  const doc: Record<string, Score> = {
    apt_group: score(),
    malware: score(),
    'malware + tools': score(),
    country: score(),
    date: score(),
    cve: score(),
    tool: score(),
    'security_team (recall)': score('recall'),
    'identity (recall)': score('recall'),
    'agencies+companies': score('precision'),
  };
  const errors = new ErrorLists();
  let ms = 0;
  for (const d of docs) {
    const t0 = performance.now();
    const { entities } = extractEntities(d.text, { referenceDate: null });
    ms += performance.now() - t0;
    const gold = (type: string) => d.entities.filter((e) => e.type === type && isName(e));
    const places = countryPlaces(d);
    const byOverlap = (p: { mentions?: Mention[]; start?: number; end?: number }, g: GoldSpan) =>
      p.mentions ? p.mentions.some((m) => overlaps(m, g)) : overlaps(p as Mention, g);
    const mentionsOf = (list: ReadonlyArray<{ mentions: Mention[] }>) => list.flatMap((e) => e.mentions);
    const orgs = [...entities.agencies, ...entities.companies];

    scoreMentions(gold('apt_group'), mentionsOf(entities.aptGroups), byOverlap, mention.apt_group!);
    scoreMentions(gold('malware'), mentionsOf(entities.malware), byOverlap, mention.malware!);
    scoreMentions(gold('date'), mentionsOf(entities.dates), byOverlap, mention.date!);
    scoreMentions(gold('cve'), mentionsOf(entities.cves), byOverlap, mention.cve!);
    scoreMentions(
      places,
      entities.countries.flatMap((c) => c.mentions.map((m) => ({ ...m, code: c.code }))),
      (p, g) => overlaps(p, g) && p.code === g.code,
      mention.country!,
    );
    scoreMentions(gold('security_team'), mentionsOf(orgs), byOverlap, mention['security_team (recall)']!);

    for (const r of aptnerDocumentRows(d, entities, places)) scoreDocument(r.gold, r.preds, r.key, r.agrees, doc[r.row]!, r.listed ? errors : new ErrorLists(), r.label);
  }
  printTable(`APTNER train+dev: ${docs.length} pseudo-documents, mention level`, mention, `extractEntities ${(ms / docs.length).toFixed(1)} ms/doc`);
  printTable(`APTNER train+dev: ${docs.length} pseudo-documents, DOCUMENT level (each distinct thing per document once)`, doc);
  console.log(SOFTWARE_NOTE);
  if (top) errors.print('APTNER document level', top);
}

let countryOf: Map<string, string> | undefined;
/** The location spans of a document that name a country or its people ("Iran", "Iranian"), with the ISO code. */
export function countryPlaces(d: Doc): GoldSpan[] {
  if (!countryOf) {
    countryOf = new Map();
    for (const c of gazetteers().countries) for (const n of [c.name, ...c.aliases, ...(c.demonyms ?? [])]) countryOf.set(nameKey(n), c.code);
  }
  return d.entities
    .filter((e) => e.type === 'location')
    .flatMap((e) => {
      const code = countryOf!.get(nameKey(goldKey(e.text).replace(/^the /, '')));
      return code ? [{ ...e, code }] : [];
    });
}

/** The document-level rows of one APTNER pseudo-document (shared with eval:entity-ceiling); `places` are its country spans with codes. */
export function aptnerDocumentRows(d: Doc, entities: Entities, places: GoldSpan[]): DocumentRow[] {
  const gold = (type: string) => d.entities.filter((e) => e.type === type && isName(e));
  const byOverlap = (p: PredEntity, g: GoldSpan) => p.mentions.some((m) => overlaps(m, g));
  const key = (g: GoldSpan) => goldKey(g.text);
  const orgs = [...entities.agencies, ...entities.companies];
  const orgLike = d.entities.filter((e) => e.type === 'security_team' || e.type === 'identity' || e.type === 'apt_group');
  const row = rowMaker(key, byOverlap);
  return [
    row('apt_group', 'apt_group', gold('apt_group'), named(entities.aptGroups)),
    row('malware', 'malware', gold('malware'), named(entities.malware), false),
    row('malware + tools', 'malware+tools', gold('malware'), malwareAndTools(entities, gold('malware'), gold('tool'))),
    row('date', 'date', gold('date'), entities.dates.map((e) => ({ name: e.text, mentions: e.mentions }))),
    row('cve', 'cve', gold('cve'), entities.cves.map((e) => ({ name: e.id, mentions: e.mentions }))),
    row('tool', 'tool', gold('tool'), named(entities.tools)),
    row('country', 'country', places, entities.countries.map((c) => ({ name: c.name, code: c.code, mentions: c.mentions })), true, (g) => g.code!, (p, g) => p.code === g.code),
    row('security_team (recall)', 'security_team', gold('security_team'), named(orgs)),
    row('identity (recall)', 'identity', gold('identity'), named([...orgs, ...entities.sectors])),
    row('agencies+companies', 'agencies+companies', orgLike, named(orgs)),
  ];
}
