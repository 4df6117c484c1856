import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractArticle } from '../src/extract-article.js';
import { ArticleRecordSchema } from '../src/record/schema.js';

/** A safety net against pathological slowness, not a benchmark: generous on a shared 2-core machine. */
const MAX_MS_PER_MB = 2000;
const PINNED = { url: 'https://example.com/a', extractedAt: '2024-01-01T00:00:00.000Z' };

function check(html: string) {
  const record = extractArticle(html, PINNED);
  expect(() => ArticleRecordSchema.parse(record)).not.toThrow();
  return record;
}

function timed(html: string) {
  const t0 = performance.now();
  const record = check(html);
  const ms = performance.now() - t0;
  const mb = Math.max(html.length / 1e6, 0.5); // tiny inputs: allow at least half a MB's budget
  expect(ms / mb).toBeLessThan(MAX_MS_PER_MB);
  return record;
}

const TAGS = ['div', 'p', 'span', 'article', 'table', 'tr', 'td', 'ul', 'li', 'a', 'script', 'style', 'h1', 'h2', 'br', 'form', 'nav', 'pre', 'b'];
const fragment = fc.oneof(
  fc.constantFrom(...TAGS).map((t) => `<${t}>`),
  fc.constantFrom(...TAGS).map((t) => `</${t}>`),
  fc.constantFrom('<!--', '-->', '<![CDATA[', ']]>', '<', '>', '&amp;', '&#x1F600;', '&bogus;', '"', "'", '<p class="share">', '<div style="display:none">', '<script type="application/ld+json">{"@type":"NewsArticle","headline":', '<meta property="og:title" content="x', '<time datetime="2024-02-30">'),
  fc.string({ maxLength: 40 }),
  fc.lorem({ maxCount: 12 }),
);

describe('extractArticle robustness', () => {
  it('never throws and always returns a schema-valid record on random HTML soup', () => {
    fc.assert(fc.property(fc.array(fragment, { maxLength: 200 }), (parts) => void check(parts.join(''))), { numRuns: 300 });
  });

  it('survives arbitrary strings, including binary garbage', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => void check(s)), { numRuns: 200 });
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    timed(bytes.toString('latin1'));
    timed(bytes.toString('utf8'));
  });

  it('handles the empty string and whitespace', () => {
    expect(check('').text).toBe('');
    expect(check('   \n\t ').text).toBe('');
  });

  it('handles 100k-deep nesting without blowing the stack', () => {
    const depth = 100_000;
    const deepDivs = '<div>'.repeat(depth) + '<p>Deep text, with a comma, at the bottom of the tree.</p>' + '</div>'.repeat(depth);
    expect(timed(deepDivs).text).toContain('Deep text');
    timed('<span><b>'.repeat(depth) + 'unclosed inline soup');
    timed('<table><tr><td>'.repeat(20_000));
  });

  it('handles unclosed and misnested tags', () => {
    const r = timed('<html><body><article><p>First paragraph, unclosed<p>Second, <b>bold <i>both</b> italic</i><div>inside p?</article></span></td>');
    expect(r.text).toContain('First paragraph');
  });

  it('handles 10 MB of text in bounded time', () => {
    const sentence = 'The attackers moved laterally across the network, according to investigators. ';
    const tenMb = '<html><body><article><p>' + sentence.repeat(Math.ceil(10e6 / sentence.length)) + '</p></article></body></html>';
    const r = timed(tenMb);
    expect(r.wordCount).toBeGreaterThan(1_000_000);
  });

  it('handles 10 MB of many small paragraphs and links in bounded time', () => {
    const block = '<div class="item"><p>Short paragraph, with <a href="/x">a link</a>, and some more text here.</p></div>\n';
    timed('<html><body>' + block.repeat(Math.ceil(10e6 / block.length)) + '</body></html>');
  });
});
