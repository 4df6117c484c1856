/**
 * The fetcher against a real HTTP server on 127.0.0.1 (opened with allowNets): pages,
 * charsets, content types, feeds, compression, conditional GET and the User-Agent.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type FetchRequest, type Fetcher } from '../../src/fetch/index.js';
import { NewsintError } from '../../src/errors.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { fetchFailure } from './fetch-failure.js';

const ARTICLE = `<!doctype html><html><head><title>Water utility breach</title></head>
<body><article><p>A regional water utility said on Tuesday that intruders reached its billing network.</p></article></body></html>`;

// A French-language advisory saved by an old CMS in windows-1252: curly quotes live in 0x80-0x9f.
const CP1252_TEXT = 'L’agence a publié un avis – « correctif urgent » pour les routeurs.';
const cp1252Page = (head: string) => iconv.encode(`<html><head>${head}<title>Avis</title></head><body><p>${CP1252_TEXT}</p></body></html>`, 'windows-1252');

const RSS = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Advisories</title>
<item><title>Patch now</title><link>https://news.example/patch-now</link></item></channel></rss>`;
const SITEMAP = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example/a</loc></url></urlset>`;

let server: TestServer;
let fetcher: Fetcher;
const seen: Record<string, string | undefined> = {};

beforeAll(async () => {
  server = await startServer({
    '/article': send(ARTICLE),
    '/xhtml': send(ARTICLE, 'application/xhtml+xml'),
    '/cp1252-header': send(cp1252Page(''), 'text/html; charset=windows-1252'),
    '/cp1252-meta': send(cp1252Page('<meta charset="windows-1252">'), 'text/html'),
    '/cp1252-http-equiv': send(cp1252Page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'), 'text/html'),
    '/utf8-bom': send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<html><body><p>${CP1252_TEXT}</p></body></html>`)]), 'text/html'),
    '/untyped-html': (_req, res) => {
      res.writeHead(200); // no content-type at all: sniffed
      res.end(ARTICLE);
    },
    '/untyped-binary': (_req, res) => {
      res.writeHead(200);
      res.end(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff]));
    },
    '/robots-untyped': (_req, res) => {
      res.writeHead(200);
      res.end('User-agent: *\nDisallow: /private/\n');
    },
    '/report.pdf': send(Buffer.from('%PDF-1.7 not really'), 'application/pdf'),
    '/notes.txt': send('plain notes', 'text/plain'),
    '/feed.xml': send(RSS, 'application/rss+xml; charset=utf-8'),
    '/atom': send('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', 'application/atom+xml'),
    '/feed.json': send('{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'application/feed+json'),
    '/sitemap.xml.gz': send(gzipSync(SITEMAP), 'application/x-gzip'),
    '/sitemap-octet.gz': send(gzipSync(SITEMAP), 'application/octet-stream'),
    '/gzip': send(gzipSync(ARTICLE), 'text/html; charset=utf-8', 200, { 'content-encoding': 'gzip' }),
    '/deflate': send(deflateSync(ARTICLE), 'text/html; charset=utf-8', 200, { 'content-encoding': 'deflate' }),
    '/raw-deflate': send(deflateRawSync(ARTICLE), 'text/html; charset=utf-8', 200, { 'content-encoding': 'deflate' }),
    '/gzip-then-br': send(brotliCompressSync(gzipSync(ARTICLE)), 'text/html; charset=utf-8', 200, { 'content-encoding': 'gzip, br' }),
    '/br': send(brotliCompressSync(ARTICLE), 'text/html; charset=utf-8', 200, { 'content-encoding': 'br' }),
    '/conditional': (req, res) => {
      seen.ifNoneMatch = req.headers['if-none-match'];
      seen.ifModifiedSince = req.headers['if-modified-since'];
      if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Tue, 12 Nov 2024 08:00:00 GMT') {
        res.writeHead(304, { etag: '"v1"' });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'last-modified': 'Tue, 12 Nov 2024 08:00:00 GMT' });
      res.end(ARTICLE);
    },
    '/whoami': (req, res) => {
      seen.userAgent = req.headers['user-agent'];
      seen.accept = req.headers['accept'];
      seen.acceptEncoding = req.headers['accept-encoding'];
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(ARTICLE);
    },
  });
  fetcher = createFetcher({ allowNets: ['127.0.0.1/32'], contactUrl: 'https://ops.example/crawler' });
});

afterAll(async () => {
  await fetcher?.close();
  await server?.close();
});

const failure = (req: FetchRequest, f: Fetcher = fetcher): Promise<NewsintError> => fetchFailure(f, req);

describe('HTML pages', () => {
  it('returns the page with its metadata', async () => {
    const url = server.url('/article');
    const r = await fetcher.fetch({ url });
    expect(r).toMatchObject({ requestedUrl: url, finalUrl: url, status: 200, notModified: false, redirects: [] });
    expect(r.contentType).toBe('text/html; charset=utf-8');
    expect(r.text).toBe(ARTICLE);
    expect(Buffer.from(r.body).toString('utf8')).toBe(ARTICLE);
    expect(Date.parse(r.fetchedAt)).not.toBeNaN();
  });

  it('accepts XHTML', async () => {
    expect((await fetcher.fetch({ url: server.url('/xhtml') })).text).toBe(ARTICLE);
  });

  it.each(['/cp1252-header', '/cp1252-meta', '/cp1252-http-equiv', '/utf8-bom'])('decodes %s by the declared charset', async (path) => {
    const r = await fetcher.fetch({ url: server.url(path) });
    expect(r.text).toContain(CP1252_TEXT);
    expect(r.text).not.toContain('\ufeff');
  });

  it.each(['/gzip', '/deflate', '/raw-deflate', '/br', '/gzip-then-br'])('undoes content-encoding %s', async (path) => {
    const r = await fetcher.fetch({ url: server.url(path) });
    expect(r.text).toBe(ARTICLE);
  });

  it('sniffs a page sent without content type', async () => {
    expect((await fetcher.fetch({ url: server.url('/untyped-html') })).text).toBe(ARTICLE);
  });

  it.each(['/report.pdf', '/notes.txt', '/untyped-binary', '/feed.xml'])('refuses %s as NOT_HTML, permanently', async (path) => {
    const err = await failure({ url: server.url(path) });
    expect(err.code).toBe('NOT_HTML');
    expect(err.kind).toBe('permanent');
    expect(err.message).toContain(server.url(path));
  });
});

describe('feed mode', () => {
  it.each(['/feed.xml', '/atom', '/feed.json', '/article'])('accepts %s', async (path) => {
    const r = await fetcher.fetch({ url: server.url(path), accept: 'feed' });
    expect(r.status).toBe(200);
    expect(r.text.length).toBeGreaterThan(10);
  });

  it.each(['/sitemap.xml.gz', '/sitemap-octet.gz'])('gunzips %s into the sitemap XML', async (path) => {
    const r = await fetcher.fetch({ url: server.url(path), accept: 'feed' });
    expect(r.text).toBe(SITEMAP);
    expect(Buffer.from(r.body).toString('utf8')).toBe(SITEMAP);
  });

  it('takes an untyped text body (robots.txt, text sitemaps) that HTML mode refuses', async () => {
    const r = await fetcher.fetch({ url: server.url('/robots-untyped'), accept: 'feed' });
    expect(r.text).toContain('Disallow: /private/');
    expect((await failure({ url: server.url('/robots-untyped') })).code).toBe('NOT_HTML');
  });

  it('refuses an untyped binary body', async () => {
    expect((await failure({ url: server.url('/untyped-binary'), accept: 'feed' })).code).toBe('NOT_HTML');
  });

  it('still refuses a PDF', async () => {
    expect((await failure({ url: server.url('/report.pdf'), accept: 'feed' })).code).toBe('NOT_HTML');
  });
});

describe('conditional GET', () => {
  it('sends the validators it is given and reports a 304 as notModified', async () => {
    const first = await fetcher.fetch({ url: server.url('/conditional') });
    expect(first).toMatchObject({ status: 200, etag: '"v1"', lastModified: 'Tue, 12 Nov 2024 08:00:00 GMT', notModified: false });
    expect(seen.ifNoneMatch).toBeUndefined();

    const again = await fetcher.fetch({ url: server.url('/conditional'), etag: first.etag, lastModified: first.lastModified });
    expect(seen.ifNoneMatch).toBe('"v1"');
    expect(seen.ifModifiedSince).toBe('Tue, 12 Nov 2024 08:00:00 GMT');
    expect(again).toMatchObject({ status: 304, notModified: true, text: '' });
    expect(again.body.byteLength).toBe(0);
  });

  it('uses If-Modified-Since alone when there is no ETag', async () => {
    const r = await fetcher.fetch({ url: server.url('/conditional'), lastModified: 'Tue, 12 Nov 2024 08:00:00 GMT' });
    expect(seen.ifNoneMatch).toBeUndefined();
    expect(r.notModified).toBe(true);
  });
});

describe('request headers', () => {
  it('names the product, its version and the contact URL', async () => {
    await fetcher.fetch({ url: server.url('/whoami') });
    expect(seen.userAgent).toMatch(/^newsint\/\d+\.\d+\.\d+\S* \(\+https:\/\/ops\.example\/crawler\)$/);
    expect(seen.accept).toContain('text/html');
    expect(seen.acceptEncoding).toBe('gzip, deflate, br');
  });

  it('uses an explicit userAgent as given', async () => {
    const custom = createFetcher({ allowNets: ['127.0.0.1/32'], userAgent: 'newsint-test/1 (+https://ops.example)' });
    try {
      await custom.fetch({ url: server.url('/whoami'), accept: 'feed' });
      expect(seen.userAgent).toBe('newsint-test/1 (+https://ops.example)');
      expect(seen.accept).toContain('application/rss+xml');
    } finally {
      await custom.close();
    }
  });
});
