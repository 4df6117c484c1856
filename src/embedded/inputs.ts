/**
 * Input expansion for the embedded runner: command-line arguments (files, directories,
 * URLs, "-" for stdin) become an ordered list of pages to extract.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NewsintError } from '../errors.js';
import type { InputTypeChoice } from '../input-type.js';

/** File extensions a directory is expanded to. */
export const HTML_EXTENSIONS: ReadonlySet<string> = new Set(['.html', '.htm']);

export type InputSource =
  | { kind: 'file'; path: string }
  | { kind: 'url'; url: string }
  | { kind: 'stdin' }
  /** An argument that is already known to fail (bad URL, missing path, empty directory): it keeps its place in the output order. */
  | { kind: 'invalid'; error: NewsintError };

export interface InputItem {
  /** How the user named this input; error lines start with it. */
  label: string;
  source: InputSource;
  /** Overrides the record's `url` for a local page (`--url`, or a sample's known address). */
  url?: string | null;
  /** Overrides the record's `fetchedAt` for a local page. */
  fetchedAt?: string | null;
  /** HTML or plain text; `auto` (default) decides by content type, file name, then content. */
  inputType?: InputTypeChoice;
  /** For plain text: when it was published (the record's publishedAt; relative dates resolve against it). */
  publishedAt?: string | null;
}

export interface ExpandOptions {
  /** Descend into subdirectories (hidden ones excepted). Default false: only the directory's own files. */
  recursive?: boolean;
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function invalid(label: string, code: 'BAD_INPUT' | 'BAD_URL', message: string): InputItem {
  return { label, source: { kind: 'invalid', error: new NewsintError(code, message, { kind: 'permanent' }) } };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The HTML files of a directory, sorted by path so runs are reproducible on every machine. */
async function htmlFilesIn(dir: string, recursive: boolean): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodePoint(a.name, b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Follow symlinks by stat-ing them; entries that vanish or cannot be read are skipped.
    const info = entry.isSymbolicLink() ? await stat(path).catch(() => null) : entry;
    if (!info) continue;
    if (info.isFile() && HTML_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
    else if (recursive && info.isDirectory() && !entry.name.startsWith('.')) files.push(...(await htmlFilesIn(path, true)));
  }
  return files;
}

function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (err as Error).message;
}

async function expandOne(arg: string, options: ExpandOptions): Promise<InputItem[]> {
  if (arg === '-') return [{ label: '-', source: { kind: 'stdin' } }];
  if (URL_SCHEME.test(arg)) {
    let url: URL;
    try {
      url = new URL(arg);
    } catch {
      return [invalid(arg, 'BAD_URL', 'not a valid URL')];
    }
    if (url.protocol === 'http:' || url.protocol === 'https:') return [{ label: arg, source: { kind: 'url', url: url.href } }];
    if (url.protocol !== 'file:') return [invalid(arg, 'BAD_URL', `only http: and https: URLs can be fetched, not ${url.protocol}`)];
    return expandPath(arg, fileURLToPath(url), options);
  }
  return expandPath(arg, arg, options);
}

async function expandPath(label: string, path: string, options: ExpandOptions): Promise<InputItem[]> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    return [invalid(label, 'BAD_INPUT', fsReason(err))];
  }
  if (!info.isDirectory()) return [{ label, source: { kind: 'file', path } }];
  let files: string[];
  try {
    files = await htmlFilesIn(path, options.recursive ?? false);
  } catch (err) {
    return [invalid(label, 'BAD_INPUT', fsReason(err))];
  }
  if (files.length === 0) {
    const hint = options.recursive ? '' : ' (add --recursive to look in subdirectories)';
    return [invalid(label, 'BAD_INPUT', `directory holds no .html or .htm files${hint}`)];
  }
  return files.map((file) => ({ label: file, source: { kind: 'file', path: file } }));
}

/** Expands every argument in order; a directory becomes its HTML files, sorted by name. */
export async function expandInputs(args: readonly string[], options: ExpandOptions = {}): Promise<InputItem[]> {
  const expanded = await Promise.all(args.map((arg) => expandOne(arg, options)));
  return expanded.flat();
}
