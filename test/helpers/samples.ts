/**
 * The project's sample pages and their hand-written expected records (samples/expected/<name>.json),
 * shared by the golden tests, the entity tests and eval:entities.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { extractArticle } from '../../src/extract-article.js';
import { decodeHtml } from '../../src/fetch/charset.js';
import { packageRoot } from '../../src/package.js';
import { SECTOR_IDS, type ArticleRecord } from '../../src/record/schema.js';

export const SAMPLES_DIR = join(packageRoot(), 'samples');
export const EXPECTED_DIR = join(SAMPLES_DIR, 'expected');

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, {
  message: 'must be a normalized UTC ISO string (new Date(x).toISOString())',
});
const iso2 = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');

/** The hand-written expected file. Strict, so a misspelt key is an error rather than ignored. */
export const ExpectedSchema = z.strictObject({
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
export type Expected = z.infer<typeof ExpectedSchema>;

export interface Sample {
  /** e.g. "telecom-breach-confirmed.html" */
  file: string;
  /** the file name without .html: also the expected file's name */
  name: string;
}

/** Every sample page, sorted by name (found on disk, never a hard-coded list). */
export function listSamples(): Sample[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((file) => ({ file, name: file.replace(/\.html$/, '') }));
}

export function listExpectedFiles(): string[] {
  return readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json'));
}

export function loadExpected(name: string): Expected {
  const raw: unknown = JSON.parse(readFileSync(join(EXPECTED_DIR, `${name}.json`), 'utf8'));
  const parsed = ExpectedSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`samples/expected/${name}.json is malformed:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}


/** The page decoded as the CLI decodes a local file (BOM or <meta charset>, else UTF-8). */
export function readSampleHtml(sample: Sample): string {
  return decodeHtml(readFileSync(join(SAMPLES_DIR, sample.file)));
}

/** Run the whole core on a sample with the URL and fetch time its expected record gives. */
export function extractSample(sample: Sample): { record: ArticleRecord; expected: Expected } {
  const expected = loadExpected(sample.name);
  const record = extractArticle(readSampleHtml(sample), { url: expected.input.url, fetchedAt: expected.input.fetchedAt });
  return { record, expected };
}
