/** `newsint --help`, `newsint schema` and `newsint demo` (npm start), run as the built CLI. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, runCli } from './run-cli.js';

beforeAll(() => ensureBuilt(), 120_000);

describe('newsint --help', () => {
  it('lists the embedded commands and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['extract', 'schema', 'demo']) expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });
  it('extract --help documents the exit statuses', async () => {
    const result = await runCli(['extract', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exit status: 0 .* 1 .* 2 /s);
  });
});

describe('newsint schema', () => {
  it("prints the record's JSON Schema as pretty JSON, entities included", async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as {
      type: string;
      required: string[];
      properties: { entities: { properties: Record<string, unknown> } };
    };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'text', 'entities', 'relations']));
    expect(Object.keys(schema.properties.entities.properties)).toEqual(
      expect.arrayContaining(['agencies', 'aptGroups', 'companies', 'sectors', 'dates', 'countries', 'people', 'cves', 'malware']),
    );
    expect(result.stdout).toContain('\n  "'); // indented for a person
  });
});

describe('newsint demo', () => {
  it('summarizes every sample on its own line, then a total and the next commands, from any cwd', async () => {
    const samples = (await readdir(join(ROOT, 'samples'))).filter((f) => /\.html?$/.test(f));
    const result = await runCli(['demo'], { cwd: '/' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => /(\s+\d+){10}$/.test(line));
    expect(rows).toHaveLength(samples.length);
    expect(result.stdout).toMatch(new RegExp(`^Total: ${samples.length} articles, [\\d,]+ words, \\d+ entities`, 'm'));
    expect(result.stdout).toMatch(/newsint extract .*samples\/ \| head -1/);
  });
});
