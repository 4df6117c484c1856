/**
 * `npm run eval:content`: extractArticle on every article-extraction dev page, scored with the
 * benchmark's shingle metric; prints precision, recall, F1, accuracy and the worst pages.
 */
import { evaluateDevSet } from '../content/dev-set.js';

const WORST_SHOWN = Number(process.env.WORST ?? 5);

const { metrics, pages } = evaluateDevSet();
const f = (x: number) => x.toFixed(3);
console.log(`article-extraction-dev: ${metrics.pages} pages`);
console.log(
  `precision ${f(metrics.precision)}  recall ${f(metrics.recall)}  F1 ${f(metrics.f1)}  accuracy ${f(metrics.accuracy)}`,
);
console.log(`\nworst ${WORST_SHOWN} pages (page F1, tp/fp/fn normalized):`);
for (const p of [...pages].sort((a, b) => a.f1 - b.f1).slice(0, WORST_SHOWN)) {
  console.log(`  ${f(p.f1)}  fp ${f(p.score.fp)} fn ${f(p.score.fn)}  ${p.id.slice(0, 12)}  ${p.url}`);
}
