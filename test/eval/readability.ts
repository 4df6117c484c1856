/**
 * The named baseline: Mozilla Readability 0.6 on a jsdom document (page scripts never run),
 * shaped as our content result so the same scorers apply. Dev-only (eval and bench).
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { ContentResult } from '../../extractors/content/index.js';
import type { DevPage } from '../content/dev-set.js';

export function readabilityExtract(page: Pick<DevPage, 'html' | 'url'>): ContentResult {
  // A silent console: jsdom reports every stylesheet it cannot parse.
  const dom = new JSDOM(page.html, { url: page.url || undefined, virtualConsole: new VirtualConsole() });
  try {
    const r = new Readability(dom.window.document).parse();
    return {
      title: r?.title ?? null,
      authors: r?.byline ? [r.byline] : [],
      publishedAt: r?.publishedTime ?? null,
      modifiedAt: null,
      canonicalUrl: null,
      siteName: r?.siteName ?? null,
      language: r?.lang ?? null,
      text: r?.textContent ?? '',
    };
  } finally {
    dom.window.close();
  }
}
