/**
 * `npm run eval:title-ceiling`: how far any title rule can go on the modern dev set, measured
 * three ways (see test/eval/title-choice.ts): the oracle (gold among the candidates a page
 * offers at all), the best deterministic rule over the page's structure (in-sample), and a
 * small learned chooser out of fold (5 folds grouped by site, seeds 1-5). Also prints today's
 * title exact and normalized on the same pages, and each single source as the rule.
 * TITLE_GROUPS=n shows the n largest structure groups.
 */
import { loadDevSet, titlesMatchExact, titlesMatchNormalized } from '../content/dev-set.js';
import { extractContent } from '../../extractors/content/index.js';
import { SOURCES, VARIANTS, fitChooser, groupRule, labelScore, oracle, outOfFold, pageCandidates, ruleBound, choose, type Candidate, type PageCandidates } from './title-choice.js';

const FOLDS = 5;
const SEEDS = [1, 2, 3, 4, 5];
const GROUPS = Number(process.env.TITLE_GROUPS ?? 12);
const f = (x: number) => x.toFixed(3);

const pages: PageCandidates[] = loadDevSet('modern').map((p) =>
  pageCandidates({ id: p.id, url: p.url, html: p.html, gold: p.title, ours: extractContent(p.html).title }),
);
const scored = pages.filter((p) => p.gold);
const share = (picks: Array<string | null | undefined>, match: (a: string, b: string) => boolean) =>
  pages.reduce((n, p, i) => n + (p.gold && picks[i] && match(picks[i]!, p.gold) ? 1 : 0), 0) / scored.length;
const ours = pages.map((p) => p.raw.ours ?? null);

console.log(`modern dev set: ${pages.length} pages, ${scored.length} with a gold title`);
console.log(`today's title: exact ${f(share(ours, titlesMatchExact))}, normalized ${f(share(ours, titlesMatchNormalized))}`);

console.log('\n(a) oracle: gold among the candidates');
console.log(`  any candidate (h1s, og, twitter, <title>, JSON-LD, each whole or cut, today's): ${f(oracle(pages))}`);
for (const s of [...SOURCES, 'ours'] as const) console.log(`  ${s.padEnd(6)} ${f(oracle(pages, [s]))}`);
console.log('  one fixed label as the rule (today\'s title where the page lacks it):');
for (const s of SOURCES) console.log(`  ${s.padEnd(6)} ${VARIANTS.map((v) => `${v} ${f(labelScore(pages, `${s}:${v}`))}`).join('  ')}`);

const bound = ruleBound(pages);
const conflicted = bound.groups.filter((g) => g.bestHits < g.pages);
console.log(`\n(b) best deterministic rule over page structure (in-sample; ${bound.groups.length} groups, ${bound.groups.filter((g) => g.pages === 1).length} of one page)`);
console.log(`  ${f(bound.hits / bound.scored)}; pages in groups of 2+ : ${bound.groups.filter((g) => g.pages > 1).reduce((n, g) => n + g.pages, 0)}, of which the best label per group gets ${bound.groups.filter((g) => g.pages > 1).reduce((n, g) => n + g.bestHits, 0)}`);
console.log(`  groups where gold follows different labels: ${conflicted.length} (${conflicted.reduce((n, g) => n + g.pages - g.bestHits, 0)} pages lost to them)`);
for (const g of bound.groups.slice(0, GROUPS)) {
  const top = Object.entries(g.hits).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 4);
  console.log(`  ${String(g.pages).padStart(3)} pages, best ${g.bestHits} (${g.bestLabel ?? 'none'}): ${g.signature}\n        ${top.map(([l, n]) => `${l} ${n}`).join(', ')}`);
}

const groupOof = SEEDS.map((seed) => share(outOfFold(pages, FOLDS, seed, groupRule).map((c) => c?.text ?? null), titlesMatchExact));
console.log(`  the same rule learned out of fold (${FOLDS} folds by site, today's title for a structure the training folds lack): exact ${groupOof.map(f).join(', ')} (seeds ${SEEDS.join(', ')})`);

// The inconsistency that caps every rule: a <title> that ends in the site's name, kept by gold on some pages and cut on others.
let kept = 0;
let cut = 0;
for (const p of scored) {
  const c = p.candidates.find((x) => x.key === p.goldKey);
  const t = p.candidates.filter((x) => x.from.some((f) => f.source === 'title' && f.variant === 'suffix' && f.cutIsSite));
  if (t.length === 0) continue;
  if (c?.from.some((f) => f.source === 'title' && f.variant === 'raw')) kept++;
  else if (c && t.includes(c)) cut++;
}
console.log(`  pages whose <title> ends in a segment naming the site: gold keeps it on ${kept}, cuts it on ${cut}`);

console.log(`\n(c) learned chooser (softmax over candidates), ${FOLDS} folds by site`);
const keyText = (c: Candidate | null) => c?.text ?? null;
const oofScores = SEEDS.map((seed) => {
  const picks = outOfFold(pages, FOLDS, seed).map(keyText);
  return { seed, exact: share(picks, titlesMatchExact), normalized: share(picks, titlesMatchNormalized), picks };
});
for (const s of oofScores) console.log(`  seed ${s.seed}: out-of-fold exact ${f(s.exact)}, normalized ${f(s.normalized)}`);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`  mean over seeds: exact ${f(mean(oofScores.map((s) => s.exact)))}, normalized ${f(mean(oofScores.map((s) => s.normalized)))}`);
const model = fitChooser(pages);
const inFold = pages.map((p) => keyText(choose(model, p)));
console.log(`  in-fold (trained on all): exact ${f(share(inFold, titlesMatchExact))}, normalized ${f(share(inFold, titlesMatchNormalized))}`);
console.log(`  weights: ${model.features.map((name, j) => `${name} ${model.weights[j]}`).join('; ')}`);
const first = oofScores[0]!.picks;
const changed = pages.flatMap((p, i) => (p.gold && first[i] !== ours[i] ? [{ p, ours: ours[i], pick: first[i] }] : []));
const won = changed.filter((c) => titlesMatchExact(c.pick ?? '', c.p.gold!)).length;
const lost = changed.filter((c) => titlesMatchExact(c.ours ?? '', c.p.gold!)).length;
console.log(`  seed ${SEEDS[0]}: differs from today's title on ${changed.length} pages (gold gained ${won}, lost ${lost})`);
if (process.env.SHOW_CHANGES) for (const c of changed) console.log(`    ${c.p.id.slice(0, 8)} today: ${c.ours}\n             pick: ${c.pick}\n             gold: ${c.p.gold}`);
