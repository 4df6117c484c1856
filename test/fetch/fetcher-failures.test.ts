/**
 * How the fetcher fails, against a real server on 127.0.0.1: HTTP statuses, Retry-After,
 * redirects, timeouts and the byte cap (plain, gzip and sitemap bombs), each with its code.
 */
import { Readable } from 'node:stream';
import { createDeflateRaw, createGzip, gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type FetchRequest, type Fetcher } from '../../src/fetch/index.js';
import { NewsintError } from '../../src/errors.js';
import { send, startServer, type Handler, type TestServer } from '../helpers/http-server.js';
import { fetchFailure } from './fetch-failure.js';

const PAGE = '<html><body><p>Advisory text.</p></body></html>';
const SMALL_LIMITS = { headersTimeoutMs: 300, bodyTimeoutMs: 300, totalTimeoutMs: 2_000, maxBytes: 64 * 1024, maxRedirects: 3 };

const redirect = (location: string, status = 302): Handler => send('', 'text/plain', status, { location });

/** Runs `step` every `ms` until the client goes away; the server never ends the response itself. */
function every(res: ServerResponse, ms: number, step: () => void): void {
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : step()), ms);
  res.on('close', () => clearInterval(timer));
}

/**
 * An endless stream of zeros: a fetcher that did not stop at the cap would run into the
 * total deadline and fail with TIMEOUT instead of TOO_LARGE.
 */
function endlessZeros(): Readable {
  const chunk = Buffer.alloc(64 * 1024);
  return new Readable({
    read() {
      this.push(chunk);
    },
  });
}

let server: TestServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startServer({
    '/ok': send(PAGE),
    '/missing': send('gone', 'text/html', 404),
    '/removed': send('gone', 'text/html', 410),
    '/forbidden': send('no', 'text/html', 403),
    '/broken': send('oops', 'text/html', 500),
    '/unavailable': send('later', 'text/html', 503),
    '/busy-seconds': send('slow down', 'text/plain', 429, { 'retry-after': '7' }),
    '/busy-date': (_req, res) => send('slow down', 'text/plain', 429, { 'retry-after': new Date(Date.now() + 10_000).toUTCString() })(_req, res),
    '/busy-forever': send('slow down', 'text/plain', 429, { 'retry-after': '9999999' }),
    '/busy-bare': send('slow down', 'text/plain', 429),
    '/maintenance': send('later', 'text/html', 503, { 'retry-after': '120' }),
    // redirects
    '/dir/start': redirect('../hop/one'),
    '/hop/one': redirect('/hop/two', 301),
    // '/hop/two' is added once the port is known: an absolute Location
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/to-ftp': redirect('ftp://127.0.0.1/file'),
    '/no-location': send('', 'text/plain', 302),
    '/r1': redirect('/r2'),
    '/r2': redirect('/r3'),
    '/r3': redirect('/r4'),
    '/r4': redirect('/r-end'),
    '/r-end': send(PAGE),
    // slow and large
    '/slow-headers': (_req, res) => void setTimeout(() => !res.destroyed && send(PAGE)(_req, res), 1_500),
    '/slow-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>first part');
      // then silence, longer than bodyTimeoutMs
      every(res, 5_000, () => undefined);
    },
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      every(res, 100, () => res.write('<p>x</p>')); // never silent for long, never done
    },
    '/large-declared': send(Buffer.alloc(SMALL_LIMITS.maxBytes + 1, 0x61), 'text/html'),
    '/large-streamed': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      endlessZeros().pipe(res);
    },
    '/gzip-bomb': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      endlessZeros().pipe(createGzip()).pipe(res);
    },
    '/deflate-bomb': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
      endlessZeros().pipe(createDeflateRaw()).pipe(res);
    },
    '/sitemap-bomb.gz': send(gzipSync(Buffer.alloc(SMALL_LIMITS.maxBytes * 16)), 'application/x-gzip'),
    '/corrupt-gzip': send(Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 0xff)]), 'text/html', 200, { 'content-encoding': 'gzip' }),
    '/bad-encoding': send('data', 'text/html', 200, { 'content-encoding': 'compress' }),
  });
  const port = new URL(server.origin).port;
  server.route('/hop/two', redirect(`http://127.0.0.1:${port}/ok`, 307));
  fetcher = createFetcher({ allowNets: ['127.0.0.1/32'], limits: SMALL_LIMITS });
});

afterAll(async () => {
  await fetcher?.close();
  await server?.close();
});

const failure = (req: FetchRequest, f: Fetcher = fetcher): Promise<NewsintError> => fetchFailure(f, req);

describe('HTTP statuses', () => {
  it.each([
    ['/missing', 'HTTP_NOT_FOUND', 'permanent', 404],
    ['/removed', 'HTTP_NOT_FOUND', 'permanent', 410],
    ['/forbidden', 'HTTP_CLIENT_ERROR', 'permanent', 403],
    ['/broken', 'HTTP_SERVER_ERROR', 'transient', 500],
    ['/unavailable', 'HTTP_SERVER_ERROR', 'transient', 503],
  ])('%s fails with %s (%s)', async (path, code, kind, status) => {
    const err = await failure({ url: server.url(path) });
    expect({ code: err.code, kind: err.kind, status: err.status, url: err.url }).toEqual({ code, kind, status, url: server.url(path) });
    expect(err.message).toContain(server.url(path));
  });

  it('turns 429 with Retry-After in seconds into a throttled error', async () => {
    const err = await failure({ url: server.url('/busy-seconds') });
    expect(err).toMatchObject({ code: 'RATE_LIMITED', kind: 'throttled', retryAfterMs: 7_000, status: 429 });
  });

  it('reads Retry-After as an HTTP date', async () => {
    const err = await failure({ url: server.url('/busy-date') });
    expect(err.code).toBe('RATE_LIMITED');
    // HTTP dates have whole seconds: 10 s ahead lands between 8 and 10 s.
    expect(err.retryAfterMs).toBeGreaterThan(8_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(10_000);
  });

  it('caps an absurd Retry-After and defaults a missing one', async () => {
    expect((await failure({ url: server.url('/busy-forever') })).retryAfterMs).toBe(60 * 60_000);
    expect((await failure({ url: server.url('/busy-bare') })).retryAfterMs).toBe(60_000);
  });

  it('treats 503 with Retry-After as throttling', async () => {
    expect(await failure({ url: server.url('/maintenance') })).toMatchObject({ code: 'RATE_LIMITED', kind: 'throttled', retryAfterMs: 120_000 });
  });
});

describe('redirects', () => {
  it('follows a chain with a relative Location to the final page', async () => {
    const r = await fetcher.fetch({ url: server.url('/dir/start') });
    expect(r.status).toBe(200);
    expect(r.text).toBe(PAGE);
    expect(r.finalUrl).toBe(server.url('/ok'));
    expect(r.redirects).toEqual([server.url('/hop/one'), server.url('/hop/two'), server.url('/ok')]);
    expect(r.requestedUrl).toBe(server.url('/dir/start'));
  });

  it('stops a loop', async () => {
    const err = await failure({ url: server.url('/loop-a') });
    expect(err).toMatchObject({ code: 'TOO_MANY_REDIRECTS', kind: 'permanent' });
    expect(err.message).toContain('loop');
  });

  it('stops past the redirect cap', async () => {
    const err = await failure({ url: server.url('/r1') });
    expect(err).toMatchObject({ code: 'TOO_MANY_REDIRECTS', kind: 'permanent' });
    expect(err.message).toContain(server.url('/r1'));
    expect(server.hits.get('/r4')).toBe(1);
    expect(server.hits.get('/r-end') ?? 0).toBe(0);
  });

  it('refuses a redirect to another scheme', async () => {
    const err = await failure({ url: server.url('/to-ftp') });
    expect(err).toMatchObject({ code: 'BAD_URL', kind: 'permanent' });
    expect(err.message).toContain('ftp:');
  });

  it('reports a redirect without Location', async () => {
    expect((await failure({ url: server.url('/no-location') })).code).toBe('HTTP_CLIENT_ERROR');
  });
});

describe('timeouts', () => {
  it('gives up on slow headers', async () => {
    const err = await failure({ url: server.url('/slow-headers') });
    expect(err).toMatchObject({ code: 'TIMEOUT', kind: 'transient' });
    expect(err.message).toMatch(/^headers timeout after 300 ms/);
  });

  it('gives up on a body that goes silent', async () => {
    const err = await failure({ url: server.url('/slow-body') });
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/^body timeout after 300 ms/);
  });

  it('gives up on a body that trickles past the total deadline', async () => {
    const f = createFetcher({ allowNets: ['127.0.0.1/32'], limits: { ...SMALL_LIMITS, totalTimeoutMs: 700 } });
    try {
      const err = await failure({ url: server.url('/trickle') }, f);
      expect(err.code).toBe('TIMEOUT');
      expect(err.message).toMatch(/^total timeout after 700 ms/);
    } finally {
      await f.close();
    }
  });

  it('lets the caller cancel with its own signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('job cancelled')), 100);
    await expect(fetcher.fetch({ url: server.url('/trickle'), signal: controller.signal })).rejects.toThrow('job cancelled');
  });
});

describe('byte cap', () => {
  it('refuses a body whose Content-Length is over the cap', async () => {
    const err = await failure({ url: server.url('/large-declared') });
    expect(err).toMatchObject({ code: 'TOO_LARGE', kind: 'permanent' });
    expect(err.message).toContain(String(SMALL_LIMITS.maxBytes));
  });

  it('stops reading an endless body at the cap', async () => {
    expect((await failure({ url: server.url('/large-streamed') })).code).toBe('TOO_LARGE');
  });

  it('stops an endless gzip stream at the cap counted after decompression', async () => {
    expect((await failure({ url: server.url('/gzip-bomb') })).code).toBe('TOO_LARGE');
  });

  it('stops an endless raw-deflate stream at the cap too', async () => {
    expect((await failure({ url: server.url('/deflate-bomb') })).code).toBe('TOO_LARGE');
  });

  it('caps a gzipped sitemap on its decompressed size', async () => {
    // 16 times the cap of zeros compresses to a few kB: only decompression reveals it.
    expect((await failure({ url: server.url('/sitemap-bomb.gz'), accept: 'feed' })).code).toBe('TOO_LARGE');
  });

  it('refuses an encoding it cannot undo', async () => {
    const err = await failure({ url: server.url('/bad-encoding') });
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain('compress');
  });
});

describe('bad bodies and bad settings', () => {
  it('reports a corrupt gzip body as permanent', async () => {
    const err = await failure({ url: server.url('/corrupt-gzip') });
    expect(err).toMatchObject({ code: 'NETWORK', kind: 'permanent' });
    expect(err.message).toContain('corrupt compressed body');
  });

  it('refuses nonsense limits with a configuration error', () => {
    expect(() => createFetcher({ limits: { maxBytes: -1 } })).toThrow(/maxBytes must be a number >= 1/);
    expect(() => createFetcher({ limits: { totalTimeoutMs: Number.NaN } })).toThrow(/totalTimeoutMs/);
    expect(() => createFetcher({ allowNets: ['10.0.0.0/40'] })).toThrow(/10\.0\.0\.0\/40/);
  });
});

describe('network failures', () => {
  it('reports a refused connection as a transient NETWORK error', async () => {
    const closed = await startServer();
    const url = closed.url('/');
    await closed.close();
    const err = await failure({ url });
    expect(err).toMatchObject({ code: 'NETWORK', kind: 'transient' });
    expect(err.message).toContain('ECONNREFUSED');
  });
});
