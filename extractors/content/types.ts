/** The content extractor's result type, shared by index.ts and metadata.ts (no import circle). */
import type { ArticleRecord } from '../../src/record/schema.js';

/** What the page says of itself plus its body; field meanings are the record's (src/record/schema.ts). */
export type ContentResult = Pick<
  ArticleRecord,
  'title' | 'authors' | 'publishedAt' | 'modifiedAt' | 'canonicalUrl' | 'siteName' | 'language' | 'text'
>;
