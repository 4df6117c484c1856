/** Lists of inputs one per line (stdin or a file), as trafilatura's -i reads them: blank lines and # comments skipped. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { NewsintError } from '../errors.js';

/** The line without a trailing comment; a `#` inside a URL (a fragment) is kept. */
export function stripComment(line: string): string {
  const t = line.trim();
  if (t.startsWith('#')) return '';
  return t.replace(/\s+#.*$/, '').trim();
}

export async function readLines(input: NodeJS.ReadableStream): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const value = stripComment(line);
    if (value) out.push(value);
  }
  return out;
}

/** `-i FILE` (or `-i -` for stdin): its lines; a missing file is BAD_INPUT naming it. */
export async function readInputFile(path: string): Promise<string[]> {
  if (path === '-') return readLines(process.stdin);
  const stream = createReadStream(path);
  try {
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
  } catch (err) {
    throw new NewsintError('BAD_INPUT', `cannot read input file ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { kind: 'permanent', cause: err });
  }
  return readLines(stream);
}
