/**
 * HTTPS through the guarded connector: a throw-away certificate for "news.test", a real
 * TLS server on 127.0.0.1, and the name resolved by the guard; certificate errors are final.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../src/fetch/index.js';
import { NewsintError } from '../../src/errors.js';
import { toFetchError } from '../../src/fetch/errors.js';
import { DEFAULT_FETCH_LIMITS } from '../../src/fetch/types.js';

const PAGE = '<html><body><p>Served over TLS.</p></body></html>';
const toLoopback = async () => [{ address: '127.0.0.1', family: 4 }];

let dir: string;
let cert: Buffer;
let server: Server;
let port: number;
const fetchers: Fetcher[] = [];

function fetcherWith(options: FetcherOptions): Fetcher {
  const f = createFetcher({ allowNets: ['127.0.0.1/32'], resolve: toLoopback, ...options });
  fetchers.push(f);
  return f;
}

async function failure(f: Fetcher, url: string): Promise<NewsintError> {
  const err = await f.fetch({ url }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NewsintError);
  return err as NewsintError;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsint-tls-'));
  // A one-day self-signed certificate made for this run; nothing secret is kept in the repo.
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
    '-subj', '/CN=news.test', '-addext', 'subjectAltName=DNS:news.test',
  ], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('https', () => {
  it('fetches a page whose certificate matches the host name', async () => {
    const r = await fetcherWith({ ca: cert }).fetch({ url: `https://news.test:${port}/story` });
    expect(r.status).toBe(200);
    expect(r.text).toBe(PAGE);
  });

  it('refuses an untrusted certificate, permanently', async () => {
    const err = await failure(fetcherWith({}), `https://news.test:${port}/story`);
    expect(err).toMatchObject({ code: 'NETWORK', kind: 'permanent' });
    expect(err.message).toContain('SELF_SIGNED');
  });

  it('refuses a certificate made for another name', async () => {
    const err = await failure(fetcherWith({ ca: cert }), `https://127.0.0.1:${port}/story`);
    expect(err).toMatchObject({ code: 'NETWORK', kind: 'permanent' });
    expect(err.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('still guards the resolved address', async () => {
    const f = fetcherWith({ ca: cert, resolve: async () => [{ address: '192.168.10.10', family: 4 }] });
    expect((await failure(f, `https://news.test:${port}/story`)).code).toBe('BLOCKED_ADDRESS');
  });

  it('https:// to a plain-HTTP port: a permanent failure naming the origin, no OpenSSL text', async () => {
    const plain = createHttpServer((_req, res) => res.end('plain'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const plainPort = (plain.address() as AddressInfo).port;
    try {
      const f = fetcherWith({});
      for (const path of ['/robots.txt', '/story']) {
        const err = await failure(f, `https://127.0.0.1:${plainPort}${path}`);
        expect(err).toMatchObject({ code: 'NETWORK', kind: 'permanent' });
        expect(err.message).toBe(`https://127.0.0.1:${plainPort} does not speak TLS on that port (the server answered in plain text): use http:// or the site's https port`);
      }
    } finally {
      await new Promise((r) => plain.close(r));
    }
  });

  it('other TLS handshake failures: permanent or transient by reason, OpenSSL reason only', () => {
    const openssl = (code: string, reason: string) =>
      Object.assign(new Error(`80FCEC95587F0000:error:0A000410:SSL routines:ssl3_read_bytes:${reason}:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 40\n`), { code });
    const url = 'https://news.test/a';
    const incompatible = toFetchError(openssl('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'sslv3 alert handshake failure'), url, DEFAULT_FETCH_LIMITS);
    expect(incompatible).toMatchObject({ code: 'NETWORK', kind: 'permanent' });
    expect(incompatible.message).toBe('TLS handshake with https://news.test failed: no TLS version or cipher in common (sslv3 alert handshake failure); the site must change its TLS settings');
    const glitch = toFetchError(openssl('ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', 'decryption failed or bad record mac'), url, DEFAULT_FETCH_LIMITS);
    expect(glitch).toMatchObject({ code: 'NETWORK', kind: 'transient' });
    expect(glitch.message).toBe('TLS handshake with https://news.test failed (decryption failed or bad record mac)');
  });
});
