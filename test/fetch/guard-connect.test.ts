/**
 * The SSRF guard end to end: real servers on loopback addresses, the fetcher allowed only
 * 127.0.0.1/32, and every way round it (redirects, other loopback spellings, DNS answers,
 * rebinding between two fetches) refused before the forbidden server sees a request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type FetchRequest, type Fetcher, type FetcherOptions } from '../../src/fetch/index.js';
import { NewsintError } from '../../src/errors.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';

const PAGE = '<html><body><p>Public page.</p></body></html>';
const ALLOW_ONE = ['127.0.0.1/32'];

/** A server that must never be reached: it counts the requests it gets. */
interface Forbidden {
  port: number;
  hits: number;
  server: Server;
}

async function forbiddenServer(host: string, port = 0): Promise<Forbidden> {
  const state = { port: 0, hits: 0 } as Forbidden;
  state.server = createServer((_req, res) => {
    state.hits += 1;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>internal admin page</body></html>');
  });
  await new Promise<void>((resolve, reject) => state.server.once('error', reject).listen(port, host, resolve));
  state.port = (state.server.address() as AddressInfo).port;
  return state;
}

let server: TestServer;
let port: string;
let lo2: Forbidden;
let lo6: Forbidden;
const fetchers: Fetcher[] = [];

function fetcherWith(options: FetcherOptions = {}): Fetcher {
  const f = createFetcher(options);
  fetchers.push(f);
  return f;
}

async function failure(f: Fetcher, req: FetchRequest): Promise<NewsintError> {
  const err = await f.fetch(req).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NewsintError);
  return err as NewsintError;
}

beforeAll(async () => {
  server = await startServer({ '/page': send(PAGE) });
  port = new URL(server.origin).port;
  // Same port on the other loopback addresses, so only the guard stands in the way.
  lo2 = await forbiddenServer('127.0.0.2');
  lo6 = await forbiddenServer('::1');
  server.route('/to-127.0.0.2', send('', 'text/plain', 302, { location: `http://127.0.0.2:${lo2.port}/admin` }));
  server.route('/to-decimal', send('', 'text/plain', 301, { location: `http://2130706434:${lo2.port}/admin` })); // 127.0.0.2
  server.route('/to-mapped', send('', 'text/plain', 307, { location: `http://[::ffff:127.0.0.2]:${lo2.port}/admin` }));
  server.route('/to-ipv6', send('', 'text/plain', 302, { location: `http://[::1]:${lo6.port}/admin` }));
  server.route('/to-localhost', send('', 'text/plain', 302, { location: `http://localhost.:${lo6.port}/admin` }));
  server.route('/to-metadata', send('', 'text/plain', 302, { location: 'http://169.254.169.254/latest/meta-data/iam/' }));
});

afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await server?.close();
  for (const s of [lo2, lo6]) if (s) await new Promise((r) => s.server.close(r));
});

describe('without an allow-list', () => {
  it('refuses 127.0.0.1 before connecting', async () => {
    const before = server.hits.get('/page') ?? 0;
    const err = await failure(fetcherWith(), { url: server.url('/page') });
    expect(err).toMatchObject({ code: 'BLOCKED_ADDRESS', kind: 'permanent' });
    expect(err.message).toContain('127.0.0.1 (loopback address)');
    expect(err.message).toContain('NEWSINT_ALLOW_NETS');
    expect(server.hits.get('/page') ?? 0).toBe(before);
  });

  it('refuses localhost by name', async () => {
    const err = await failure(fetcherWith(), { url: `http://localhost:${port}/page` });
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(err.message).toContain('localhost');
  });
});

describe('allowed 127.0.0.1/32 only', () => {
  it('fetches from 127.0.0.1', async () => {
    const r = await fetcherWith({ allowNets: ALLOW_ONE }).fetch({ url: server.url('/page') });
    expect(r.text).toBe(PAGE);
  });

  it.each([
    ['/to-127.0.0.2', '127.0.0.2'],
    ['/to-decimal', '127.0.0.2'],
    ['/to-mapped', '127.0.0.2'],
    ['/to-ipv6', '::1'],
    ['/to-localhost', 'localhost.'],
    ['/to-metadata', '169.254.169.254 (cloud metadata address)'],
  ])('refuses the redirect %s to another loopback or internal address', async (path, named) => {
    const err = await failure(fetcherWith({ allowNets: ALLOW_ONE }), { url: server.url(path) });
    expect(err).toMatchObject({ code: 'BLOCKED_ADDRESS', kind: 'permanent' });
    expect(err.message).toContain(named);
    expect(err.message).toContain(`reached by redirect from ${server.url(path)}`);
    expect(lo2.hits + lo6.hits).toBe(0);
  });
});

describe('checked on the resolved address', () => {
  it('connects to the address DNS gave once it is allowed', async () => {
    const f = fetcherWith({ allowNets: ALLOW_ONE, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const r = await f.fetch({ url: `http://news.example:${port}/page` });
    expect(r.text).toBe(PAGE);
    expect(r.finalUrl).toBe(`http://news.example:${port}/page`);
  });

  it.each([
    [[{ address: '10.0.0.5', family: 4 }], '10.0.0.5 (private address)'],
    [[{ address: '169.254.169.254', family: 4 }], '169.254.169.254 (cloud metadata address)'],
    [[{ address: 'fd00:ec2::254', family: 6 }], 'fd00:ec2::254 (cloud metadata address)'],
    [[{ address: '::ffff:127.0.0.2', family: 6 }], '::ffff:127.0.0.2 (loopback address)'],
    // one public-looking answer does not launder a private one
    [
      [
        { address: '127.0.0.1', family: 4 },
        { address: '127.0.0.2', family: 4 },
      ],
      '127.0.0.2 (loopback address)',
    ],
  ])('refuses a name that resolves to %j', async (answers, named) => {
    const f = fetcherWith({ allowNets: ALLOW_ONE, resolve: async () => answers });
    const err = await failure(f, { url: `http://intranet.example:${port}/page` });
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(err.message).toContain(`refusing to connect to ${named} (intranet.example resolves to it) for http://intranet.example:${port}/page`);
  });

  it('re-checks on every new connection, so rebinding between fetches is refused', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    let calls = 0;
    const f = fetcherWith({ allowNets: ALLOW_ONE, resolve: async () => [{ address: answers[Math.min(calls++, 1)]!, family: 4 }] });
    // Connection: close makes the next fetch open (and resolve) a new connection.
    server.route('/page-close', send(PAGE, 'text/html', 200, { connection: 'close' }));
    expect((await f.fetch({ url: `http://rebind.example:${port}/page-close` })).text).toBe(PAGE);
    const err = await failure(f, { url: `http://rebind.example:${port}/page-close` });
    expect(err.code).toBe('BLOCKED_ADDRESS');
    expect(calls).toBe(2);
    expect(lo2.hits).toBe(0);
  });
});
