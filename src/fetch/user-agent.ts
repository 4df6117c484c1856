/**
 * The User-Agent we announce: product, version and a contact URL, so a site owner who
 * sees us in their logs knows who is crawling and how to reach them.
 */
import { readFileSync } from 'node:fs';

export const DEFAULT_CONTACT_URL = 'https://github.com/newsint/newsint#crawler';

let cachedVersion: string | undefined;

/** The package version, found by walking up from this file (works from src/ and dist/src/). */
export function productVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'newsint' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // not here: keep walking up
    }
    dir = new URL('..', dir);
  }
  return (cachedVersion = '0.0.0');
}

export function defaultUserAgent(contactUrl: string = DEFAULT_CONTACT_URL): string {
  return `newsint/${productVersion()} (+${contactUrl})`;
}
