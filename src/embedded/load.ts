/**
 * Loading one input: local files and stdin are read as bytes and decoded by their declared
 * charset (BOM, <meta>); URLs go through the fetcher (guard, caps, charset). Each is then
 * typed as HTML or plain article text, or refused (empty, PDF, image, binary).
 */
import { readFile } from 'node:fs/promises';
import { NewsintError } from '../errors.js';
import { decodeHtml } from '../fetch/charset.js';
import { detectInputType, type InputType } from '../input-type.js';
import type { InputItem } from './inputs.js';

/** The part of the fetcher the embedded runner needs (src/fetch's createFetcher satisfies it). */
export interface PageFetcher {
  fetch(request: { url: string; accept: 'article' }): Promise<{ finalUrl: string; text: string; fetchedAt: string; body?: Uint8Array; contentType?: string | null }>;
}

export interface LoadedPage {
  /** The page's HTML, or the article text when `inputType` is 'text'. */
  html: string;
  inputType: InputType;
  /** The record's `url`: as requested, or null for a local page with no known address. */
  url: string | null;
  fetchedAt: string | null;
}

export interface LoadContext {
  /** Needed only when there are URL inputs. */
  fetcher?: PageFetcher;
  /** Reads all of stdin; called at most once per run. */
  readStdin: () => Promise<Uint8Array>;
}

function readError(err: unknown): NewsintError {
  const code = (err as NodeJS.ErrnoException).code;
  const message =
    code === 'ENOENT' ? 'no such file or directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory'
    : `cannot read: ${(err as Error).message}`;
  return new NewsintError('BAD_INPUT', message, { kind: 'permanent', cause: err });
}

export async function loadPage(item: InputItem, context: LoadContext): Promise<LoadedPage> {
  const { source } = item;
  switch (source.kind) {
    case 'invalid':
      throw source.error;
    case 'url': {
      if (!context.fetcher) throw new NewsintError('BAD_CONFIG', 'URL inputs need a fetcher', { kind: 'permanent' });
      const page = await context.fetcher.fetch({ url: source.url, accept: 'article' });
      const inputType = detectInputType(page.body ?? Buffer.from(page.text), {
        declared: item.inputType,
        contentType: page.contentType ?? null,
        name: new URL(page.finalUrl).pathname,
        label: source.url,
      });
      // DESIGN.md: `url` is the address as requested; the page's own canonical link wins for canonicalUrl.
      return { html: page.text, inputType, url: source.url, fetchedAt: page.fetchedAt };
    }
    case 'file': {
      const bytes = await readFile(source.path).catch((err: unknown) => {
        throw readError(err);
      });
      const inputType = detectInputType(bytes, { declared: item.inputType, name: source.path, label: 'the file' });
      return { html: decodeHtml(bytes), inputType, url: item.url ?? null, fetchedAt: item.fetchedAt ?? null };
    }
    case 'stdin': {
      const bytes = await context.readStdin();
      const inputType = detectInputType(bytes, { declared: item.inputType, label: 'stdin' });
      return { html: decodeHtml(bytes), inputType, url: item.url ?? null, fetchedAt: item.fetchedAt ?? null };
    }
  }
}

/** Reads a whole stream (stdin) into one buffer. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
