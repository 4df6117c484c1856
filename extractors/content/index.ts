/** PLACEHOLDER until the content extractor lands: returns nothing useful. */
export interface ContentResult {
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  language: string | null;
  /** Article body: paragraphs joined by a blank line. */
  text: string;
}

export interface ContentOptions {
  /** Page URL, to resolve relative canonical links. */
  url?: string | null;
}

export function extractContent(_html: string, _options: ContentOptions = {}): ContentResult {
  return { title: null, authors: [], publishedAt: null, modifiedAt: null, canonicalUrl: null, siteName: null, language: null, text: '' };
}
