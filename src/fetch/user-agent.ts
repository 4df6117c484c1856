/**
 * The User-Agent we announce: product, version and a contact URL, so a site owner who
 * sees us in their logs knows who is crawling and how to reach them.
 */
import { packageVersion } from '../package.js';

export const DEFAULT_CONTACT_URL = 'https://github.com/newsint/newsint#crawler';

export function defaultUserAgent(contactUrl: string = DEFAULT_CONTACT_URL): string {
  return `newsint/${packageVersion()} (+${contactUrl})`;
}
