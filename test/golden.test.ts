/**
 * Golden tests: every page in samples/ must extract to the record a person wrote by
 * reading it (samples/expected/<name>.json). Entities are scored by eval:entities, not here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractArticle } from '../src/extract-article.js';
import { decodeHtml } from '../src/fetch/charset.js';
import { ArticleRecordSchema, SECTOR_IDS } from '../src/record/schema.js';

/** Fewer pages than this means samples went missing, not that the suite is green. */
const MIN_SAMPLES = 10;
const SAMPLES_DIR = fileURLToPath(new URL('../samples/', import.meta.url));
const EXPECTED_DIR = fileURLToPath(new URL('../samples/expected/', import.meta.url));

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, {
  message: 'must be a normalized UTC ISO string (new Date(x).toISOString())',
});
const iso2 = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');

/** The hand-written expected file. Strict, so a misspelt key is an error rather than ignored. */
const ExpectedSchema = z.strictObject({
  notes: z.string().min(10),
  input: z.strictObject({ url: z.url(), fetchedAt: iso }),
  record: z.strictObject({
    title: z.string().min(1).nullable(),
    authors: z.array(z.string().min(1)),
    publishedAt: iso.nullable(),
    modifiedAt: iso.nullable(),
    canonicalUrl: z.url().nullable(),
    siteName: z.string().min(1).nullable(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'BCP 47 tag').nullable(),
    text: z
      .string()
      .min(1)
      .refine((t) => !/\n{3,}|^\s|\s$|[ \t]{2,}|[ \t]\n|\n[ \t]/.test(t), {
        message: 'paragraphs are trimmed, single-spaced and joined by exactly one blank line',
      }),
  }),
  entities: z.strictObject({
    agencies: z.array(z.strictObject({ name: z.string().min(1), fullName: z.string().min(1).optional(), country: iso2.nullable() })),
    aptGroups: z.array(z.strictObject({ name: z.string().min(1), country: iso2.nullable(), aliases: z.array(z.string().min(1)) })),
    companies: z.array(z.string().min(1)),
    sectors: z.array(z.enum(SECTOR_IDS)),
    dates: z.array(
      z.strictObject({
        text: z.string().min(1),
        value: z.string().regex(/^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2}|\d{4}-Q[1-4]|\d{3}X|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/, 'ISO 8601 date, month, year or duration'),
      }),
    ),
    countries: z.array(iso2),
    people: z.array(z.strictObject({ name: z.string().min(1), role: z.string().min(1).nullable() })),
    cves: z.array(z.string().regex(/^CVE-\d{4}-\d{4,}$/)),
    malware: z.array(z.string().min(1)),
  }),
}).superRefine((expected, ctx) => {
  // Entities are read from the body, so each surface form must occur in the expected text:
  // catches a typo in an expected entity before it silently skews eval:entities.
  const { text } = expected.record;
  const { agencies, aptGroups, companies, dates, people, cves, malware } = expected.entities;
  const forms = [
    ...agencies.flatMap((a) => (a.fullName ? [a.fullName] : text.includes(a.name) ? [] : [a.name])),
    ...aptGroups.flatMap((g) => [g.name, ...g.aliases]),
    ...companies,
    ...dates.map((d) => d.text),
    ...people.flatMap((p) => (p.role ? [p.name, p.role] : [p.name])),
    ...cves,
    ...malware,
  ];
  for (const form of forms.filter((f) => !text.includes(f))) {
    ctx.addIssue({ code: 'custom', path: ['entities'], message: `"${form}" does not occur in record.text` });
  }
});
type Expected = z.infer<typeof ExpectedSchema>;

const samples = readdirSync(SAMPLES_DIR)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((file) => ({ file, name: file.replace(/\.html$/, '') }));

function loadExpected(name: string): Expected {
  const raw: unknown = JSON.parse(readFileSync(`${EXPECTED_DIR}${name}.json`, 'utf8'));
  const parsed = ExpectedSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`samples/expected/${name}.json is malformed:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

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
    const expectedFiles = new Set(readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json')));
    const missing = samples.filter((s) => !expectedFiles.has(`${s.name}.json`)).map((s) => s.file);
    expect(missing, 'pages without samples/expected/<name>.json').toEqual([]);
    const orphans = [...expectedFiles].filter((f) => !samples.some((s) => `${s.name}.json` === f));
    expect(orphans, 'expected files without a page').toEqual([]);
  });

  it.each(samples)('$name: expected file follows the expected format', ({ name }) => {
    expect(() => loadExpected(name)).not.toThrow();
  });
});

describe.each(samples)('golden: $name', ({ file, name }) => {
  it('extracts the expected record', () => {
    const expected = loadExpected(name);
    const html = decodeHtml(readFileSync(`${SAMPLES_DIR}${file}`));
    const record = extractArticle(html, { url: expected.input.url, fetchedAt: expected.input.fetchedAt });

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
});
