/**
 * What `newsint extract` takes as an article and what it refuses: plain text is an article
 * (title from a first short line, --published-at anchors its dates); empty, binary, PDF and
 * image inputs, local or fetched, and a page with no article text fail with NOT_HTML or
 * NO_ARTICLE on their own line and exit 1, never an empty record.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../extractors/data-build/shared-dir.js';
import { ArticleRecordSchema, type ArticleRecord } from '../../src/record/schema.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { articlePage } from './pages.js';
import { ensureBuilt, jsonLines, runCli, stderrLines } from './run-cli.js';

const SEED = sharedPath('seeds', 'salt-typhoon-telecom-breach.txt');
const records = (stdout: string): ArticleRecord[] => jsonLines(stdout).map((r) => ArticleRecordSchema.parse(r));
const names = (xs: Array<{ name: string }>) => xs.map((x) => x.name).sort();

/** Bytes of a tiny real PNG header and a PDF header: what people save beside articles. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));

let dir: string;
let server: TestServer;

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'newsint-input-'));
  await writeFile(join(dir, 'empty.html'), '');
  await writeFile(join(dir, 'blank.txt'), '  \n\n \t\n');
  await writeFile(join(dir, 'report.pdf'), PDF);
  await writeFile(join(dir, 'chart.png'), PNG);
  await writeFile(join(dir, 'dump.bin'), BINARY);
  await writeFile(join(dir, 'story.html'), articlePage('A story that is fine'));
  server = await startServer({
    '/empty': send('', 'text/html; charset=utf-8'),
    '/furniture': send('<html><head><title>x</title></head><body><img src="a.png"><script>var a = 1;</script></body></html>', 'text/html'),
    '/report.pdf': send(PDF, 'application/pdf'),
    '/untyped.bin': send(BINARY, 'application/octet-stream'),
    '/notes.txt': send('Ransomware hits a water utility\n\nThe operators of the LockBit ransomware said on Monday they had encrypted the billing servers of a small water utility.\n', 'text/plain; charset=utf-8'),
  });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await server?.close();
});

describe('inputs that hold no article fail clearly', { timeout: 60_000 }, () => {
  it('an empty file, a blank text, a PDF, a PNG and binary data: one line each, exit 1, no record', async () => {
    const inputs = ['empty.html', 'blank.txt', 'report.pdf', 'chart.png', 'dump.bin', 'story.html'].map((f) => join(dir, f));
    const result = await runCli(['extract', ...inputs]);
    expect(result.code).toBe(1);
    expect(records(result.stdout).map((r) => r.title)).toEqual(['A story that is fine']);
    const lines = stderrLines(result.stderr);
    expect(lines).toEqual([
      `newsint: ${inputs[0]}: NO_ARTICLE: the file is empty: there is no article to extract`,
      `newsint: ${inputs[1]}: NO_ARTICLE: the file is empty: there is no article to extract`,
      expect.stringMatching(new RegExp(`^newsint: ${inputs[2]}: NOT_HTML: the file is a PDF document, not an HTML page or article text`)),
      expect.stringMatching(new RegExp(`^newsint: ${inputs[3]}: NOT_HTML: the file is a PNG image`)),
      expect.stringMatching(new RegExp(`^newsint: ${inputs[4]}: NOT_HTML: the file is binary data`)),
    ]);
  });

  it('empty stdin and binary stdin fail the same way', async () => {
    const empty = await runCli(['extract', '-'], { stdin: '' });
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    expect(stderrLines(empty.stderr)).toEqual(['newsint: -: NO_ARTICLE: stdin is empty: there is no article to extract']);
    const pdf = await runCli(['extract', '-'], { stdin: PDF });
    expect(pdf.code).toBe(1);
    expect(stderrLines(pdf.stderr)).toEqual([expect.stringMatching(/^newsint: -: NOT_HTML: stdin is a PDF document/)]);
  });

  it('fetched: an empty 200 page, a page with no text, a PDF and untyped binary each fail with their code', async () => {
    const urls = ['/empty', '/furniture', '/report.pdf', '/untyped.bin'].map((p) => server.url(p));
    const result = await runCli(['extract', '--allow-net', '127.0.0.1/32', ...urls]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = stderrLines(result.stderr);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^newsint: ${urls[0]}: NO_ARTICLE: ${urls[0]} is empty`));
    expect(lines[1]).toMatch(new RegExp(`^newsint: ${urls[1]}: NO_ARTICLE: the page holds no article text`));
    expect(lines[2]).toMatch(new RegExp(`^newsint: ${urls[2]}: NOT_HTML: `));
    expect(lines[3]).toMatch(new RegExp(`^newsint: ${urls[3]}: NOT_HTML: `));
  });
});

describe('plain text is an article', { timeout: 60_000 }, () => {
  it('the seed .txt gives the seed test entities, its first short line as title, dates anchored by --published-at', async () => {
    const result = await runCli(['extract', SEED, '--published-at', '2024-11-14T12:00:00Z']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [record] = records(result.stdout);
    // The photo credit above it is not the headline.
    expect(record!.title).toBe('CISA, FBI confirm China breached telecommunication providers');
    expect(record!.publishedAt).toBe('2024-11-14T12:00:00.000Z');
    const seedText = await readFile(SEED, 'utf8');
    expect(record!.text.split(/\s+/).join(' ')).toBe(seedText.trim().split(/\s+/).join(' '));
    const e = record!.entities;
    expect(names(e.agencies)).toEqual(['CISA', 'FBI']);
    expect(e.aptGroups.map((g) => [g.name, g.country]).sort()).toEqual([['Salt Typhoon', 'CN'], ['Volt Typhoon', 'CN']]);
    const outlets = new Set(['Wall Street Journal', 'The Wall Street Journal', 'WSJ', 'TechTarget', 'TechTarget Editorial']);
    expect(names(e.companies).filter((n) => !outlets.has(n))).toEqual(['AT&T', 'Lumen Technologies', 'Verizon']);
    expect(names(e.sectors)).toEqual(['communications', 'energy', 'water-and-wastewater']);
    expect(e.dates.map((d) => [d.text.toLowerCase(), d.value, d.granularity])).toEqual([
      ['wednesday', '2024-11-13', 'day'],
      ['last month', '2024-10', 'month'],
      ['september', '2024-09', 'month'],
      ['earlier this year', '2024', 'year'],
      ['at least five years', 'P5Y', 'duration'],
    ]);
    expect(e.people.map((p) => [p.name, p.role])).toEqual([
      ['Jen Easterly', 'CISA Director'],
      ['Christopher Wray', 'FBI Director'],
    ]);
  });

  it('text/plain from stdin, with --published-at anchoring "Monday"', async () => {
    const text = 'Ransomware hits a water utility\n\nThe operators of the LockBit ransomware said on Monday they had encrypted the billing servers.\n';
    const piped = records((await runCli(['extract', '-', '--published-at', '2024-03-06T00:00:00Z'], { stdin: text })).stdout);
    expect(piped.map((r) => [r.title, r.entities.dates[0]?.value])).toEqual([['Ransomware hits a water utility', '2024-03-04']]);
  });

  it('text/plain from a URL', async () => {
    const fetched = await runCli(['extract', '--allow-net', '127.0.0.1/32', server.url('/notes.txt')]);
    expect(fetched.code).toBe(0);
    const [record] = records(fetched.stdout);
    expect(record!.title).toBe('Ransomware hits a water utility');
    expect(record!.text).toContain('encrypted the billing servers');
    expect(names(record!.entities.malware)).toContain('LockBit');
  });

  it('--input-type text on an .html name; an unknown --input-type is bad usage', async () => {
    const named = join(dir, 'pasted.html');
    await writeFile(named, '<p> is how the report starts, quoting markup.\n\nAPT29 phished the ministry.');
    const forced = records((await runCli(['extract', named, '--input-type', 'text'])).stdout);
    expect(forced[0]!.text).toContain('<p> is how the report starts');
    const bad = await runCli(['extract', named, '--input-type', 'pdf']);
    expect(bad.code).toBe(2);
  });
});
