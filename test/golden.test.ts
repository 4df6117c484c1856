/**
 * Golden tests: every page in samples/ must extract to the record a person wrote by
 * reading it (samples/expected/<name>.json): metadata, text, and every entity field and relation
 * a consumer reads, exactly (the few tolerances are listed in helpers/golden-entities.ts).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleRecordSchema } from '../src/record/schema.js';
import { entityDifferences } from './helpers/golden-entities.js';
import { extractSample, listExpectedFiles, listSamples, loadExpected } from './helpers/samples.js';

/** Fewer pages than this means samples went missing, not that the suite is green. */
const MIN_SAMPLES = 10;
const samples = listSamples();

/** Where two texts part ways, paragraph by paragraph: far easier to read than a 5 KB string diff. */
function firstTextDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  const a = actual.split('\n\n');
  const e = expected.split('\n\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) {
      return [
        `text differs at paragraph ${i + 1} (actual has ${a.length} paragraphs, expected ${e.length})`,
        `  expected: ${JSON.stringify(e[i] ?? '<none>')}`,
        `  actual:   ${JSON.stringify(a[i] ?? '<none>')}`,
      ].join('\n');
    }
  }
  return 'texts differ only in paragraph separators';
}

describe('samples', () => {
  it(`has at least ${MIN_SAMPLES} pages, each with an expected record`, () => {
    expect(samples.length).toBeGreaterThanOrEqual(MIN_SAMPLES);
    const expectedFiles = new Set(listExpectedFiles());
    const missing = samples.filter((s) => !expectedFiles.has(`${s.name}.json`)).map((s) => s.file);
    expect(missing, 'pages without samples/expected/<name>.json').toEqual([]);
    const orphans = [...expectedFiles].filter((f) => !samples.some((s) => `${s.name}.json` === f));
    expect(orphans, 'expected files without a page').toEqual([]);
  });

  it.each(samples)('$name: expected file follows the expected format', ({ name }) => {
    expect(() => loadExpected(name)).not.toThrow();
  });
});

describe.each(samples)('golden: $name', (sample) => {
  it('extracts the expected record', () => {
    const { record, expected } = extractSample(sample);

    const valid = ArticleRecordSchema.safeParse(record);
    if (!valid.success) expect.fail(`record is not schema-valid:\n${z.prettifyError(valid.error)}`);
    // Metadata first and soft, so one run reports both a metadata and a text mismatch.
    const { text: _text, ...expectedMeta } = expected.record;
    expect
      .soft({
        title: record.title,
        authors: record.authors,
        publishedAt: record.publishedAt,
        modifiedAt: record.modifiedAt,
        canonicalUrl: record.canonicalUrl,
        siteName: record.siteName,
        language: record.language,
      })
      .toEqual(expectedMeta);
    const diff = firstTextDifference(record.text, expected.record.text);
    if (diff) expect.fail(diff);
  });

  it('extracts exactly the expected entities and relations', () => {
    const { record, expected } = extractSample(sample);
    expect(entityDifferences(record, expected)).toEqual([]);
  });
});
