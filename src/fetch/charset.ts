/**
 * Bytes to string for HTML: charset from BOM, then the Content-Type header, then a
 * <meta charset> / http-equiv in the first bytes; UTF-8 when nothing says otherwise.
 */
import iconv from 'iconv-lite';

/** How far into the document a <meta> charset declaration is looked for (HTML spec: 1024). */
const META_SNIFF_BYTES = 4096;

function fromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return m?.[1] ? m[1].toLowerCase() : null;
}

function fromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, META_SNIFF_BYTES)).toString('latin1');
  const m =
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i) ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** The charset a document declares, by the rules above. */
export function detectCharset(bytes: Uint8Array, contentType?: string | null): string {
  const declared = fromBom(bytes) ?? charsetFromContentType(contentType) ?? fromMeta(bytes);
  if (declared && iconv.encodingExists(declared)) {
    // Browsers treat latin1 labels as windows-1252; so do we (curly quotes in 0x80-0x9f).
    return ['iso-8859-1', 'latin1', 'us-ascii', 'ascii'].includes(declared) ? 'windows-1252' : declared;
  }
  return 'utf-8';
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): string {
  const charset = detectCharset(bytes, contentType);
  // iconv-lite strips a BOM by default.
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}
