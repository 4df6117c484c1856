/**
 * JSON Lines output with backpressure: one record per line to stdout or a file. A reader that
 * goes away (`| head -1`) closes the writer quietly instead of crashing on EPIPE.
 */
import { createWriteStream } from 'node:fs';
import { NewsintError } from '../errors.js';

export interface JsonLinesWriter {
  /** Resolves once the line is accepted (or the reader is gone). */
  write(value: unknown): Promise<void>;
  /** Writes `chunk` as it is (other output formats than JSON Lines). */
  writeText(chunk: string): Promise<void>;
  /** True after the reader went away: stop producing. */
  readonly closed: boolean;
  /** Flushes; closes a file (never stdout). */
  close(): Promise<void>;
}

/** Resolves on the first of `events` (or an error): no listener is left behind. */
function settle(stream: NodeJS.WritableStream, events: string[]): Promise<void> {
  return new Promise((resolve) => {
    const names = [...events, 'error', 'close'];
    const done = () => {
      for (const name of names) stream.off(name, done);
      resolve();
    };
    for (const name of names) stream.on(name, done);
  });
}

function wrap(stream: NodeJS.WritableStream, own: boolean): JsonLinesWriter {
  let closed = false;
  let failure: Error | undefined;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    closed = true;
    // A closed pipe means the reader has all it wanted; anything else is a real write failure.
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') failure = err;
  });
  const check = () => {
    if (failure) throw new NewsintError('BAD_INPUT', `cannot write output: ${failure.message}`, { kind: 'permanent', cause: failure });
  };
  const writeText = async (chunk: string) => {
    check();
    if (closed) return;
    if (!stream.write(chunk)) {
      await settle(stream, ['drain']);
    }
    check();
  };
  return {
    get closed() {
      return closed;
    },
    write: (value) => writeText(`${JSON.stringify(value)}\n`),
    writeText,
    async close() {
      check();
      if (!own || closed) return;
      stream.end();
      await settle(stream, ['finish']);
      check();
    },
  };
}

export function stdoutWriter(): JsonLinesWriter {
  return wrap(process.stdout, false);
}

/** Opens (truncates) `path` before any work starts, so a bad path fails at once. */
export async function fileWriter(path: string): Promise<JsonLinesWriter> {
  const stream = createWriteStream(path);
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('ready', () => resolve());
      stream.once('error', reject);
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new NewsintError('BAD_INPUT', `cannot write --out ${path}: ${reason}`, { kind: 'permanent', cause: err });
  }
  return wrap(stream, true);
}
