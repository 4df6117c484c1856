import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { extractArticle } from '../src/extract-article.js';
import { ArticleRecordSchema } from '../src/record/schema.js';
import { canonicalizeUrl } from '../src/url/canonical.js';

const page = (head: string, body: string) => `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('extractArticle', () => {
  it('derives id from the canonical URL, resolving a relative canonical link against the page URL', () => {
    const html = page('<link rel="canonical" href="/news/story?utm_source=x&b=2&a=1#top">', '<article><p>Body text.</p></article>');
    const record = extractArticle(html, { url: 'https://Example.COM/amp/story' });
    expect(record.url).toBe('https://Example.COM/amp/story');
    expect(record.canonicalUrl).toBe('https://example.com/news/story?a=1&b=2');
    expect(record.id).toBe(sha('https://example.com/news/story?a=1&b=2'));
  });

  it('falls back to the requested URL, then to the text, for the id', () => {
    const withUrl = extractArticle(page('', '<p>x</p>'), { url: 'https://example.com/a?fbclid=1' });
    expect(withUrl.canonicalUrl).toBe('https://example.com/a');
    const noUrl = extractArticle(page('', '<p>x</p>'));
    expect(noUrl.url).toBeNull();
    expect(noUrl.canonicalUrl).toBeNull();
    expect(noUrl.id).toBe(sha(noUrl.text));
  });

  it('normalizes fetchedAt and keeps a pinned extractedAt, so output is reproducible', () => {
    const opts = { fetchedAt: '2024-11-14T10:30:00-05:00', extractedAt: '2024-11-15T00:00:00.000Z' };
    const a = extractArticle(page('', '<p>Same page.</p>'), opts);
    const b = extractArticle(page('', '<p>Same page.</p>'), opts);
    expect(a.fetchedAt).toBe('2024-11-14T15:30:00.000Z');
    expect(a).toEqual(b);
    expect(() => ArticleRecordSchema.parse(a)).not.toThrow();
  });

  it('ignores an unparsable fetchedAt instead of emitting an invalid record', () => {
    const record = extractArticle(page('', '<p>x</p>'), { fetchedAt: 'yesterday-ish' });
    expect(record.fetchedAt).toBeNull();
  });
});

describe('canonicalizeUrl', () => {
  it('drops fragments, credentials, default ports and tracking parameters and sorts the query', () => {
    expect(canonicalizeUrl('HTTPS://user:pw@News.Example.com:443/a/b?z=1&utm_medium=rss&a=2&fbclid=abc#frag')).toBe(
      'https://news.example.com/a/b?a=2&z=1',
    );
  });
  it('refuses what is not an absolute http(s) URL', () => {
    expect(canonicalizeUrl('ftp://example.com/x')).toBeNull();
    expect(canonicalizeUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalizeUrl('not a url')).toBeNull();
  });
});
