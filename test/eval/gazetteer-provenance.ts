/**
 * `npm run audit:gazetteers`: which hand-listed gazetteer names (extractors/data-build/sources)
 * have no public source list behind them and occur in the dev documents, so a reviewer can check
 * that each is there because it is notable, not because a dev document happened to name it.
 *
 * A name "has a source" when its name key is a value or synonym in any list of the shared
 * data/misp-galaxy folder (actors, ATT&CK software, tools, ransomware). For the rest, it prints
 * how many dev documents (AnnoCTR train+dev, APTNER train+dev) and how many sample pages contain
 * the name, fewest documents first, with the entry's `why` where its source file gives one
 * (agencies and actor extras are objects and may carry it; see sources/README.md).
 *
 * Run with --all to also list sourceless names no dev document contains.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nameKey } from '../../extractors/data-build/lists.js';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { packageRoot } from '../../src/package.js';

const SOURCES = join(packageRoot(), 'extractors', 'data-build', 'sources');
const GALAXY = sharedPath('data', 'misp-galaxy');
const DEV = ['annoctr-train-dev.jsonl', 'aptner-train-dev.jsonl'].map((f) => sharedPath('datasets', 'entities-dev', f));
const ALL = process.argv.includes('--all');

interface Entry {
  list: string;
  entry: string;
  names: string[];
  why?: string;
}

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Every hand-listed entry with all its names, whatever the file's shape. */
function handListed(): Entry[] {
  const out: Entry[] = [];
  const agencies = read(join(SOURCES, 'agencies.json')) as Array<{ name: string; fullName: string | null; aliases: string[]; why?: string }>;
  for (const a of agencies) out.push({ list: 'agencies', entry: a.name, names: [a.name, ...(a.fullName ? [a.fullName] : []), ...a.aliases], why: a.why });
  for (const list of ['companies', 'malware'] as const) {
    const src = read(join(SOURCES, `${list}.json`)) as Record<string, unknown>;
    for (const line of src[list] as string[]) {
      const names = line.split('|').map((s) => s.trim()).filter(Boolean);
      out.push({ list, entry: names[0]!, names });
    }
  }
  const actors = read(join(SOURCES, 'actor-aliases.json')) as { extra?: Array<{ names: string[]; why?: string }> };
  for (const a of actors.extra ?? []) out.push({ list: 'actors', entry: a.names[0]!, names: a.names, why: a.why });
  return out;
}

/** Name keys of every value and synonym in the public lists. */
function sourced(): Set<string> {
  const keys = new Set<string>();
  for (const file of readdirSync(GALAXY).filter((f) => f.endsWith('.json') && f !== 'mitre-attack-pattern.json')) {
    const data = read(join(GALAXY, file)) as { values?: Array<{ value: string; meta?: { synonyms?: string[] } }> };
    for (const v of data.values ?? []) for (const n of [v.value, ...(v.meta?.synonyms ?? [])]) keys.add(nameKey(n));
  }
  return keys;
}

function texts(paths: string[]): string[] {
  return paths.flatMap((p) =>
    readFileSync(p, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const contains = (text: string, name: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'u').test(text);

function main(): void {
  const known = sourced();
  const dev = texts(DEV);
  const samplesDir = join(packageRoot(), 'samples', 'expected');
  const samples = readdirSync(samplesDir).map((f) => (read(join(samplesDir, f)) as { record: { text: string } }).record.text);
  const rows: Array<{ e: Entry; name: string; devDocs: number; samples: number }> = [];
  for (const e of handListed()) {
    for (const name of e.names) {
      if (known.has(nameKey(name))) continue;
      const devDocs = dev.filter((t) => contains(t, name)).length;
      if (!devDocs && !ALL) continue;
      rows.push({ e, name, devDocs, samples: samples.filter((t) => contains(t, name)).length });
    }
  }
  rows.sort((a, b) => a.devDocs - b.devDocs || a.e.list.localeCompare(b.e.list) || a.name.localeCompare(b.name));
  console.log(`${rows.length} hand-listed names in no public list${ALL ? '' : ' and in at least one dev document'}`);
  console.log('dev docs  samples  list       name  [entry]  why');
  for (const r of rows) {
    const entry = r.name === r.e.entry ? '' : `  [${r.e.entry}]`;
    console.log(`${String(r.devDocs).padStart(8)} ${String(r.samples).padStart(8)}  ${r.e.list.padEnd(9)}  ${r.name}${entry}${r.e.why ? `  (${r.e.why})` : ''}`);
  }
  const single = rows.filter((r) => r.devDocs === 1 && r.samples === 0);
  console.log(`\n${single.length} of them occur in exactly one dev document and in no sample page`);
}

main();
