/**
 * Job payloads as zod schemas: every job is checked where it is produced and where it
 * is consumed, since the two sides may run different versions on different machines.
 */
import iconv from 'iconv-lite';
import { z } from 'zod';
import { ArticleRecordSchema } from '../record/schema.js';
import { NewsintError } from '../errors.js';

const httpUrl = z.string().refine((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL');
/** A date-time Date.parse accepts with a 4-digit year (a bad one would become `null` in the record). */
const isoDateTime = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date-time such as 2024-11-14T09:30:00Z');

export const SeedSchema = z.object({
  url: httpUrl,
  /** What the user said it is; the parser still sniffs the document. */
  kind: z.enum(['feed', 'sitemap']),
});

export const DiscoverJobSchema = z.object({
  /** Schedule name, or null for a one-off discovery. */
  source: z.string().nullable(),
  seeds: z.array(SeedSchema).min(1),
  /** Sitemap-index nesting level, capped by the discover worker (NEWSINT_SITEMAP_DEPTH). */
  depth: z.number().int().min(0).default(0),
  /** Id of the seed's first discover job: the crawl whose fan-out budget children share. */
  crawl: z.string().min(1).max(200).optional(),
});

export const FetchJobSchema = z.object({
  /** Canonical URL: what is fetched and what the job id derives from. */
  url: httpUrl,
  /** Optional for producers other than newsint (BullMQ in Python, by hand). */
  source: z.string().nullable().default(null),
  enqueuedAt: isoDateTime.optional(),
});

export const ExtractJobSchema = z
  .object({
    url: httpUrl,
    finalUrl: httpUrl,
    fetchedAt: isoDateTime,
    /** The page as text: what other producers send. */
    html: z.string().optional(),
    /**
     * The page gzipped, in base64: what newsint's fetch sends. A modern page is a fifth of its
     * size this way, and the worker's main thread copies, writes and parses that fifth only: the
     * extraction thread inflates it.
     */
    htmlGzip: z.string().optional(),
    /** Bytes of the page before compression (checked again when it is inflated and decoded). */
    htmlBytes: z.number().int().min(0).optional(),
    /**
     * The charset of the bytes in htmlGzip (what BOM, Content-Type or <meta> declared): newsint's
     * fetch queues the page as served and the extraction thread decodes it. UTF-8 when absent.
     */
    charset: z
      .string()
      .max(64)
      .refine((c) => iconv.encodingExists(c), 'must be a charset name iconv-lite knows, such as utf-8 or windows-1252')
      .optional(),
    /** 'text' when the page was served as text/plain (the article as plain text); HTML when absent. */
    inputType: z.enum(['html', 'text']).optional(),
    source: z.string().nullable().default(null),
  })
  .refine((d) => (d.html === undefined) !== (d.htmlGzip === undefined), { message: 'needs the page in exactly one of html (text) or htmlGzip (gzip, base64)', path: ['html'] });

/** A results job's data is exactly one article record. */
export const ResultJobSchema = ArticleRecordSchema;

export type Seed = z.infer<typeof SeedSchema>;
export type DiscoverJob = z.infer<typeof DiscoverJobSchema>;
export type DiscoverJobInput = z.input<typeof DiscoverJobSchema>;
export type FetchJob = z.infer<typeof FetchJobSchema>;
export type FetchJobInput = z.input<typeof FetchJobSchema>;
export type ExtractJob = z.infer<typeof ExtractJobSchema>;

/**
 * What an extract job keeps once it is done or has failed for good: where the page came
 * from and how big it was, not the page. Failed jobs are kept a week for their reason;
 * with the HTML inside, 5,000 of them could hold gigabytes.
 */
export function slimExtractData(data: unknown): Record<string, unknown> {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const pick = (k: string) => (typeof d[k] === 'string' ? (d[k] as string).slice(0, 4096) : null);
  const htmlBytes = typeof d.html === 'string' ? Buffer.byteLength(d.html) : typeof d.htmlBytes === 'number' ? d.htmlBytes : null;
  return { url: pick('url'), finalUrl: pick('finalUrl'), fetchedAt: pick('fetchedAt'), source: pick('source'), htmlBytes, htmlDropped: true };
}

/** True while an extract job's data still carries its page, as text or gzipped. */
export function holdsPage(data: unknown): boolean {
  const d = data as { html?: unknown; htmlGzip?: unknown } | null;
  return typeof d?.html === 'string' || typeof d?.htmlGzip === 'string';
}

/** Parse a payload; a malformed one can never succeed, so it is a permanent error. */
export function checkPayload<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || '(root)';
  throw new NewsintError('SCHEMA_VIOLATION', `${what} job data is invalid at ${where}: ${issue?.message}; the job cannot succeed, fix its producer`, {
    kind: 'permanent',
  });
}
