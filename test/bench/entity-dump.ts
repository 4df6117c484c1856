/**
 * Dumps extractEntities' whole result, one JSON line per document, for the documents the
 * entity step is benched and evaluated on: both article-extraction dev sets (on each page's
 * extracted text, with the options extractArticle passes), APTNER train+dev and AnnoCTR
 * train+dev (with the options of `npm run eval:entities`). A speed change must leave this output
 * byte-identical; diff a dump made before it against one made after:
 *
 *   npm run build --silent && node dist/test/bench/entity-dump.js > /tmp/before.jsonl
 */
import { createWriteStream } from 'node:fs';
import { extractContent } from '../../extractors/content/index.js';
import { extractEntities } from '../../extractors/entities/index.js';
import { loadDocs } from '../eval/annoctr.js';
import { loadDevSet } from '../content/dev-set.js';

const out = process.argv[2] ? createWriteStream(process.argv[2]) : process.stdout;
let count = 0;
const write = (set: string, id: string, result: unknown) => {
  out.write(`${JSON.stringify({ set, id, result })}\n`);
  count++;
};

for (const set of ['2019', 'modern'] as const) {
  for (const page of loadDevSet(set)) {
    let content: { text: string; publishedAt: string | null };
    try {
      content = extractContent(page.html);
    } catch {
      continue; // no article: extractArticle never reaches the entity step
    }
    write(set, page.id, extractEntities(content.text, { referenceDate: content.publishedAt, ownUrls: [page.url || null] }));
  }
}
for (const d of loadDocs('aptner-train-dev.jsonl')) write('aptner', d.id, extractEntities(d.text, { referenceDate: null }));
for (const d of loadDocs('annoctr-train-dev.jsonl')) {
  write('annoctr', d.id, extractEntities(d.text, { referenceDate: d.publishedAt ? `${d.publishedAt}T12:00:00Z` : null }));
}
if (out !== process.stdout) out.end();
console.error(`entity-dump: ${count} documents`);
