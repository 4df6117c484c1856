/**
 * Loads the generated gazetteers (extractors/data/*.json) once, lazily, and builds the shared
 * matcher over all of them. Works from sources (vitest) and from dist/ alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package.js';
import { withJoinedSpellings } from './attack/data.js';
import { createMatcher, defaultRule, type CaseRule, type Matcher, type MatcherEntry } from './matcher.js';

export interface AgencyData {
  name: string;
  fullName: string | null;
  country: string | null;
  aliases: string[];
  guard?: Record<string, 'proper' | 'threat'>;
}
export interface GroupData {
  name: string;
  aliases: string[];
  country: string | null;
  guarded?: string[];
  alsoMalware?: string[];
}
export interface NamedData {
  name: string;
  aliases: string[];
}
export interface MalwareData extends NamedData {
  /** ATT&CK software id. */
  attackId?: string;
  /** A ransomware family: its name doubles as the group that runs it ("LockBit claimed ..."). */
  ransomware?: boolean;
}
export interface CountryData {
  code: string;
  name: string;
  aliases: string[];
  /** "Chinese", "North Korean": they point to the country without being its name. */
  demonyms: string[];
  guarded: string[];
}

export type EntityKind = 'agency' | 'apt' | 'company' | 'country' | 'malware';

/** What a gazetteer name points to: the kind of thing and its index in that gazetteer. */
export interface GazetteerRef {
  kind: EntityKind;
  id: number;
}

export interface Gazetteers {
  agencies: AgencyData[];
  groups: GroupData[];
  companies: NamedData[];
  countries: CountryData[];
  malware: MalwareData[];
  matcher: Matcher<GazetteerRef>;
}

/** The package root, where extractors/data/ lives (see src/package.ts). */
export const findPackageRoot = packageRoot;

function readData<T>(root: string, file: string): T {
  const path = join(root, 'extractors', 'data', file);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new Error(`newsint: cannot load gazetteer ${path} (${(err as Error).message}); run "npm run build:gazetteers"`);
  }
}

/**
 * Microsoft's former naming scheme, chemical elements in capitals ("BARIUM", "GALLIUM"): reports
 * and press also write them in Title Case, and no "-ium" word is an everyday one. Threat context is
 * still required where the name is guarded.
 */
const ELEMENT_NAME = /^[A-Z]{2,}IUM$/;

function ruleFor(name: string, guarded: Set<string>, guardRule: CaseRule): CaseRule {
  return guarded.has(name) ? guardRule : defaultRule(name);
}

export function loadGazetteers(root: string = findPackageRoot()): Gazetteers {
  const { agencies } = readData<{ agencies: AgencyData[] }>(root, 'agencies.json');
  const { groups } = readData<{ groups: GroupData[] }>(root, 'apt-groups.json');
  const companyFile = readData<{ guarded: string[]; companies: NamedData[] }>(root, 'companies.json');
  const { countries } = readData<{ countries: CountryData[] }>(root, 'countries.json');
  const malwareFile = readData<{ guarded: string[]; malware: MalwareData[] }>(root, 'malware.json');

  const entries: MatcherEntry<GazetteerRef>[] = [];
  agencies.forEach((a, id) => {
    for (const name of [a.name, ...a.aliases]) {
      const rule = a.guard && Object.hasOwn(a.guard, name) ? a.guard[name] : undefined;
      entries.push({ name, payload: { kind: 'agency', id }, ...(rule ? { rule } : {}) });
    }
  });
  groups.forEach((g, id) => {
    const guarded = new Set(g.guarded ?? []);
    for (const name of [g.name, ...g.aliases]) {
      entries.push({ name, payload: { kind: 'apt', id }, rule: ruleFor(name, guarded, 'threat'), ...(ELEMENT_NAME.test(name) ? { titleCase: true } : {}) });
    }
  });
  const companyGuarded = new Set(companyFile.guarded);
  companyFile.companies.forEach((c, id) => {
    for (const name of [c.name, ...c.aliases]) entries.push({ name, payload: { kind: 'company', id }, rule: ruleFor(name, companyGuarded, 'proper') });
  });
  countries.forEach((c, id) => {
    const guarded = new Set(c.guarded);
    for (const name of [c.name, ...c.aliases, ...c.demonyms]) entries.push({ name, payload: { kind: 'country', id }, rule: ruleFor(name, guarded, 'proper') });
  });
  const malwareGuarded = new Set(malwareFile.guarded);
  malwareFile.malware.forEach((m, id) => {
    for (const name of withJoinedSpellings([m.name, ...m.aliases])) entries.push({ name, payload: { kind: 'malware', id }, rule: ruleFor(name, malwareGuarded, 'threat') });
  });

  return {
    agencies,
    groups,
    companies: companyFile.companies,
    countries,
    malware: malwareFile.malware,
    matcher: createMatcher(entries),
  };
}

let cached: Gazetteers | undefined;

/** The gazetteers of this package, loaded on first use and kept (read-only data, no connection). */
export function gazetteers(): Gazetteers {
  cached ??= loadGazetteers();
  return cached;
}

/**
 * One place in the text that names something: from the gazetteer (`id` set) or from a naming
 * pattern (`id` null, `name` the new name, `country` what the naming scheme implies).
 */
export interface NamedSpan {
  start: number;
  end: number;
  text: string;
  tokenStart: number;
  tokenEnd: number;
  kind: EntityKind;
  id: number | null;
  country?: string | null;
  /** Found as the article's own short form of a name ("Golden Chickens (GC)"): repeat it elsewhere too. */
  learned?: boolean;
}
