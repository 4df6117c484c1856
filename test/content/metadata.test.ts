import { describe, expect, it } from 'vitest';
import { extractContent } from '../../extractors/content/index.js';

const body = '<article><p>One paragraph of body text that is long enough to be taken as the article, with a comma.</p></article>';
const page = (head: string, extra = '', htmlAttrs = '') => `<!doctype html><html ${htmlAttrs}><head>${head}</head><body>${extra}${body}</body></html>`;

const ld = (obj: unknown) => `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;
const meta = (key: string, content: string, attr = 'property') => `<meta ${attr}="${key}" content="${content}">`;

const ALL_SOURCES =
  ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'LD headline', datePublished: '2024-11-14T10:00:00Z', dateModified: '2024-11-15T08:00:00Z', author: [{ '@type': 'Person', name: 'Jane Roe' }, { '@type': 'Organization', name: 'Example Wire' }], publisher: { '@type': 'Organization', name: 'LD Publisher' } }) +
  meta('og:title', 'OG title') + meta('og:site_name', 'Example Security') + meta('article:published_time', '2020-01-01T00:00:00Z') +
  meta('author', 'Meta Author', 'name') + '<link rel="canonical" href="https://example.com/canonical">' + meta('og:url', 'https://example.com/og') +
  '<title>Title tag | Example Security</title>';

describe('extractContent metadata', () => {
  it('takes the headline as shown (the <h1> that agrees with the declared title), not its SEO variant or the logo', () => {
    const head = ld({ '@type': 'NewsArticle', headline: 'Volt Typhoon hits water utilities | Example' }) + meta('og:site_name', 'Example Security') + '<title>Volt Typhoon hits water utilities - Example Security</title>';
    const body = '<header><h1>Example Security</h1></header><main><h1 style="display:none">Hidden heading text</h1><h1>Volt Typhoon hits US water utilities, CISA says</h1><p>Body.</p></main>';
    expect(extractContent(page(head, body)).title).toBe('Volt Typhoon hits US water utilities, CISA says');
  });

  it('reads a date stated only in visible text, after the headline', () => {
    const body = '<div>Today is March 1, 2026</div><h1>Volt Typhoon hits US water utilities</h1><div class="meta"><span>By Jane Roe</span> <span>Published on July 18, 2025 • 5 min read</span></div><p>Body text.</p>';
    expect(extractContent(page('', body)).publishedAt).toBe('2025-07-18');
  });

  it('trusts JSON-LD first, then OpenGraph, and keeps only person authors', () => {
    // An <h1> that shares no words with the declared titles (a section label) is not the headline.
    const r = extractContent(page(ALL_SOURCES, '<h1>Latest from our blog</h1><time datetime="2019-05-05">May 5</time>', 'lang="en-us"'));
    expect(r.title).toBe('LD headline');
    expect(r.authors).toEqual(['Jane Roe']);
    expect(r.publishedAt).toBe('2024-11-14T10:00:00Z');
    expect(r.modifiedAt).toBe('2024-11-15T08:00:00Z');
    expect(r.siteName).toBe('Example Security');
    expect(r.canonicalUrl).toBe('https://example.com/canonical');
    expect(r.language).toBe('en-US');
  });

  it('finds the Article inside an @graph', () => {
    const graph = ld({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'Site' }, { '@type': ['BlogPosting'], headline: 'Graph headline', author: { name: 'By John Doe' }, datePublished: '2023-02-03' }] });
    const r = extractContent(page(graph));
    expect(r.title).toBe('Graph headline');
    expect(r.authors).toEqual(['John Doe']);
    expect(r.publishedAt).toBe('2023-02-03');
  });

  it('falls back to OpenGraph/article meta when there is no JSON-LD', () => {
    const head = meta('og:title', 'OG title') + meta('article:published_time', '2024-03-01T12:00:00Z') + meta('article:modified_time', '2024-03-02T12:00:00Z') + meta('og:url', 'https://example.com/og') + meta('og:locale', 'fr_FR') + meta('author', 'Marie Dupont', 'name');
    const r = extractContent(page(head));
    expect(r).toMatchObject({ title: 'OG title', publishedAt: '2024-03-01T12:00:00Z', modifiedAt: '2024-03-02T12:00:00Z', canonicalUrl: 'https://example.com/og', language: 'fr-FR', authors: ['Marie Dupont'] });
  });

  it('falls back to the h1, <time datetime> and a byline element', () => {
    const r = extractContent(page('<title>Title tag - Example</title>', '<h1>The h1 headline</h1><span class="byline">By Ann Lee and Bo Chen</span><time datetime="2022-07-08T09:00:00Z">July 8</time>'));
    expect(r.title).toBe('The h1 headline');
    expect(r.authors).toEqual(['Ann Lee', 'Bo Chen']);
    expect(r.publishedAt).toBe('2022-07-08T09:00:00Z');
  });

  it('uses <title> without its " | Site" suffix as the last resort', () => {
    expect(extractContent(page('<title>Patch now: critical flaw in gateways | Example Security</title>')).title).toBe('Patch now: critical flaw in gateways');
    expect(extractContent(page('<title>Patch now - Example</title>')).title).toBe('Patch now');
  });

  it('ignores malformed JSON-LD and invalid dates', () => {
    const head = '<script type="application/ld+json">{ not json </script>' + ld({ '@type': 'NewsArticle', datePublished: 'yesterday-ish' }) + meta('article:published_time', '2021-06-01T00:00:00Z');
    const r = extractContent(page(head));
    expect(r.publishedAt).toBe('2021-06-01T00:00:00Z');
  });

  it('reads the language from content-language when <html lang> is missing', () => {
    expect(extractContent(page('<meta http-equiv="content-language" content="de">')).language).toBe('de');
    expect(extractContent(page('')).language).toBeNull();
  });
});

describe('extractContent authors are people', () => {
  it('strips lead-ins and drops outlets and comment-form fields', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Analysis by Chris Doe"},{"@type":"Person","name":"Associated Press"}]}</script>';
    expect(extractContent(page(head)).authors).toEqual(['Chris Doe']);
    const form = '<form id="commentform"><label class="author">Name (required)</label></form><span class="byline">Posted by Kim Park</span>';
    expect(extractContent(page('', form)).authors).toEqual(['Kim Park']);
  });
});

describe('titles cut short', () => {
  it('takes the full declared title when the JSON-LD headline stops mid-sentence, at a word, at a length limit', () => {
    const full = 'Ask the Gardener: Why Do My Tomatoes Split After Rain? Three Readers Get Answers (Plus One Trick for Clay Soil)';
    const head = ld({ '@type': 'BlogPosting', headline: full.slice(0, full.indexOf(' One Trick')) }) + meta('og:title', `${full} - Backyard Notes`) + meta('og:site_name', 'Backyard Notes');
    expect(extractContent(page(head)).title).toBe(full);
  });

  it('does not grow a complete headline by the site name that follows it in og:title', () => {
    const head = ld({ '@type': 'BlogPosting', headline: 'Why tomatoes split after rain' }) + meta('og:title', 'Why tomatoes split after rain | Backyard Notes');
    expect(extractContent(page(head)).title).toBe('Why tomatoes split after rain');
  });
});

describe('titles by agreement of the page and its metadata', () => {
  it('takes the <h1> that agrees best with <title>, not a blog-name <h1> that shares a word or two', () => {
    const r = extractContent(page('<title>The Fold-and-Cut Problem (Jane Roe)</title>', "<h1>Jane Roe's Folding Pages:</h1><h1>The Fold-and-Cut Problem</h1>"));
    expect(r.title).toBe('The Fold-and-Cut Problem');
  });

  it('takes <title> over the blog name in a header <h1> when there is no og or JSON-LD title', () => {
    const r = extractContent(page('<title>Progress report number 39</title>', "<header><a href=\"/\"><h1>Ann's Blog</h1></a></header>"));
    expect(r.title).toBe('Progress report number 39');
  });

  it('takes the declared title when the <h1> lost characters to a bad encoding', () => {
    const head = meta('og:title', "Event Planning: Beginner's Guide") + "<title>Event Planning: Beginner's Guide</title>";
    expect(extractContent(page(head, '<h1>Event Planning? Beginner? Guide</h1>')).title).toBe("Event Planning: Beginner's Guide");
    // A question mark the headline means stays.
    expect(extractContent(page(meta('og:title', 'Is it DNS? | Net Blog'), '<h1>Is it DNS?</h1>')).title).toBe('Is it DNS?');
  });

  it('leaves out a <time> inside the <h1> when the declared title has no date, and keeps a date the title states', () => {
    const h1 = '<h1><a href="/p/hedges"><time datetime="2025-03-04">Mar 4 2025</time> Planting hedges for birds</a></h1>';
    expect(extractContent(page(meta('og:title', 'Planting hedges for birds') + '<title>Planting hedges for birds | Field Log</title>', h1)).title).toBe('Planting hedges for birds');
    const dated = '<h1>Garden almanac for <time datetime="2025-03">March 2025</time></h1>';
    expect(extractContent(page(meta('og:title', 'Garden almanac for March 2025'), dated)).title).toBe('Garden almanac for March 2025');
    // Nothing declared to agree with: the <h1> stays as shown.
    expect(extractContent(page('', h1)).title).toBe('Mar 4 2025 Planting hedges for birds');
  });

  it('takes an <h1> that only links to the front page for the logo, and cuts that name from the front of <title>', () => {
    const logo = '<h1><a href="https://ann.example/">ann.example</a></h1>';
    expect(extractContent(page('<title>ann.example Notes on pruning</title>', logo)).title).toBe('Notes on pruning');
    expect(extractContent(page("<title>Ann's Garden | Notes on pruning</title>", '<h1><a href="/">Ann\'s Garden</a></h1>')).title).toBe('Notes on pruning');
    // A name that is not host-shaped is cut only before a separator: it may begin the headline.
    expect(extractContent(page('<title>Pruning Notes for beginners</title>', '<h1><a href="/">Pruning</a></h1>')).title).toBe('Pruning Notes for beginners');
    // An <h1> linking to an article is a headline.
    expect(extractContent(page('<title>Notes on pruning | ann.example</title>', '<h1><a href="/notes/pruning">Notes on pruning</a></h1>')).title).toBe('Notes on pruning');
  });

  it('cuts the same " | Section" tail from an og:title that is <title> verbatim', () => {
    const t = 'Gardens make villages self-reliant | District';
    expect(extractContent(page(meta('og:title', t) + `<title>${t}</title>`)).title).toBe('Gardens make villages self-reliant');
  });
});
