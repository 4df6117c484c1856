/**
 * Job payloads as zod schemas: every job is checked where it is produced and where it
 * is consumed, since the two sides may run different versions on different machines.
 */
import { z } from 'zod';
import { ArticleRecordSchema } from '../record/schema.js';
import { NewsintError } from '../errors.js';

const httpUrl = z.string().refine((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL');

export const SeedSchema = z.object({
  url: httpUrl,
  /** What the user said it is; the parser still sniffs the document. */
  kind: z.enum(['feed', 'sitemap']),
});

export const DiscoverJobSchema = z.object({
  /** Schedule name, or null for a one-off discovery. */
  source: z.string().nullable(),
  seeds: z.array(SeedSchema).min(1),
  /** Sitemap-index nesting level, capped by the discover worker. */
  depth: z.number().int().min(0).default(0),
});

export const FetchJobSchema = z.object({
  /** Canonical URL: what is fetched and what the job id derives from. */
  url: httpUrl,
  source: z.string().nullable(),
  enqueuedAt: z.string(),
});

export const ExtractJobSchema = z.object({
  url: httpUrl,
  finalUrl: httpUrl,
  fetchedAt: z.string(),
  html: z.string(),
  /** 'text' when the page was served as text/plain (the article as plain text); HTML when absent. */
  inputType: z.enum(['html', 'text']).optional(),
  source: z.string().nullable(),
});

/** A results job's data is exactly one article record. */
export const ResultJobSchema = ArticleRecordSchema;

export type Seed = z.infer<typeof SeedSchema>;
export type DiscoverJob = z.infer<typeof DiscoverJobSchema>;
export type DiscoverJobInput = z.input<typeof DiscoverJobSchema>;
export type FetchJob = z.infer<typeof FetchJobSchema>;
export type ExtractJob = z.infer<typeof ExtractJobSchema>;

/** Parse a payload; a malformed one can never succeed, so it is a permanent error. */
export function checkPayload<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new NewsintError('SCHEMA_VIOLATION', `${what} payload is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, {
    kind: 'permanent',
  });
}
