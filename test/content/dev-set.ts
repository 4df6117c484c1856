/**
 * Loads the two article-extraction dev sets in place from ../shared (never copied) and scores
 * the content extractor on them; shared by the eval script, the bench and the regression test.
 * - `2019`: 61 pages of the Scrapinghub article-extraction benchmark (gold bodies only);
 * - `modern`: 226 pages of 2025-26 (WCXB half) with gold title/author/date and with/without snippets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { extractContent, type ContentResult } from '../../extractors/content/index.js';
import { pageF1, scorePage, scorePages, type Metrics, type PageScore } from '../eval/shingles.js';

export const DEV_SETS = {
  '2019': sharedPath('datasets', 'article-extraction-dev'),
  modern: sharedPath('datasets', 'article-extraction-modern-dev'),
} as const;
export type DevSetName = keyof typeof DEV_SETS;
export const DEV_SET_DIR = DEV_SETS['2019'];

export interface DevPage {
  set: DevSetName;
  id: string;
  url: string;
  html: string;
  gold: string;
  title: string | null;
  author: string | null;
  publishDate: string | null;
  with: string[];
  without: string[];
}

interface GoldEntry {
  articleBody?: string;
  url?: string;
  title?: string | null;
  author?: string | null;
  publish_date?: string | null;
  with?: string[];
  without?: string[];
}

export function loadDevSet(name: DevSetName = '2019'): DevPage[] {
  const dir = DEV_SETS[name];
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, GoldEntry>;
  return Object.keys(truth)
    .sort()
    .map((id) => {
      const g = truth[id] ?? {};
      return {
        set: name,
        id,
        url: g.url ?? '',
        html: readFileSync(join(dir, 'html', `${id}.html`), 'utf8'),
        gold: g.articleBody ?? '',
        title: g.title ?? null,
        author: g.author ?? null,
        publishDate: g.publish_date ?? null,
        with: g.with ?? [],
        without: g.without ?? [],
      };
    });
}

export interface PageResult {
  set: DevSetName;
  id: string;
  url: string;
  score: PageScore;
  f1: number;
  predicted: string;
  content: ContentResult | null;
}

export type Extract = (page: DevPage) => ContentResult;
export const extractPage: Extract = (page) => extractContent(page.html);

export interface SnippetRates {
  /** Share of `with` snippets found in the extraction. */
  withFound: number;
  /** Share of `without` snippets wrongly kept. */
  withoutKept: number;
}

export interface MetadataScores {
  /** Each over the pages whose gold has the field. */
  titleExact: number;
  /** Same words ignoring case, punctuation and one trailing " | Site" segment on either side. */
  titleNormalized: number;
  titlePages: number;
  /** Predicted author names equal the gold names (as sets, case-insensitive). */
  authorExact: number;
  /** At least one gold author among the predicted ones. */
  authorAny: number;
  authorPages: number;
  /** Published date equal to the gold date, by day (the date the page states, not shifted to UTC). */
  dateDay: number;
  datePages: number;
}

export interface SetResult {
  metrics: Metrics;
  pages: PageResult[];
  snippets: SnippetRates | null;
  metadata: MetadataScores | null;
}

/** Whitespace-normalized, for snippet containment. */
export const normSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

export function snippetRates(pages: DevPage[], predicted: string[]): SnippetRates | null {
  let withAll = 0;
  let withHit = 0;
  let withoutAll = 0;
  let withoutHit = 0;
  pages.forEach((p, i) => {
    const text = normSpace(predicted[i] ?? '');
    for (const s of p.with) {
      withAll++;
      if (text.includes(normSpace(s))) withHit++;
    }
    for (const s of p.without) {
      withoutAll++;
      if (text.includes(normSpace(s))) withoutHit++;
    }
  });
  if (withAll + withoutAll === 0) return null;
  return { withFound: withAll ? withHit / withAll : 0, withoutKept: withoutAll ? withoutHit / withoutAll : 0 };
}

/** Titles compare exactly up to typography: gold titles were retyped with straight quotes and plain dashes. */
export const normTitle = (s: string) => normSpace(s.normalize('NFKC').replace(/[‘’‛′]/g, "'").replace(/[“”„″]/g, '"').replace(/[–—]/g, '-'));
/** The "title exact" test of eval:content: equal up to typographic quotes, dashes and spacing. */
export const titlesMatchExact = (a: string, b: string) => normTitle(a) === normTitle(b);
const titleWords = (s: string) => (s.normalize('NFKC').toLowerCase().replace(/&/g, ' and ').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
/** A title and the title without its last " | ...", " - ..." segment, as word strings. */
const titleForms = (s: string) => {
  const t = normTitle(s);
  const cut = t.replace(/\s+[|\-»·•:]\s+[^|\-»·•:]+$/, '');
  return new Set([titleWords(t), titleWords(cut)]);
};
export function titlesMatchNormalized(a: string, b: string): boolean {
  const fb = titleForms(b);
  return [...titleForms(a)].some((x) => x !== '' && fb.has(x));
}
const normName = (s: string) => normSpace(s.normalize('NFKC')).toLowerCase();
const splitAuthors = (s: string) => s.split(/\s*(?:,|;|&|\band\b)\s*/i).map(normName).filter(Boolean);

/** The day a date string states: its own YYYY-MM-DD when it leads with one, else the UTC day. */
export function dayOf(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (m) return m[1]!;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

export function metadataScores(pages: DevPage[], results: Array<ContentResult | null>): MetadataScores | null {
  let tN = 0, tHit = 0, tNorm = 0, aN = 0, aExact = 0, aAny = 0, dN = 0, dHit = 0;
  pages.forEach((p, i) => {
    const r = results[i];
    if (p.title) {
      tN++;
      if (r?.title && titlesMatchExact(r.title, p.title)) tHit++;
      if (r?.title && titlesMatchNormalized(r.title, p.title)) tNorm++;
    }
    if (p.author) {
      aN++;
      const gold = new Set(splitAuthors(p.author));
      const got = new Set((r?.authors ?? []).flatMap(splitAuthors));
      if (gold.size === got.size && [...gold].every((g) => got.has(g))) aExact++;
      if ([...gold].some((g) => got.has(g))) aAny++;
    }
    if (p.publishDate) {
      dN++;
      if (dayOf(r?.publishedAt ?? null) === dayOf(p.publishDate)) dHit++;
    }
  });
  if (tN + aN + dN === 0) return null;
  const share = (a: number, n: number) => (n ? a / n : 0);
  return {
    titleExact: share(tHit, tN), titleNormalized: share(tNorm, tN), titlePages: tN,
    authorExact: share(aExact, aN), authorAny: share(aAny, aN), authorPages: aN,
    dateDay: share(dHit, dN), datePages: dN,
  };
}

/** Score one dev set with `extract` (the content extractor unless told otherwise). */
export function evaluateDevSet(name: DevSetName = '2019', extract: Extract = extractPage, pages = loadDevSet(name)): SetResult {
  const results: PageResult[] = [];
  for (const page of pages) {
    const content = extract(page);
    const score = scorePage(page.gold, content.text);
    results.push({ set: name, id: page.id, url: page.url, score, f1: pageF1(score), predicted: content.text, content });
  }
  const predicted = results.map((r) => r.predicted);
  return {
    metrics: scorePages(pages.map((p, i) => ({ gold: p.gold, predicted: predicted[i]! }))),
    pages: results,
    snippets: snippetRates(pages, predicted),
    metadata: metadataScores(pages, results.map((r) => r.content)),
  };
}
