/**
 * What kind of input a page is, before extraction: an HTML page, plain article text, or
 * something that holds no article (empty, PDF, image, archive, other binary), which is
 * refused with a clear NOT_HTML / NO_ARTICLE error instead of becoming an empty record.
 */
import { NewsintError } from './errors.js';
import { mediaType } from './fetch/content-type.js';

export type InputType = 'html' | 'text';
/** What the user asked for: `auto` decides by declared type, file name, then content. */
export type InputTypeChoice = InputType | 'auto';
export const INPUT_TYPE_CHOICES: readonly InputTypeChoice[] = ['auto', 'html', 'text'];

export interface InputHints {
  /** The user's choice (`--input-type`); `auto` by default. */
  declared?: InputTypeChoice;
  /** A file name or URL path: `.txt` means text, `.html` means HTML. */
  name?: string | null;
  /** The HTTP Content-Type, for fetched pages. */
  contentType?: string | null;
  /** How to name the input in an error ("report.pdf", a URL). */
  label?: string;
}

/** Magic numbers of formats people save beside articles, so the error can name what it got. */
const SIGNATURES: Array<[string, (b: Uint8Array) => boolean]> = [
  ['a PDF document', (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])],
  ['a PNG image', (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47])],
  ['a JPEG image', (b) => startsWith(b, [0xff, 0xd8, 0xff])],
  ['a GIF image', (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38])],
  ['a WebP image', (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && ascii(b, 8, 12) === 'WEBP'],
  ['a ZIP archive (or an Office document)', (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04])],
  ['gzip-compressed data', (b) => startsWith(b, [0x1f, 0x8b])],
  ['an executable', (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(b, [0x4d, 0x5a])],
];

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return Buffer.from(b.subarray(from, to)).toString('latin1');
}

const hasBom = (b: Uint8Array) =>
  startsWith(b, [0xef, 0xbb, 0xbf]) || startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff]);

/** Text has no NUL and almost no other control bytes (UTF-16 announces itself with a BOM). */
function looksLikeText(b: Uint8Array): boolean {
  if (hasBom(b)) return true;
  const sample = b.subarray(0, 4096);
  let control = 0;
  for (const x of sample) {
    if (x === 0) return false;
    if (x < 0x09 || (x > 0x0d && x < 0x20)) control++;
  }
  return control <= sample.length / 100;
}

/** HTML says so early: a doctype, an <html>/<body>/<head>, or common block tags in the first KiBs. */
const HTML_START = /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|script|style|link|div|p|article|section|main|h[1-6]|table|span|a|b|br|font|!--)[\s>/]/i;
const HTML_TAG_INSIDE = /<\/?(html|body|p|div|br|article|section|h[1-6]|ul|ol|li|table|span|a\s+href)[\s>/]/i;

function looksLikeHtml(b: Uint8Array): boolean {
  const head = Buffer.from(b.subarray(0, 4096)).toString('latin1').replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '').replace(/\x00/g, '');
  return HTML_START.test(head) || HTML_TAG_INSIDE.test(head);
}

const TEXT_NAME = /\.(txt|text|md|markdown)$/i;
const HTML_NAME = /\.(html?|xhtml)$/i;

function isBlank(b: Uint8Array): boolean {
  for (const x of b) if (x !== 0x20 && x !== 0x0a && x !== 0x0d && x !== 0x09 && x !== 0x0c && x !== 0 && x !== 0xef && x !== 0xbb && x !== 0xbf && x !== 0xff && x !== 0xfe) return false;
  return true;
}

/**
 * Decide how to read an input, or refuse it. Throws NO_ARTICLE for an empty input and
 * NOT_HTML for binary data (naming the format when it is a known one); both are permanent.
 */
export function detectInputType(bytes: Uint8Array, hints: InputHints = {}): InputType {
  const what = hints.label ? `${hints.label} ` : 'the input ';
  if (isBlank(bytes)) {
    throw new NewsintError('NO_ARTICLE', `${what}is empty: there is no article to extract`, { kind: 'permanent' });
  }
  const known = SIGNATURES.find(([, test]) => test(bytes));
  if (known || !looksLikeText(bytes)) {
    const kind = known ? known[0] : 'binary data';
    throw new NewsintError('NOT_HTML', `${what}is ${kind}, not an HTML page or article text; save the article as HTML or plain text`, {
      kind: 'permanent',
    });
  }
  if (hints.declared === 'html' || hints.declared === 'text') return hints.declared;
  const type = mediaType(hints.contentType);
  if (type === 'text/plain') return 'text';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  const name = (hints.name ?? '').replace(/[?#].*$/, '');
  if (TEXT_NAME.test(name)) return 'text';
  if (HTML_NAME.test(name)) return 'html';
  return looksLikeHtml(bytes) ? 'html' : 'text';
}
