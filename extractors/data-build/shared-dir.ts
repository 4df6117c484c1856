/**
 * Where the team's read-only `shared/` folder (MISP source data, seed article, evaluation
 * datasets) lies: $NEWSINT_SHARED_DIR, else the `shared` folder beside the checkout, else /work/shared.
 * Only build scripts, evaluations and tests use it; the product never reads it at run time.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../src/package.js';

const FALLBACK = '/work/shared';

export function sharedDir(): string {
  const candidates = [process.env.NEWSINT_SHARED_DIR, join(packageRoot(), '..', 'shared'), FALLBACK].filter(
    (d): d is string => Boolean(d),
  );
  const found = candidates.find((d) => existsSync(join(d, 'datasets')) || existsSync(join(d, 'data')));
  if (!found) {
    throw new Error(
      `cannot find the shared data folder (looked in ${candidates.map((d) => resolve(d)).join(', ')}): ` +
        'set NEWSINT_SHARED_DIR to the folder that holds datasets/, data/ and seeds/',
    );
  }
  return found;
}

/** A path inside the shared folder, e.g. sharedPath('seeds', 'salt-typhoon-telecom-breach.txt'). */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}
