/** `newsint extract`, run as the built CLI in a child process: inputs, order, errors, exit status. */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleRecordSchema, type ArticleRecord } from '../../src/record/schema.js';
import { send, startServer, type Handler, type TestServer } from '../helpers/http-server.js';
import { articlePage } from './pages.js';
import { ROOT, ensureBuilt, jsonLines, runCli, runShell, stderrLines } from './run-cli.js';

const records = (stdout: string): ArticleRecord[] => jsonLines(stdout).map((r) => ArticleRecordSchema.parse(r));

let dir: string;

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'newsint-cli-'));
  await writeFile(join(dir, 'b-second.html'), articlePage('Second page: pump scheduler breach'));
  await writeFile(join(dir, 'a-first.htm'), articlePage('First page: contractor account misused'));
  await writeFile(join(dir, 'notes.txt'), 'not a page');
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'sub', 'c-third.html'), articlePage('Third page: credentials reset'));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('newsint extract: local inputs', () => {
  it('`extract samples/ | head -1` prints exactly one schema-valid record and no error', async () => {
    const samples = (await readdir(join(ROOT, 'samples'))).filter((f) => /\.html?$/.test(f));
    expect(samples.length).toBeGreaterThan(0);
    const result = await runShell(`"${process.execPath}" dist/src/cli/main.js extract samples/ | head -1`);
    expect(result.stderr).toBe('');
    const [record, ...rest] = records(result.stdout);
    expect(rest).toHaveLength(0);
    expect(record!.text.length).toBeGreaterThan(200);
    expect(record!.title).toBeTruthy();
  });

  it('expands a directory to its .html/.htm files sorted by name, subdirectories only with --recursive', async () => {
    const flat = await runCli(['extract', dir]);
    expect(flat.code).toBe(0);
    expect(records(flat.stdout).map((r) => r.title)).toEqual([
      'First page: contractor account misused',
      'Second page: pump scheduler breach',
    ]);
    const deep = await runCli(['extract', '--recursive', dir]);
    expect(records(deep.stdout).map((r) => r.title)).toEqual([
      'First page: contractor account misused',
      'Second page: pump scheduler breach',
      'Third page: credentials reset',
    ]);
  });

  it('keeps the order of the arguments, not the order of the file names', async () => {
    const result = await runCli(['extract', join(dir, 'sub', 'c-third.html'), join(dir, 'b-second.html'), join(dir, 'a-first.htm')]);
    expect(records(result.stdout).map((r) => r.title?.split(':')[0])).toEqual(['Third page', 'Second page', 'First page']);
  });

  it('a missing file is one stderr line naming it; the other inputs are still printed; exit 1', async () => {
    const missing = join(dir, 'no-such-page.html');
    const result = await runCli(['extract', join(dir, 'a-first.htm'), missing, join(dir, 'b-second.html')]);
    expect(result.code).toBe(1);
    expect(records(result.stdout).map((r) => r.title?.split(':')[0])).toEqual(['First page', 'Second page']);
    const lines = stderrLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`newsint: ${missing}: BAD_INPUT: no such file or directory`);
  });

  it('a directory without HTML files is a failed input with a hint, not a silent no-op', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'newsint-empty-'));
    await mkdir(join(empty, 'nested'));
    await writeFile(join(empty, 'nested', 'page.html'), articlePage('Nested page'));
    const result = await runCli(['extract', empty]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(stderrLines(result.stderr)).toEqual([`newsint: ${empty}: BAD_INPUT: directory holds no .html or .htm files (add --recursive to look in subdirectories)`]);
    await rm(empty, { recursive: true, force: true });
  });

  it('--url gives a local file its address: url and canonicalUrl (tracking parameters dropped)', async () => {
    const result = await runCli(['extract', join(dir, 'a-first.htm'), '--url', 'https://News.Example.com/2024/pump-breach?utm_source=rss']);
    expect(result.code).toBe(0);
    const [record] = records(result.stdout);
    expect(record!.url).toBe('https://News.Example.com/2024/pump-breach?utm_source=rss');
    expect(record!.canonicalUrl).toBe('https://news.example.com/2024/pump-breach');
  });

  it('without --url a local file has no url', async () => {
    const [record] = records((await runCli(['extract', join(dir, 'a-first.htm')])).stdout);
    expect(record!.url).toBeNull();
    expect(record!.canonicalUrl).toBeNull();
  });

  it('reads HTML bytes from stdin with "-" and decodes them by their <meta charset>', async () => {
    const html = articlePage('Caf\u00e9 owner\u2019s network hit', { charset: 'windows-1252', extra: 'The caf\u00e9\u2019s owner called it \u201ca wake-up call\u201d.' });
    const bytes = iconv.encode(html, 'windows-1252');
    expect(bytes.includes(Buffer.from('é', 'utf8'))).toBe(false); // really not UTF-8
    const result = await runCli(['extract', '-', '--url', 'https://example.com/cafe'], { stdin: bytes });
    expect(result.code).toBe(0);
    const [record] = records(result.stdout);
    expect(record!.title).toBe('Caf\u00e9 owner\u2019s network hit');
    expect(record!.text).toContain('\u201ca wake-up call\u201d');
    expect(record!.url).toBe('https://example.com/cafe');
  });

  it('--out FILE writes the records there and nothing to stdout', async () => {
    const out = join(dir, 'records.jsonl');
    const result = await runCli(['extract', dir, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(records(await readFile(out, 'utf8')).map((r) => r.title?.split(':')[0])).toEqual(['First page', 'Second page']);
  });

  it('--fetched-at and --extracted-at make the output identical run after run', async () => {
    const args = ['extract', dir, '--fetched-at', '2024-11-14T09:00:00Z', '--extracted-at', '2024-11-14T09:05:00Z'];
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    expect(a.stdout).toBe(b.stdout);
    expect(records(a.stdout)[0]!.fetchedAt).toBe('2024-11-14T09:00:00.000Z');
  });
});

describe('newsint extract: usage errors exit 2 and print nothing on stdout', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown flag', ['extract', '--no-such-flag', 'samples/'], /unknown option '--no-such-flag'/],
    ['no inputs', ['extract'], /missing required argument/],
    ['--url with several pages', ['extract', 'samples/', '--url', 'https://example.com/x'], /--url/],
    ['a concurrency of zero', ['extract', '-c', '0', 'samples/'], /--concurrency/],
    ['a malformed --allow-net range', ['extract', '--allow-net', '10.0.0.0/33', 'samples/'], /BAD_CONFIG: .*10\.0\.0\.0\/33/],
    ['an --out path in a missing directory', ['extract', 'samples/', '--out', '/nonexistent-dir/x.jsonl'], /--out/],
    ['an unknown command', ['frobnicate'], /unknown command/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    });
  }
});

describe('newsint extract: URLs through the fetcher', () => {
  let server: TestServer;
  /** Paths in the order the server finished answering them. */
  const answered: string[] = [];
  const page = (title: string, delayMs: number): Handler => async (req, res) => {
    await sleep(delayMs);
    send(articlePage(title))(req, res);
    answered.push(new URL(req.url ?? '/', 'http://x').pathname);
  };
  /**
   * Answers only after `after` was answered: the server finishes /fast, /medium, /slow in that
   * order by construction, whatever the machine's speed (a timing gap could be eaten by load).
   */
  const answeredSignals = new Map<string, () => void>();
  const answeredPromises = new Map<string, Promise<void>>();
  for (const path of ['/fast', '/medium', '/slow']) answeredPromises.set(path, new Promise<void>((r) => answeredSignals.set(path, r)));
  const chained = (title: string, after: string | null): Handler => async (req, res) => {
    if (after) await answeredPromises.get(after);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.once('finish', () => answeredSignals.get(path)?.());
    send(articlePage(title))(req, res);
    answered.push(path);
  };

  beforeAll(async () => {
    server = await startServer({
      '/slow': chained('Slow story', '/medium'),
      '/medium': chained('Medium story', '/fast'),
      '/fast': chained('Fast story', null),
      '/image.png': send(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'),
      '/stalled': page('Stalled story', 3_000),
      '/huge': send(articlePage('Huge story', { extra: 'padding '.repeat(40_000) })),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('fetches from a local server when --allow-net opens loopback; records come out in input order', async () => {
    answered.length = 0;
    const inputs = [server.url('/slow'), join(dir, 'a-first.htm'), server.url('/medium'), server.url('/fast')];
    const result = await runCli(['extract', '--allow-net', '127.0.0.1/32', '--concurrency', '4', ...inputs]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The server finished them out of order, so the ordering was the CLI's doing.
    expect(answered).toEqual(['/fast', '/medium', '/slow']);
    const out = records(result.stdout);
    expect(out.map((r) => r.url)).toEqual([server.url('/slow'), null, server.url('/medium'), server.url('/fast')]);
    expect(out.map((r) => r.title)).toEqual(['Slow story', 'First page: contractor account misused', 'Medium story', 'Fast story']);
    expect(out[0]!.fetchedAt).not.toBeNull();
  });

  it('refuses a loopback URL without --allow-net: one BLOCKED_ADDRESS line, exit 1, no request made', async () => {
    const before = server.hits.get('/fast') ?? 0;
    const result = await runCli(['extract', server.url('/fast'), join(dir, 'a-first.htm')]);
    expect(result.code).toBe(1);
    expect(records(result.stdout).map((r) => r.title)).toEqual(['First page: contractor account misused']);
    const lines = stderrLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^newsint: ${server.url('/fast').replace(/[.]/g, '\\.')}: BLOCKED_ADDRESS: `));
    expect(server.hits.get('/fast') ?? 0).toBe(before);
  });

  it('a URL that is not HTML or not found fails on its own line with its code', async () => {
    const result = await runCli(['extract', '--allow-net', '127.0.0.1/32', server.url('/image.png'), server.url('/missing'), server.url('/fast')]);
    expect(result.code).toBe(1);
    expect(records(result.stdout).map((r) => r.title)).toEqual(['Fast story']);
    const lines = stderrLines(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/\/image\.png: NOT_HTML: /);
    expect(lines[1]).toMatch(/\/missing: HTTP_NOT_FOUND: /);
  });

  it('--timeout and --max-bytes reach the fetcher', async () => {
    const timed = await runCli(['extract', '--allow-net', '127.0.0.1/32', '--timeout', '300ms', server.url('/stalled')]);
    expect(timed.code).toBe(1);
    expect(stderrLines(timed.stderr)).toEqual([expect.stringMatching(/\/stalled: TIMEOUT: /)]);
    const capped = await runCli(['extract', '--allow-net', '127.0.0.1/32', '--max-bytes', '100000', server.url('/huge')]);
    expect(capped.code).toBe(1);
    expect(stderrLines(capped.stderr)).toEqual([expect.stringMatching(/\/huge: TOO_LARGE: /)]);
    // The same page under the default cap (5 MB) is fine.
    const whole = await runCli(['extract', '--allow-net', '127.0.0.1/32', server.url('/huge')]);
    expect(whole.code).toBe(0);
    expect(records(whole.stdout)[0]!.title).toBe('Huge story');
  });
});
