/**
 * Turns the hand-compiled source lists (agencies, companies, malware, countries) into the compact
 * shapes the runtime gazetteer loads, de-duplicating names and flagging names that are common words.
 */

/** Comparison key of a name: case, accents, spaces and punctuation do not matter ("APT 29" = "apt29"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&]+/gu, '');
}

/** Spelling key: "U.S." and "US" are both kept (the matcher tokenizes them differently), "Us" and "US" are one. */
export function spellingKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = spellingKey(n);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface AgencySource {
  name: string;
  fullName: string | null;
  country: string | null;
  aliases: string[];
  /** Names that are also ordinary words or other acronyms, with the rule they must pass ("NIS" Directive, "RGB" colour). */
  guard?: Record<string, 'proper' | 'threat'>;
}

export function buildAgencies(source: AgencySource[]) {
  const owner = new Map<string, string>();
  const agencies: AgencySource[] = [];
  for (const a of source) {
    // fullName is matched too: "Federal Bureau of Investigation" folds into "FBI".
    const names = uniqueNames([a.name, ...a.aliases, ...(a.fullName ? [a.fullName] : [])]).filter((n) => {
      const k = spellingKey(n);
      if (owner.has(k)) {
        console.log(`agencies: "${n}" already names ${owner.get(k)}; kept there`);
        return false;
      }
      owner.set(k, a.name);
      return true;
    });
    if (!names.length) continue;
    const entry: AgencySource = { name: a.name, fullName: a.fullName, country: a.country, aliases: names.slice(1) };
    if (a.guard) entry.guard = a.guard;
    agencies.push(entry);
  }
  return { agencies };
}

interface PipeListSource {
  commonWords?: string[];
  companies?: string[];
  malware?: string[];
}

function buildPipeList(entries: string[], label: string) {
  const owner = new Map<string, string>();
  const out: Array<{ name: string; aliases: string[] }> = [];
  for (const entry of entries) {
    const [name, ...aliases] = entry.split('|').map((s) => s.trim());
    if (!name) continue;
    const names = uniqueNames([name, ...aliases]).filter((n) => {
      const k = spellingKey(n);
      if (owner.has(k)) {
        if (owner.get(k) !== name) console.log(`${label}: "${n}" already names ${owner.get(k)}; kept there`);
        return false;
      }
      owner.set(k, name);
      return true;
    });
    const [first, ...rest] = names;
    if (first) out.push({ name: first, aliases: rest });
  }
  return out;
}

export function buildCompanies(source: PipeListSource) {
  return { guarded: source.commonWords ?? [], companies: buildPipeList(source.companies ?? [], 'companies') };
}

export function buildMalware(source: PipeListSource) {
  return { guarded: source.commonWords ?? [], malware: buildPipeList(source.malware ?? [], 'malware') };
}

interface CountrySource {
  names: Record<string, string>;
  aliases: Record<string, string[]>;
  demonyms: Record<string, string[]>;
  commonWords: string[];
  exclude: string[];
}

interface GalaxyCountry {
  value: string;
  meta?: { ISO?: string };
}

function titleCase(s: string): string {
  return s.replace(/\b(\p{L})(\p{L}*)/gu, (_m, a: string, b: string) =>
    ['and', 'of', 'the'].includes((a + b).toLowerCase()) ? a + b : a.toUpperCase() + b,
  );
}

export function buildCountries(galaxyCountries: GalaxyCountry[], source: CountrySource) {
  const exclude = new Set(source.exclude.map(nameKey));
  const guarded = new Set(source.commonWords.map(nameKey));
  const out: Array<{ code: string; name: string; aliases: string[]; demonyms: string[]; guarded: string[] }> = [];
  for (const c of galaxyCountries) {
    const code = c.meta?.ISO;
    if (!code || !/^[A-Z]{2}$/.test(code) || exclude.has(nameKey(c.value))) continue;
    const misp = titleCase(c.value.trim());
    const name = source.names[code] ?? misp;
    const names = uniqueNames([name, misp, ...(source.aliases[code] ?? [])]);
    const demonyms = uniqueNames(source.demonyms[code] ?? []);
    const all = [...names, ...demonyms];
    out.push({ code, name, aliases: names.slice(1), demonyms, guarded: all.filter((n) => guarded.has(nameKey(n))) });
  }
  return out;
}
