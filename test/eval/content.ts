/**
 * `npm run eval:content`: the content extractor and Readability 0.6 + jsdom on both dev sets
 * (2019 benchmark pages and modern pages), side by side: the benchmark's shingle P/R/F1 and
 * exact accuracy, the modern set's with/without snippet rates and metadata scores, and the
 * worst pages. `--no-baseline` skips Readability (fast iteration); WORST=n shows n worst pages;
 * NEWSINT_EVAL_DUMP=file writes every page's prediction as JSON for study.
 */
import { writeFileSync } from 'node:fs';
import { evaluateDevSet, loadDevSet, type DevSetName, type SetResult } from '../content/dev-set.js';
import { readabilityExtract } from './readability.js';

const WORST_SHOWN = Number(process.env.WORST ?? 8);
const baseline = !process.argv.includes('--no-baseline');
const f = (x: number | undefined) => (x === undefined ? '  -  ' : x.toFixed(3));

const sets: DevSetName[] = ['2019', 'modern'];
const ours = {} as Record<DevSetName, SetResult>;
const theirs = {} as Partial<Record<DevSetName, SetResult>>;
for (const name of sets) {
  const pages = loadDevSet(name);
  ours[name] = evaluateDevSet(name, undefined, pages);
  if (baseline) theirs[name] = evaluateDevSet(name, readabilityExtract, pages);
}

const rows: Array<[string, (r: SetResult) => number | undefined]> = [
  ['precision', (r) => r.metrics.precision],
  ['recall', (r) => r.metrics.recall],
  ['F1', (r) => r.metrics.f1],
  ['accuracy (exact)', (r) => r.metrics.accuracy],
  ['with snippets found', (r) => r.snippets?.withFound],
  ['without snippets kept', (r) => r.snippets?.withoutKept],
  ['title exact', (r) => r.metadata?.titleExact],
  ['title normalized', (r) => r.metadata?.titleNormalized],
  ['author exact', (r) => r.metadata?.authorExact],
  ['author any', (r) => r.metadata?.authorAny],
  ['published (day)', (r) => r.metadata?.dateDay],
];
const cols = sets.flatMap((s) => [`${s} newsint`, ...(baseline ? [`${s} Readab.`] : [])]);
console.log(`pages: 2019 ${ours['2019'].metrics.pages}, modern ${ours.modern.metrics.pages}`);
console.log(['metric'.padEnd(22), ...cols.map((c) => c.padStart(15))].join(''));
for (const [label, get] of rows) {
  const cells = sets.flatMap((s) => [get(ours[s]), ...(baseline ? [get(theirs[s]!)] : [])]);
  console.log([label.padEnd(22), ...cells.map((c) => f(c).padStart(15))].join(''));
}
const md = ours.modern.metadata;
if (md) console.log(`(modern gold fields: title ${md.titlePages}, author ${md.authorPages}, date ${md.datePages} pages)`);

for (const name of sets) {
  console.log(`\n${name}: worst ${WORST_SHOWN} pages (page F1, shingle fp/fn shares)`);
  for (const p of [...ours[name].pages].sort((a, b) => a.f1 - b.f1).slice(0, WORST_SHOWN)) {
    console.log(`  ${f(p.f1)}  fp ${f(p.score.fp)} fn ${f(p.score.fn)}  ${p.id.slice(0, 16).padEnd(16)}  ${p.url}`);
  }
}

const dump = process.env.NEWSINT_EVAL_DUMP;
if (dump) {
  const out = sets.flatMap((s) => ours[s].pages.map(({ content, ...p }) => ({ ...p, title: content?.title, authors: content?.authors, publishedAt: content?.publishedAt })));
  writeFileSync(dump, JSON.stringify(out));
  console.log(`\nper-page results written to ${dump}`);
}
