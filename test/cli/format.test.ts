/** `newsint extract --format`: the CLI writes what the library's exporters make, in the documented shape. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleRecordSchema } from '../../src/record/schema.js';
import { checkStixBundle } from '../helpers/stix-check.js';
import { listSamples } from '../helpers/samples.js';
import { ensureBuilt, runCli } from './run-cli.js';

const PIN = ['--extracted-at', '2025-01-01T00:00:00.000Z', '--fetched-at', '2024-11-14T12:00:00.000Z'];
const SAMPLE_COUNT = listSamples().length;

describe('newsint extract --format', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'newsint-format-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stix: one valid bundle for all inputs, with a report per article; the same run twice is byte-identical', { timeout: 120_000 }, async () => {
    const first = await runCli(['extract', 'samples/', '--format', 'stix', ...PIN]);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const bundle = JSON.parse(lines[0]!) as { type: string; objects: Array<{ type: string; id: string }> };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.filter((o) => o.type === 'report')).toHaveLength(SAMPLE_COUNT);
    expect(checkStixBundle(bundle)).toEqual([]);
    const second = await runCli(['extract', 'samples/', '--format', 'stix', '--out', join(dir, 'bundle.json'), ...PIN]);
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(dir, 'bundle.json'), 'utf8')).toBe(first.stdout);
  });

  it('misp: one event per article, one a line, in input order', async () => {
    const files = ['samples/telecom-breach-confirmed.html', 'samples/apt40-australia-advisory.html'];
    const result = await runCli(['extract', ...files, '--format', 'misp', ...PIN]);
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { Event: { info: string; Attribute: unknown[] } });
    expect(events).toHaveLength(2);
    expect(events[0]!.Event.info).toMatch(/telecom/i);
    expect(events[1]!.Event.info).toMatch(/APT40/);
  });

  it('json: one array of schema-valid records', async () => {
    const result = await runCli(['extract', 'samples/', '-f', 'json', ...PIN]);
    expect(result.code, result.stderr).toBe(0);
    const records = (JSON.parse(result.stdout) as unknown[]).map((r) => ArticleRecordSchema.parse(r));
    expect(records).toHaveLength(SAMPLE_COUNT);
  });

  it('text: title and body, for reading', async () => {
    const result = await runCli(['extract', 'samples/telecom-breach-confirmed.html', '--format', 'text', ...PIN]);
    expect(result.code, result.stderr).toBe(0);
    const json = await runCli(['extract', 'samples/telecom-breach-confirmed.html', ...PIN]);
    const record = ArticleRecordSchema.parse(JSON.parse(json.stdout));
    expect(result.stdout.startsWith(`${record.title}\n`)).toBe(true);
    expect(result.stdout).toContain(`\n\n${record.text}\n`);
    expect(result.stdout).not.toContain('{');
  });

  it('an unknown format is bad usage: exit 2, the allowed values named, nothing on stdout', async () => {
    const result = await runCli(['extract', 'samples/', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--format.*jsonl, json, stix, misp, text/);
  });
});
