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
import { ATTACK_TACTICS, DateSchema, INDICATOR_TYPES, RelationSchema, SECTOR_IDS, type ArticleRecord } from '../../src/record/schema.js';

export const SAMPLES_DIR = join(packageRoot(), 'samples');
export const EXPECTED_DIR = join(SAMPLES_DIR, 'expected');

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, {
  message: 'must be a normalized UTC ISO string (new Date(x).toISOString())',
});
const iso2 = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');

const GRANULARITIES = DateSchema.shape.granularity.options;
/** The shape of a date value at each granularity, so a value and its granularity cannot disagree. */
const VALUE_SHAPE: Record<(typeof GRANULARITIES)[number], RegExp> = {
  day: /^\d{4}-\d{2}-\d{2}$/,
  week: /^\d{4}-W\d{2}$/,
  month: /^\d{4}-\d{2}$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
  decade: /^\d{3}X$/,
  duration: /^P/,
};

/**
 * Something the article states that the extractor is known not to find yet, with why: the golden
 * test requires it to be ABSENT from the record and fails once it is found, so the mark is removed.
 */
const gap = z.string().min(20).optional();

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
    agencies: z.array(
      z.strictObject({ name: z.string().min(1), fullName: z.string().min(1).nullable(), country: iso2.nullable(), aliases: z.array(z.string().min(1)), gap }),
    ),
    aptGroups: z.array(
      z.strictObject({
        name: z.string().min(1),
        /** The other names the article itself writes for the group (gazetteer-only names are not listed). */
        aliases: z.array(z.string().min(1)),
        country: iso2.nullable(),
        /** "stated": the article attributes the group; "gazetteer": the country is known, not stated. */
        attribution: z.enum(['stated', 'gazetteer']).nullable(),
        attackId: z.string().regex(/^G\d{4}$/).optional(),
        gap,
      }),
    ),
    /** A plain string is shorthand for `{ "name": ..., "aliases": [] }`. */
    companies: z.array(z.union([z.string().min(1), z.strictObject({ name: z.string().min(1), aliases: z.array(z.string().min(1)), gap })])),
    sectors: z.array(z.enum(SECTOR_IDS)),
    dates: z.array(
      z
        .strictObject({
          text: z.string().min(1),
          value: z.string().regex(/^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2}|\d{4}-Q[1-4]|\d{3}X|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/, 'ISO 8601 date, month, year or duration'),
          granularity: z.enum(GRANULARITIES),
        })
        .refine((d) => VALUE_SHAPE[d.granularity].test(d.value), { message: 'value does not have the shape its granularity says' }),
    ),
    countries: z.array(iso2),
    people: z.array(z.strictObject({ name: z.string().min(1), role: z.string().min(1).nullable(), gap })),
    cves: z.array(z.string().regex(/^CVE-\d{4}-\d{4,}$/)),
    /** A plain string is shorthand for `{ "name": ..., "aliases": [] }`. */
    malware: z.array(
      z.union([
        z.string().min(1),
        z.strictObject({ name: z.string().min(1), aliases: z.array(z.string().min(1)), attackId: z.string().regex(/^S\d{4}$/).optional(), gap }),
      ]),
    ),
    tools: z.array(z.strictObject({ name: z.string().min(1), aliases: z.array(z.string().min(1)), attackId: z.string().regex(/^S\d{4}$/).nullable() })),
    techniques: z.array(z.strictObject({ id: z.string().regex(/^T\d{4}(\.\d{3})?$/), name: z.string().min(1), tactics: z.array(z.enum(ATTACK_TACTICS)) })),
    indicators: z.array(z.strictObject({ type: z.enum(INDICATOR_TYPES), value: z.string().min(1), defanged: z.boolean() })),
  }),
  relations: z.array(
    z.strictObject({
      subject: z.string().min(1),
      predicate: RelationSchema.shape.predicate,
      object: z.string().min(1),
      gap,
    }),
  ),
}).superRefine((expected, ctx) => {
  // Entities are read from the body, so each surface form must occur in the expected text:
  // catches a typo in an expected entity before it silently skews eval:entities. Full names and
  // ATT&CK ids may come from what an analyst knows, so they need not.
  const { text } = expected.record;
  const { agencies, aptGroups, companies, dates, people, cves, malware, tools } = expected.entities;
  const nameOf = (x: string | { name: string }) => (typeof x === 'string' ? x : x.name);
  const aliasesOf = (x: string | { aliases: string[] }) => (typeof x === 'string' ? [] : x.aliases);
  const forms = [
    ...agencies.flatMap((a) => [...(text.includes(a.name) || !a.fullName ? [a.name] : []), ...a.aliases]),
    ...aptGroups.flatMap((g) => [g.name, ...g.aliases]),
    ...companies.flatMap((c) => [nameOf(c), ...aliasesOf(c)]),
    ...dates.map((d) => d.text),
    ...people.flatMap((p) => (p.role ? [p.name, p.role] : [p.name])),
    ...cves,
    ...malware.flatMap((m) => [nameOf(m), ...aliasesOf(m)]),
    ...tools.flatMap((t) => [t.name, ...t.aliases]),
  ];
  for (const form of forms.filter((f) => !text.includes(f))) {
    ctx.addIssue({ code: 'custom', path: ['entities'], message: `"${form}" does not occur in record.text` });
  }
  // A relation joins two things the record lists: a typo in either end is caught here.
  const known = new Set<string>([
    ...agencies.map((a) => a.name),
    ...aptGroups.map((g) => g.name),
    ...companies.map(nameOf),
    ...malware.map(nameOf),
    ...tools.map((t) => t.name),
    ...expected.entities.sectors,
    ...expected.entities.countries,
    ...cves,
    ...expected.entities.techniques.map((t) => t.id),
    ...expected.entities.indicators.map((i) => i.value),
  ]);
  expected.relations.forEach((r, i) => {
    for (const end of [r.subject, r.object]) {
      if (!known.has(end)) ctx.addIssue({ code: 'custom', path: ['relations', i], message: `"${end}" is no entity of this record` });
    }
  });
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
