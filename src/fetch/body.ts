/**
 * Reads a response body under the byte cap: content-encodings are undone by us, and the
 * cap counts DECOMPRESSED bytes, so a 10 kB gzip bomb stops at the cap, not at 10 GB.
 */
import { promisify } from 'node:util';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** The encodings we undo; advertised in Accept-Encoding. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Raised when the cap is reached; the fetcher turns it into TOO_LARGE with the URL. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`body exceeds ${maxBytes} bytes`);
  }
}

/** Raised for a Content-Encoding we cannot undo. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported content-encoding "${encoding}"`);
  }
}

// Truncated streams decode as far as they go, as browsers do, instead of failing the page.
const GZIP_OPTIONS = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createUnzip(GZIP_OPTIONS);
    case 'deflate':
      return deflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress(BROTLI_OPTIONS);
    default:
      throw new UnsupportedEncodingError(encoding);
  }
}

/** A zlib stream starts with CMF/FLG: method 8 and a header checksum divisible by 31. */
const hasZlibHeader = (b: Buffer) => b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;

/**
 * "deflate" is zlib-wrapped per RFC 9110, but some servers send raw deflate; browsers
 * accept both, so we look at the first bytes and pick the matching inflater.
 */
function deflateDecoder(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | null = null;
  const outer: Transform = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      if (!inner) {
        inner = hasZlibHeader(chunk) ? zlib.createInflate(GZIP_OPTIONS) : zlib.createInflateRaw(GZIP_OPTIONS);
        inner.on('data', (data: Buffer) => outer.push(data));
        inner.on('error', (err) => outer.destroy(err));
      }
      inner.write(chunk, () => callback());
    },
    flush(callback) {
      if (!inner) return callback();
      inner.once('end', () => callback());
      inner.end();
    },
    destroy(err, callback) {
      inner?.destroy();
      callback(err);
    },
  });
  return outer;
}

/** "gzip, br" -> decoders in the order to apply them (the last encoding applied is undone first). */
export function decodersFor(contentEncoding: string | null): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean)
    .reverse();
  return codings.map(decoderFor).filter((d): d is Transform => d !== null);
}

/** A sink that keeps chunks and fails the whole pipeline the moment the cap is passed. */
function cappedSink(maxBytes: number, chunks: Buffer[]): Writable {
  let total = 0;
  return new Writable({
    write(chunk: Buffer, _enc, callback) {
      total += chunk.length;
      if (total > maxBytes) return callback(new BodyTooLargeError(maxBytes));
      chunks.push(chunk);
      callback();
    },
  });
}

/**
 * Read `body`, undoing `contentEncoding`, keeping at most `maxBytes` decoded bytes.
 * On overflow every stream is destroyed at once (undici then drops the connection).
 */
export async function readCappedBody(body: Readable, contentEncoding: string | null, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let decoders: Transform[];
  try {
    decoders = decodersFor(contentEncoding);
  } catch (err) {
    body.on('error', () => undefined); // destroy() without a reason still emits an AbortError
    body.destroy();
    throw err;
  }
  await pipeline([body, ...decoders, cappedSink(maxBytes, chunks)]);
  return Buffer.concat(chunks);
}

const gunzipAsync = promisify(zlib.gunzip);

/** Gunzip a whole document (a sitemap.xml.gz) with the same cap on its output. */
export async function gunzipCapped(bytes: Uint8Array, maxBytes: number): Promise<Buffer> {
  try {
    return await gunzipAsync(bytes, { ...GZIP_OPTIONS, maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new BodyTooLargeError(maxBytes);
    throw err;
  }
}
