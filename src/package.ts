/**
 * newsint's own package: its root (where package.json, samples/ and extractors/data/ live),
 * found whether the code runs compiled from dist/ or as TypeScript sources, whatever the cwd.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'newsint';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return (cached = dir);
      } catch {
        // An unreadable package.json on the way up is not ours; keep climbing.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

let cachedVersion: string | undefined;

export function packageVersion(): string {
  return (cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}

/** Parsed JSON of a gazetteer or rule file under extractors/data/ (shipped with the package). */
export function readDataFile(name: string): unknown {
  const path = join(packageRoot(), 'extractors', 'data', name);
  if (!existsSync(path)) throw new Error(`data file extractors/data/${name} is missing: reinstall newsint or run it from its repository`);
  return JSON.parse(readFileSync(path, 'utf8'));
}
