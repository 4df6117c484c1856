/**
 * Builds the runtime gazetteers (extractors/data/*.json) from the MISP galaxy clusters in
 * the shared folder's data/misp-galaxy and the project's own source lists in ./sources.
 * The only product script that reads the shared folder: a build step, never run time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAttack } from './build-attack.js';
import { mergeActors, type ActorCluster } from './merge-actors.js';
import { mergeSoftware, type SoftwareValue } from './software.js';
import { buildAgencies, buildCompanies, buildCountries, buildMalware, nameKey } from './lists.js';
import { sharedPath } from './shared-dir.js';
import { packageRoot } from '../../src/package.js';

const ROOT = packageRoot();
const GALAXY_DIR = sharedPath('data', 'misp-galaxy');
const SOURCES_DIR = join(ROOT, 'extractors', 'data-build', 'sources');
const OUT_DIR = join(ROOT, 'extractors', 'data');

interface GalaxyValue {
  value: string;
  meta?: { synonyms?: string[]; country?: string; ISO?: string; 'cfr-suspected-state-sponsor'?: string };
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message} (set NEWSINT_SHARED_DIR to the folder holding data/misp-galaxy)`);
  }
}

function galaxy(file: string): GalaxyValue[] {
  return readJson<{ values: GalaxyValue[] }>(join(GALAXY_DIR, `${file}.json`)).values;
}

function writeOut(file: string, data: unknown): void {
  // One entry per line: diffs of regenerated data stay readable.
  const body = Object.entries(data as Record<string, unknown>)
    .map(([key, value]) =>
      Array.isArray(value)
        ? `  ${JSON.stringify(key)}: [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`
        : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
    )
    .join(',\n');
  writeFileSync(join(OUT_DIR, file), `{\n${body}\n}\n`);
}

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const countrySource = readJson<Parameters<typeof buildCountries>[1]>(join(SOURCES_DIR, 'countries.json'));
  const countries = buildCountries(galaxy('country'), countrySource);
  const countryByName = new Map<string, string>();
  for (const c of countries) for (const n of [c.name, ...c.aliases]) countryByName.set(nameKey(n), c.code);

  const agencies = buildAgencies(readJson(join(SOURCES_DIR, 'agencies.json')));
  const companies = buildCompanies(readJson(join(SOURCES_DIR, 'companies.json')));
  const malware = buildMalware(readJson(join(SOURCES_DIR, 'malware.json')));
  const actorRules = readJson<{ commonWords: string[]; drop: string[]; extra?: Array<{ names: string[]; country: string | null }> }>(
    join(SOURCES_DIR, 'actor-aliases.json'),
  );

  const clusters: ActorCluster[] = [];
  const files = [
    ['threat-actor', 'threat-actor'],
    ['microsoft-activity-group', 'microsoft'],
    ['mitre-intrusion-set', 'mitre'],
  ] as const;
  for (const [file, source] of files) {
    for (const v of galaxy(file)) {
      const sponsor = v.meta?.['cfr-suspected-state-sponsor'];
      const country = /^[A-Z]{2}$/.test(v.meta?.country ?? '')
        ? v.meta!.country!
        : sponsor
          ? (countryByName.get(nameKey(sponsor)) ?? (nameKey(sponsor) === 'russianfederation' ? 'RU' : null))
          : null;
      // MITRE values carry the ATT&CK id in synonyms; keep it, it is a real name analysts use.
      clusters.push({ source, value: v.value, names: [v.value, ...(v.meta?.synonyms ?? [])], country });
    }
  }

  // The project's own additions: names vendors use that the clusters lack, merged like any cluster.
  for (const e of actorRules.extra ?? []) clusters.push({ source: 'newsint', value: e.names[0]!, names: e.names, country: e.country });

  // Names owned by other gazetteers: an actor alias equal to a company, agency or country is dropped.
  const otherOwners = new Map<string, string>();
  for (const c of companies.companies) for (const n of [c.name, ...c.aliases]) otherOwners.set(nameKey(n), 'company');
  for (const a of agencies.agencies) for (const n of [a.name, ...a.aliases]) otherOwners.set(nameKey(n), 'agency');
  for (const [k] of countryByName) otherOwners.set(k, 'country');
  const malwareKeys = new Set<string>();
  for (const m of malware.malware) for (const n of [m.name, ...m.aliases]) malwareKeys.add(nameKey(n));

  const result = mergeActors(clusters, {
    drop: new Set(actorRules.drop.map(nameKey)),
    otherOwners,
    commonWords: new Set(actorRules.commonWords.map(nameKey)),
    malwareKeys,
  });

  for (const line of result.log) console.log(line);
  console.log(
    `apt groups: ${clusters.length} clusters -> ${result.groups.length} actors; ` +
      `${result.mergeCount} merges, ${result.countryConflicts} country conflicts, ` +
      `${result.ambiguousNames} ambiguous names not used to merge, ${result.droppedNames} names dropped`,
  );

  writeOut('apt-groups.json', { groups: result.groups });
  writeOut('agencies.json', agencies);
  writeOut('companies.json', companies);
  writeOut('countries.json', { countries });
  // ATT&CK malware and MISP ransomware families join the own list; actor names are theirs to keep,
  // except a name ATT&CK lists as malware and never as a group ("NetTraveler", "EvilGrab"): MISP's
  // actor list often names an actor after its tool, and ATT&CK's curated split is the better guide.
  // Such a name is then both, and the words around each use choose (named.ts).
  const mitreMalware = galaxy('mitre-malware') as SoftwareValue[];
  const attackGroupKeys = new Set(galaxy('mitre-intrusion-set').flatMap((v) => [v.value, ...(v.meta?.synonyms ?? [])].map(nameKey)));
  const attackMalwareKeys = new Set(mitreMalware.flatMap((v) => [v.value, ...(v.meta?.synonyms ?? [])].map((n) => nameKey(n.replace(/\s+-\s+S\d{4}$/, '')))));
  const attackSaysMalware = (k: string) => attackMalwareKeys.has(k) && !attackGroupKeys.has(k);
  const software = mergeSoftware(
    malware,
    mitreMalware,
    galaxy('ransomware') as SoftwareValue[],
    new Set([
      ...otherOwners.keys(),
      ...countries.flatMap((c) => c.demonyms.map(nameKey)),
      ...result.groups.flatMap((g) => [g.name, ...g.aliases].map(nameKey)).filter((k) => !attackSaysMalware(k)),
    ]),
    readJson<{ notFamilies: string[] }>(join(SOURCES_DIR, 'software-filter.json')).notFamilies,
  );
  console.log(`malware: ${software.added} families added from mitre-malware and ransomware`);
  writeOut('malware.json', { guarded: software.guarded, malware: software.malware });
  console.log(
    `wrote ${OUT_DIR}: ${result.groups.length} apt groups, ${agencies.agencies.length} agencies, ` +
      `${companies.companies.length} companies, ${countries.length} countries, ${software.malware.length} malware families`,
  );
  console.log(buildAttack());
}

main();
