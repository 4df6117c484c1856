/** The discovery parsers: every feed and sitemap flavour to absolute article URLs. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipText, isGzip, parseDiscovery } from '../../src/discover/index.js';

const BASE = 'https://news.example.org/feeds/main.xml';

describe('parseDiscovery', () => {
  it('RSS 2.0: item links, relative ones resolved, guid permalink as fallback', () => {
    const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://news.example.org/</link>
<item><title>A</title><link>https://news.example.org/2024/11/a.html</link></item>
<item><title>B</title><link>/2024/11/b.html</link></item>
<item><title>C</title><guid isPermaLink="true">https://news.example.org/2024/11/c.html</guid></item>
<item><title>D</title><guid isPermaLink="false">tag:news.example.org,2024:d</guid></item>
</channel></rss>`;
    expect(parseDiscovery(rss, BASE)).toEqual({
      kind: 'rss',
      articles: ['https://news.example.org/2024/11/a.html', 'https://news.example.org/2024/11/b.html', 'https://news.example.org/2024/11/c.html'],
      sitemaps: [],
    });
  });

  it('RSS 1.0 (RDF)', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://x.example/"><title>X</title></channel>
<item rdf:about="https://x.example/one"><title>One</title><link>https://x.example/one</link></item></rdf:RDF>`;
    expect(parseDiscovery(rdf, BASE).articles).toEqual(['https://x.example/one']);
  });

  it('Atom: the alternate link of each entry, not self/enclosure links', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<link rel="self" href="https://blog.example.com/atom.xml"/>
<entry><title>One</title><link rel="enclosure" href="https://blog.example.com/one.mp3"/><link href="https://blog.example.com/posts/one"/></entry>
<entry><title>Two</title><link rel="alternate" type="text/html" href="posts/two"/></entry>
</feed>`;
    expect(parseDiscovery(atom, 'https://blog.example.com/atom.xml')).toEqual({
      kind: 'atom',
      articles: ['https://blog.example.com/posts/one', 'https://blog.example.com/posts/two'],
      sitemaps: [],
    });
  });

  it('JSON Feed: url, else external_url', () => {
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [{ id: '1', url: 'https://j.example/1' }, { id: '2', external_url: 'https://other.example/2' }, { id: '3' }],
    });
    expect(parseDiscovery(feed, BASE)).toEqual({ kind: 'jsonfeed', articles: ['https://j.example/1', 'https://other.example/2'], sitemaps: [] });
  });

  it('sitemap, news sitemap and sitemap index', () => {
    const urlset = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://n.example/a</loc><news:news><news:publication><news:name>N</news:name></news:publication><news:title>A</news:title></news:news></url>
<url><loc> https://n.example/b </loc></url><url><loc>https://n.example/a</loc></url></urlset>`;
    expect(parseDiscovery(urlset, BASE)).toEqual({ kind: 'urlset', articles: ['https://n.example/a', 'https://n.example/b'], sitemaps: [] });

    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://n.example/sitemap-1.xml.gz</loc></sitemap><sitemap><loc>https://n.example/sitemap-2.xml</loc></sitemap></sitemapindex>`;
    expect(parseDiscovery(index, BASE)).toEqual({ kind: 'sitemapindex', articles: [], sitemaps: ['https://n.example/sitemap-1.xml.gz', 'https://n.example/sitemap-2.xml'] });
  });

  it('text sitemap, one URL a line', () => {
    expect(parseDiscovery('https://t.example/1\nhttps://t.example/2\n', BASE).articles).toEqual(['https://t.example/1', 'https://t.example/2']);
  });

  it('anything else is a permanent FEED_PARSE error', () => {
    expect(() => parseDiscovery('<html><body>not a feed</body></html>', BASE)).toThrow(/FEED_PARSE|not an RSS/);
    let caught: unknown;
    try {
      parseDiscovery('hello', BASE);
    } catch (err) {
      caught = err;
    }
    // Asserted outside the catch: a call that did not throw fails here.
    expect(caught).toMatchObject({ code: 'FEED_PARSE', kind: 'permanent' });
  });

  it('gunzips a gzipped sitemap body', () => {
    const gz = gzipSync('<urlset><url><loc>https://g.example/x</loc></url></urlset>');
    expect(isGzip(gz)).toBe(true);
    expect(parseDiscovery(gunzipText(gz, BASE), BASE).articles).toEqual(['https://g.example/x']);
    expect(() => gunzipText(gz, BASE, 10)).toThrow(/oversized/);
  });
});
