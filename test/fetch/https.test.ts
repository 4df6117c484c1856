/**
 * HTTPS through the guarded connector: a throw-away certificate for "news.test", a real
 * TLS server on 127.0.0.1, and the name resolved by the guard; certificate errors are final.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../src/fetch/index.js';
import { NewsintError } from '../../src/errors.js';

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
});
