/**
 * Reads a JSON data file from `extractors/data/`, both when running from source (vitest) and
 * from the compiled `dist/` tree, which does not copy the data files.
 */
import { existsSync, readFileSync } from 'node:fs';

/** Where `extractors/data/<name>` lies relative to this module, source first, then dist. */
const CANDIDATE_DIRS = ['../data/', '../../../extractors/data/'];

export function readDataFile(name: string): unknown {
  for (const dir of CANDIDATE_DIRS) {
    const url = new URL(dir + name, import.meta.url);
    if (existsSync(url)) return JSON.parse(readFileSync(url, 'utf8'));
  }
  throw new Error(`data file extractors/data/${name} not found: reinstall the package or run from the repository root`);
}
