/**
 * Real records for the export tests: every sample, the seed article, and a few dozen pages and
 * documents picked by a fixed stride from the dev sets in ../shared (read in place).
 * Plain-text documents are wrapped in a bare <article> so extractArticle takes them as a page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { NewsintError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract-article.js';
import type { ArticleRecord } from '../../src/record/schema.js';
import { extractSample, listSamples } from './samples.js';

export interface NamedRecord {
  name: string;
  record: ArticleRecord;
}

const PINNED = { extractedAt: '2025-01-01T00:00:00.000Z', fetchedAt: '2024-11-14T12:00:00.000Z' };
const INDICATOR_TYPES = new Set(['ipv4', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256']);

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function textAsHtml(text: string, title: string): string {
  const paragraphs = text.split(/\n+/).filter((p) => p.trim()).map((p) => `<p>${escape(p.trim())}</p>`);
  return `<!doctype html><html lang="en"><head><title>${escape(title)}</title></head><body><article><h1>${escape(title)}</h1>${paragraphs.join('')}</article></body></html>`;
}

const every = <T>(list: T[], stride: number): T[] => list.filter((_, i) => i % stride === 0);

export function sampleRecords(): NamedRecord[] {
  return listSamples().map((s) => ({ name: `sample ${s.name}`, record: extractSample(s).record }));
}

export function seedRecord(): NamedRecord {
  const text = readFileSync(sharedPath('seeds', 'salt-typhoon-telecom-breach.txt'), 'utf8');
  const html = textAsHtml(text, 'Salt Typhoon telecom breach (seed)');
  return { name: 'seed', record: extractArticle(html, { url: 'https://seed.example/salt-typhoon', ...PINNED }) };
}

/** A page extractArticle refuses (NO_ARTICLE: nothing to extract) gives no record to export. */
function extracted(html: string, url: string | null): ArticleRecord | null {
  try {
    return extractArticle(html, { url, ...PINNED });
  } catch (err) {
    if (err instanceof NewsintError && err.code === 'NO_ARTICLE') return null;
    throw err;
  }
}

function htmlDevSet(dir: string, stride: number, label: string): NamedRecord[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
  return every(Object.keys(truth).sort(), stride).flatMap((id) => {
    const record = extracted(readFileSync(join(dir, 'html', `${id}.html`), 'utf8'), truth[id]?.url || null);
    return record ? [{ name: `${label} ${id.slice(0, 12)}`, record }] : [];
  });
}

interface EntityDoc {
  id: string;
  text: string;
  entities: Array<{ type: string }>;
}

/** Documents with indicators in their gold labels come first: they exercise indicator export. */
function textDevSet(file: string, count: number): NamedRecord[] {
  const docs = readFileSync(sharedPath('datasets', 'entities-dev', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EntityDoc);
  const withIocs = docs.filter((d) => d.entities.some((e) => INDICATOR_TYPES.has(e.type)));
  const pool = withIocs.length >= count ? withIocs : docs;
  const picked = every(pool, Math.max(1, Math.floor(pool.length / count))).slice(0, count);
  return picked.map((d) => ({
    name: d.id,
    record: extractArticle(textAsHtml(d.text, d.id), { url: `https://dev.example/${encodeURIComponent(d.id)}`, ...PINNED }),
  }));
}

export function devSetRecords(): NamedRecord[] {
  return [
    ...htmlDevSet(sharedPath('datasets', 'article-extraction-dev'), 6, 'content-2019'),
    ...htmlDevSet(sharedPath('datasets', 'article-extraction-modern-dev'), 20, 'content-modern'),
    ...textDevSet('aptner-train-dev.jsonl', 16),
    ...textDevSet('annoctr-train-dev.jsonl', 8),
  ];
}
