/**
 * Loads the article-extraction dev set in place from ../shared (never copied) and scores
 * extractArticle on it; shared by the eval script and the regression test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { extractArticle } from '../../src/extract-article.js';
import { pageF1, scorePage, scorePages, type Metrics, type PageScore } from '../eval/shingles.js';

export const DEV_SET_DIR = sharedPath('datasets', 'article-extraction-dev');

export interface DevPage {
  id: string;
  url: string;
  html: string;
  gold: string;
}

export function loadDevSet(dir = DEV_SET_DIR): DevPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string; url?: string }
  >;
  return Object.keys(truth)
    .sort()
    .map((id) => ({
      id,
      url: truth[id]?.url ?? '',
      html: readFileSync(join(dir, 'html', `${id}.html`), 'utf8'),
      gold: truth[id]?.articleBody ?? '',
    }));
}

export interface PageResult {
  id: string;
  url: string;
  score: PageScore;
  f1: number;
  predicted: string;
}

export function evaluateDevSet(pages: DevPage[] = loadDevSet()): { metrics: Metrics; pages: PageResult[] } {
  const results: PageResult[] = [];
  const pairs: Array<{ gold: string; predicted: string }> = [];
  for (const page of pages) {
    const record = extractArticle(page.html, { url: page.url || null, extractedAt: '2000-01-01T00:00:00.000Z' });
    const score = scorePage(page.gold, record.text);
    pairs.push({ gold: page.gold, predicted: record.text });
    results.push({ id: page.id, url: page.url, score, f1: pageF1(score), predicted: record.text });
  }
  return { metrics: scorePages(pairs), pages: results };
}
