/**
 * A small news site for the pipeline tests, served by the real HTTP helper: the sample
 * pages under /news/, an RSS feed, an Atom feed, a sitemap index with a gzipped child and
 * a news sitemap, and a robots.txt that closes /private/.
 */
import { gzipSync } from 'node:zlib';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { samplePages } from './harness.js';

export interface NewsSite {
  server: TestServer;
  /** Article path by sample name, e.g. "/news/joint-advisory-volt-typhoon". */
  articles: string[];
  pages: Map<string, Buffer>;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export async function startNewsSite(): Promise<NewsSite> {
  const pages = samplePages();
  const server = await startServer({ '/robots.txt': send('User-agent: *\nDisallow: /private/\n', 'text/plain') });
  const articles: string[] = [];
  for (const [name, html] of pages) {
    const path = `/news/${name}`;
    articles.push(path);
    server.route(path, send(html, 'text/html'));
  }
  const url = (p: string) => server.url(p);
  const third = Math.ceil(articles.length / 3);
  const inRss = articles.slice(0, third + 1);
  const inAtom = articles.slice(third, 2 * third + 1);
  const inSitemaps = articles.slice(2 * third);

  // RSS: one link carries a tracking parameter, which canonicalization must drop.
  const rssItems = inRss
    .map((p, i) => `<item><title>Story ${i}</title><link>${xmlEscape(url(p) + (i === 0 ? '?utm_source=rss&utm_medium=feed' : ''))}</link></item>`)
    .join('');
  server.route('/feed.rss', send(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>${rssItems}</channel></rss>`, 'application/rss+xml'));

  const atomEntries = inAtom.map((p, i) => `<entry><title>Entry ${i}</title><link rel="alternate" href="${url(p)}"/><id>urn:x:${i}</id></entry>`).join('');
  server.route('/feed.atom', send(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>${atomEntries}</feed>`, 'application/atom+xml'));

  const urlset = (paths: string[], news = false) =>
    `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${news ? ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' : ''}>` +
    paths.map((p) => `<url><loc>${url(p)}</loc>${news ? '<news:news><news:title>x</news:title></news:news>' : ''}</url>`).join('') +
    '</urlset>';
  server.route('/sitemap-1.xml.gz', send(gzipSync(urlset(inSitemaps.slice(0, -1))), 'application/gzip'));
  server.route('/news-sitemap.xml', send(urlset(inSitemaps.slice(-1).concat(inRss.slice(0, 1)), true), 'application/xml'));
  server.route(
    '/sitemap-index.xml',
    send(
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${url('/sitemap-1.xml.gz')}</loc></sitemap><sitemap><loc>${url('/news-sitemap.xml')}</loc></sitemap></sitemapindex>`,
      'application/xml',
    ),
  );
  return { server, articles, pages };
}
