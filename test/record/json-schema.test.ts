/**
 * The published JSON Schema as a consumer in another language uses it: it has an $id, every
 * field is titled and described, date-times carry their format, the sample records validate,
 * and a record with a field added later still validates (consumers accept additions).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract-article.js';
import { publishedRecordSchema, RECORD_SCHEMA_ID, undocumented } from '../../src/record/json-schema.js';
import { ArticleRecordSchema } from '../../src/record/schema.js';
import { SAMPLES_DIR } from '../pipeline/harness.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

type Node = Record<string, unknown>;

function properties(node: Node, path = ''): Array<[string, Node]> {
  const out: Array<[string, Node]> = [];
  for (const [key, child] of Object.entries((node.properties as Record<string, Node>) ?? {})) {
    out.push([`${path}${key}`, child], ...properties(child, `${path}${key}.`));
    if (child.items) out.push(...properties(child.items as Node, `${path}${key}[].`));
  }
  return out;
}

describe('published record schema', () => {
  const schema = publishedRecordSchema();
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  const validate = ajv.compile(schema);
  const records = readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((f) => extractArticle(readFileSync(SAMPLES_DIR + f, 'utf8'), { url: `https://example.com/${f}`, fetchedAt: '2024-11-14T09:00:00.000Z' }));

  it('has an $id, and a title and description on every field', () => {
    expect(schema.$id).toBe(RECORD_SCHEMA_ID);
    expect(schema.title).toBeTruthy();
    expect(undocumented).toEqual([]);
    const fields = properties(schema as Node);
    expect(fields.length).toBeGreaterThan(100);
    for (const [path, node] of fields) {
      expect(typeof node.title, path).toBe('string');
      expect(typeof node.description, path).toBe('string');
    }
  });

  it('marks date-times, and every sample record validates', () => {
    const props = schema.properties as Record<string, Node>;
    for (const key of ['fetchedAt', 'extractedAt', 'publishedAt', 'modifiedAt']) expect(props[key]!.format, key).toBe('date-time');
    expect(records.length).toBeGreaterThan(5);
    for (const record of records) expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });

  it('consumers accept fields added later; wrong types are still refused; the producer stays strict', () => {
    const record = records[0]!;
    const later = { ...record, sentiment: 'negative', entities: { ...record.entities, vulnerabilities: [] } };
    expect(validate(later)).toBe(true);
    expect(validate({ ...record, wordCount: 'many' })).toBe(false);
    expect(validate({ ...record, publishedAt: 'last Tuesday' })).toBe(false);
    // The zod schema the producer checks with emits only what it defines.
    expect(Object.keys(ArticleRecordSchema.parse(later))).not.toContain('sentiment');
  });

  it('`newsint schema` prints this schema', async () => {
    const { runCli, ensureBuilt } = await import('../cli/run-cli.js');
    ensureBuilt();
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});
