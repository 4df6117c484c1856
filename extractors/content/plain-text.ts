/**
 * Plain text as an article (a pasted report, a .txt export): paragraphs by blank lines and
 * a title from a first short line when there is one. The text itself is kept whole: what
 * the analyst gave is the article.
 */
import { BOILERPLATE_LINE } from './hints.js';

/** A title is a short line: longer ones are the first paragraph. */
export const MAX_TITLE_CHARS = 160;
const MAX_TITLE_WORDS = 25;
/** Lines looked at for a title (a photo credit or a kicker may come first). */
const TITLE_LINES = 3;

export interface PlainArticle {
  title: string | null;
  text: string;
}

const collapse = (s: string) => s.replace(/[^\S\n]+/g, ' ').trim();

/** Paragraphs: blank-line separated blocks, hard-wrapped lines joined; with no blank line at all, one per line. */
export function paragraphsOf(raw: string): string[] {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const hasBlank = /\n[^\S\n]*\n/.test(text);
  const blocks = hasBlank ? text.split(/\n[^\S\n]*\n/) : text.split('\n');
  return blocks.map((b) => collapse(b.replace(/\n/g, ' '))).filter(Boolean);
}

function isTitleLine(line: string): boolean {
  if (line.length > MAX_TITLE_CHARS || line.split(/\s+/).length > MAX_TITLE_WORDS) return false;
  if (/[.;,]$/.test(line) || !/\p{L}/u.test(line)) return false;
  return !BOILERPLATE_LINE.test(line);
}

export function plainTextArticle(raw: string): PlainArticle {
  const paragraphs = paragraphsOf(raw);
  let title: string | null = null;
  // Only when more follows: a lone short line is the whole text, not a headline.
  for (let i = 0; i < Math.min(TITLE_LINES, paragraphs.length - 1); i++) {
    if (isTitleLine(paragraphs[i]!)) {
      title = paragraphs[i]!;
      break;
    }
  }
  return { title, text: paragraphs.join('\n\n') };
}
