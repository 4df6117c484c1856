import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NewsintError } from '../src/errors.js';
import { extractArticle } from '../src/extract-article.js';
import { ArticleRecordSchema } from '../src/record/schema.js';

/**
 * A safety net against pathological (superlinear) slowness, not a benchmark. The budget is per
 * MB and relative to a plain page extracted just before, in the same process: a loaded machine
 * slows both alike, a quadratic path does not. HEADROOM covers load swings between the two
 * and the heavier shapes (deep nesting costs more per MB than plain text); FLOOR_MS_PER_MB
 * keeps tiny inputs and timer noise from failing.
 */
const HEADROOM = 8;
const FLOOR_MS_PER_MB = 1000;
const BASELINE_SENTENCE = '<p>Investigators said the intrusion began with a phishing message sent to an engineer.</p>\n';
const BASELINE_HTML = '<html><body><article>' + BASELINE_SENTENCE.repeat(Math.ceil(5e5 / BASELINE_SENTENCE.length)) + '</article></body></html>';
const PINNED = { url: 'https://example.com/a', extractedAt: '2024-01-01T00:00:00.000Z' };

/** A schema-valid record, or (for input with no article text) a permanent NO_ARTICLE error: nothing else. */
function outcome(html: string) {
  try {
    const record = extractArticle(html, PINNED);
    expect(() => ArticleRecordSchema.parse(record)).not.toThrow();
    expect(record.text.trim()).not.toBe('');
    return record;
  } catch (err) {
    expect(err).toBeInstanceOf(NewsintError);
    expect((err as NewsintError).code).toBe('NO_ARTICLE');
    expect((err as NewsintError).permanent).toBe(true);
    return null;
  }
}

function msPerMb(html: string): { ms: number; record: ReturnType<typeof outcome> } {
  const t0 = performance.now();
  const record = outcome(html);
  const ms = performance.now() - t0;
  return { ms: ms / Math.max(html.length / 1e6, 0.5), record }; // tiny inputs: at least half a MB's budget
}

function timed(html: string) {
  // Best of two: a baseline run that met a burst of load would inflate the budget.
  const baseline = Math.min(msPerMb(BASELINE_HTML).ms, msPerMb(BASELINE_HTML).ms);
  const { ms, record } = msPerMb(html);
  expect(ms, `ms per MB; a plain page took ${baseline.toFixed(0)} ms per MB just before`).toBeLessThan(Math.max(FLOOR_MS_PER_MB, HEADROOM * baseline));
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
  it('returns a schema-valid record or a NO_ARTICLE error (never anything else) on random HTML soup', () => {
    fc.assert(fc.property(fc.array(fragment, { maxLength: 200 }), (parts) => void outcome(parts.join(''))), { numRuns: 300 });
  });

  it('survives arbitrary strings, including binary garbage', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => void outcome(s)), { numRuns: 200 });
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    timed(bytes.toString('latin1'));
    timed(bytes.toString('utf8'));
  });

  it('refuses the empty string, whitespace and a page of furniture only with NO_ARTICLE', () => {
    for (const html of ['', '   \n\t ', '<html><body><img src="a.png"><script>x()</script></body></html>']) {
      expect(() => extractArticle(html, PINNED), JSON.stringify(html)).toThrow(/the page holds no article text/);
      expect(outcome(html)).toBeNull();
    }
  });

  it('handles 100k-deep nesting without blowing the stack', { timeout: 120_000 }, () => {
    const depth = 100_000;
    const deepDivs = '<div>'.repeat(depth) + '<p>Deep text, with a comma, at the bottom of the tree.</p>' + '</div>'.repeat(depth);
    expect(timed(deepDivs)?.text).toContain('Deep text');
    timed('<span><b>'.repeat(depth) + 'unclosed inline soup');
    timed('<table><tr><td>'.repeat(20_000));
  });

  it('handles unclosed and misnested tags', () => {
    const r = timed('<html><body><article><p>First paragraph, unclosed<p>Second, <b>bold <i>both</b> italic</i><div>inside p?</article></span></td>');
    expect(r?.text).toContain('First paragraph');
  });

  it('handles 10 MB of text in bounded time', { timeout: 120_000 }, () => {
    const sentence = 'The attackers moved laterally across the network, according to investigators. ';
    const tenMb = '<html><body><article><p>' + sentence.repeat(Math.ceil(10e6 / sentence.length)) + '</p></article></body></html>';
    const r = timed(tenMb);
    expect(r?.wordCount).toBeGreaterThan(1_000_000);
  });

  it('handles 10 MB of many small paragraphs and links in bounded time', { timeout: 120_000 }, () => {
    const block = '<div class="item"><p>Short paragraph, with <a href="/x">a link</a>, and some more text here.</p></div>\n';
    timed('<html><body>' + block.repeat(Math.ceil(10e6 / block.length)) + '</body></html>');
  });
});
