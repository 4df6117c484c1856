/** Public library API of newsint. */
export { extractArticle, countWords, recordId, type ExtractArticleOptions } from './extract-article.js';
export * from './record/schema.js';
export { canonicalizeUrl } from './url/canonical.js';
