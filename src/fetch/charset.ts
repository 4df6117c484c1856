/**
 * Bytes to string for HTML: charset from BOM, then the Content-Type header, then a
 * <meta charset> / http-equiv in the first bytes; UTF-8 when nothing says otherwise.
 */
import iconv from 'iconv-lite';

/** How far into the document a <meta> charset is looked for (the HTML spec says 1024; old CMSs put it later). */
const META_SNIFF_BYTES = 4096;

/**
 * Labels browsers decode with a superset (WHATWG Encoding Standard), so pages written
 * for browsers decode the same here: curly quotes in latin1 pages, GBK-only characters
 * in "gb2312" pages, Thai in "tis-620" pages.
 */
const WHATWG_SUPERSETS: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'l1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  'gb_2312-80': 'gbk',
  'x-gbk': 'gbk',
  'ks_c_5601-1987': 'cp949',
  'euc-kr': 'cp949',
  'x-sjis': 'shift_jis',
};

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
  const label = m?.[1]?.toLowerCase();
  if (!label) return null;
  // We just read the declaration as ASCII, so the document cannot be UTF-16 (HTML spec rule).
  return label.startsWith('utf-16') ? 'utf-8' : label;
}

function usable(label: string | null): string | null {
  if (!label) return null;
  const name = WHATWG_SUPERSETS[label] ?? label;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset a document declares, by the rules above; an unknown label falls through to the next source. */
export function detectCharset(bytes: Uint8Array, contentType?: string | null): string {
  return fromBom(bytes) ?? usable(charsetFromContentType(contentType)) ?? usable(fromMeta(bytes)) ?? 'utf-8';
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): string {
  const charset = detectCharset(bytes, contentType);
  // iconv-lite strips a BOM by default.
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}
