/**
 * The embedded runner: pages from files, directories, URLs or stdin through `extractArticle`
 * in-process, no Redis. Fetching overlaps (bounded concurrency); records come out in input order.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ZodError } from 'zod';
import { NewsintError } from '../errors.js';
import { extractArticle, extractText } from '../extract-article.js';
import type { ArticleRecord } from '../record/schema.js';
import type { InputItem } from './inputs.js';
import { loadPage, readAll, type PageFetcher } from './load.js';
import { runOrdered } from './ordered-pool.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';

export { expandInputs, HTML_EXTENSIONS, type InputItem, type ExpandOptions } from './inputs.js';
export { type PageFetcher, type LoadedPage } from './load.js';

export { DEFAULT_CONCURRENCY } from './defaults.js';

export interface EmbeddedOptions {
  concurrency?: number;
  /** Fetches URL inputs; required only when there are some. */
  fetcher?: PageFetcher;
  /** Source of the "-" input; defaults to process.stdin. */
  readStdin?: () => Promise<Uint8Array>;
  /** Pin every record's extractedAt (reproducible output). */
  extractedAt?: string;
  /** Each record, in input order; awaited, so a slow writer slows the run instead of buffering. */
  onRecord: (record: ArticleRecord, item: InputItem, index: number) => void | Promise<void>;
  /** Each failed input, in input order among the records. */
  onFailure: (error: NewsintError | Error, item: InputItem, index: number) => void | Promise<void>;
  /** After each input settles (completion order): for progress displays. */
  onSettled?: (progress: { settled: number; failed: number; total: number }) => void;
  /** Returning true stops starting new inputs (e.g. stdout was closed by `| head`). */
  shouldStop?: () => boolean;
}

export interface RunSummary {
  total: number;
  succeeded: number;
  failed: number;
}

/** Turns whatever extraction threw into an error with a stable code. */
function asNewsintError(err: unknown): NewsintError | Error {
  if (err instanceof NewsintError) return err;
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const where = issue?.path.join('.') || 'record';
    return new NewsintError('SCHEMA_VIOLATION', `the extracted record is invalid at ${where}: ${issue?.message ?? 'unknown'} (a newsint bug, please report it)`, { kind: 'permanent', cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** "CODE: message", the part of an error line after the input's name. */
export function describeFailure(err: unknown): string {
  if (err instanceof NewsintError) return `${err.code}: ${err.message}`;
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return `${typeof errno === 'string' ? errno : 'ERROR'}: ${message}`;
}

export async function runEmbedded(items: readonly InputItem[], options: EmbeddedOptions): Promise<RunSummary> {
  let stdin: Promise<Uint8Array> | undefined;
  const context = {
    ...(options.fetcher ? { fetcher: options.fetcher } : {}),
    // Stdin can be read once; memoized so a repeated "-" cannot hang.
    readStdin: () => (stdin ??= (options.readStdin ?? (() => readAll(process.stdin)))()),
  };
  const summary: RunSummary = { total: items.length, succeeded: 0, failed: 0 };
  let settled = 0;
  let failedSoFar = 0;

  await runOrdered(
    items,
    async (item) => {
      const page = await loadPage(item, context);
      // Extraction is CPU-bound: let pending socket events run first so fetches keep flowing.
      await yieldToEventLoop();
      try {
        const common = { url: page.url, fetchedAt: page.fetchedAt, ...(options.extractedAt ? { extractedAt: options.extractedAt } : {}) };
        return page.inputType === 'text'
          ? extractText(page.html, { ...common, publishedAt: item.publishedAt ?? null })
          : extractArticle(page.html, common);
      } catch (err) {
        throw asNewsintError(err);
      }
    },
    {
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
      onSettled: (outcome) => {
        settled += 1;
        if (!outcome.ok) failedSoFar += 1;
        options.onSettled?.({ settled, failed: failedSoFar, total: items.length });
      },
      deliver: async (outcome, item, index) => {
        if (outcome.ok) {
          summary.succeeded += 1;
          await options.onRecord(outcome.value, item, index);
        } else {
          summary.failed += 1;
          await options.onFailure(asNewsintError(outcome.error), item, index);
        }
      },
    },
  );
  return summary;
}
