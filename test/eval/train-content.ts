/**
 * `npm run train:content`: trains the content block model (extractors/content/blocks.ts) on
 * both article-extraction dev sets, read in place. Folds group pages by site, so no site is in
 * training and test at once; it prints rule-only, in-fold and out-of-fold P/R/F1 per set. It
 * writes the weights (extractors/data/content-blocks.json) only when the out-of-fold model helps
 * one set at no cost to the other; until then the product runs on rules alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package.js';
import { ruleBody } from '../../extractors/content/index.js';
import { FEATURES, blockFeatures, probability, type BlockModel } from '../../extractors/content/blocks.js';
const BLOCK_MODEL_FILE = 'content-blocks.json';
import { loadDevSet, type DevSetName } from '../content/dev-set.js';
import { scorePages, shingles, tokenize, type Metrics } from './shingles.js';

const FOLDS = 5;
const L2 = 1e-3;
const EPOCHS = 400;
const RATE = 2;
const THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
/** A block is article text when at least this share of its 4-token shingles are in the gold body. */
const IN_GOLD_SHARE = 0.5;

interface Page {
  set: DevSetName;
  site: string;
  gold: string;
  /** Rules-only text, and its blocks with features and labels when it came from blocks. */
  text: string;
  blocks: Array<{ text: string; x: number[]; y: number; w: number }> | null;
}

function siteOf(url: string, id: string): string {
  try {
    return new URL(url).hostname.replace(/^www\d?\./, '');
  } catch {
    return `page:${id}`;
  }
}

/** Share of a block's shingles (its whole token run when shorter) found in the gold body. */
function goldShare(block: string, gold: Map<string, number>, goldTokens: string): number {
  const toks = tokenize(block);
  if (toks.length === 0) return 0;
  if (toks.length < 4) return ` ${goldTokens} `.includes(` ${toks.join(' ')} `) ? 1 : 0;
  const sh = shingles(block);
  let hit = 0;
  let all = 0;
  for (const [k, c] of sh) {
    all += c;
    hit += Math.min(c, gold.get(k) ?? 0);
  }
  return hit / all;
}

function loadPages(): Page[] {
  const pages: Page[] = [];
  for (const set of ['2019', 'modern'] as DevSetName[]) {
    for (const p of loadDevSet(set)) {
      const body = ruleBody(p.html);
      const gold = shingles(p.gold);
      const goldTokens = tokenize(p.gold).join(' ');
      let blocks: Page['blocks'] = null;
      if (body.blocks && body.blocks.length > 0) {
        const xs = blockFeatures(body.blocks);
        const sizes = body.blocks.map((b) => Math.max(1, tokenize(b.text).length));
        const total = sizes.reduce((a, b) => a + b, 0);
        blocks = body.blocks.map((b, i) => ({
          text: b.text,
          x: xs[i]!,
          y: goldShare(b.text, gold, goldTokens) >= IN_GOLD_SHARE ? 1 : 0,
          // Every page weighs the same, as in the metric; within a page, blocks by their tokens.
          w: sizes[i]! / total,
        }));
      }
      pages.push({ set, site: siteOf(p.url, p.id), gold: p.gold, text: body.text, blocks });
    }
  }
  return pages;
}

/** Weighted, L2-regularized logistic regression by full-batch gradient descent (small data). */
function fit(pages: Page[]): Omit<BlockModel, 'threshold'> {
  const rows = pages.flatMap((p) => p.blocks ?? []);
  const d = FEATURES.length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const W = rows.reduce((s, r) => s + r.w, 0) || 1;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const g = new Array<number>(d).fill(0);
    let gb = 0;
    for (const r of rows) {
      let z = b;
      for (let j = 0; j < d; j++) z += w[j]! * r.x[j]!;
      const err = (1 / (1 + Math.exp(-z)) - r.y) * r.w;
      for (let j = 0; j < d; j++) g[j]! += err * r.x[j]!;
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j]! -= RATE * (g[j]! / W + L2 * w[j]!);
    b -= (RATE * gb) / W;
  }
  return { features: [...FEATURES], weights: w.map((x) => Number(x.toFixed(4))), bias: Number(b.toFixed(4)) };
}

function textWith(p: Page, model: BlockModel | null): string {
  if (!model || !p.blocks || p.blocks.length < 2) return p.text;
  const kept = p.blocks.filter((bl) => probability(model, bl.x) >= model.threshold);
  return (kept.length ? kept : p.blocks).map((bl) => bl.text).join('\n\n');
}

function metrics(pages: Page[], texts: string[], set: DevSetName): Metrics {
  return scorePages(pages.flatMap((p, i) => (p.set === set ? [{ gold: p.gold, predicted: texts[i]! }] : [])));
}

/** Both sets count alike: the mean of their F1. */
function objective(pages: Page[], model: BlockModel | null): number {
  const texts = pages.map((p) => textWith(p, model));
  return (metrics(pages, texts, '2019').f1 + metrics(pages, texts, 'modern').f1) / 2;
}

/** Fit on `pages`, then pick the threshold that serves them best. */
function train(pages: Page[]): BlockModel {
  const base = fit(pages);
  let best: BlockModel = { ...base, threshold: THRESHOLDS[0]! };
  let bestScore = -1;
  for (const threshold of THRESHOLDS) {
    const m = { ...base, threshold };
    const s = objective(pages, m);
    if (s > bestScore) [best, bestScore] = [m, s];
  }
  return best;
}

// NEWSINT_TRAIN_CACHE=file keeps the parsed pages' blocks between runs (parsing is most of the time).
const cache = process.env.NEWSINT_TRAIN_CACHE;
const pages: Page[] = cache && existsSync(cache) ? (JSON.parse(readFileSync(cache, 'utf8')) as Page[]) : loadPages();
if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(pages));
const labelled = pages.flatMap((p) => p.blocks ?? []);
console.log(`blocks ${labelled.length}, of which article text ${labelled.filter((b) => b.y === 1).length}`);
// Sites in sorted order dealt round-robin to folds: deterministic, and a site never straddles folds.
const sites = [...new Set(pages.map((p) => p.site))].sort();
const foldOf = new Map(sites.map((s, i) => [s, i % FOLDS]));
const oofText = pages.map((p) => p.text);
for (let k = 0; k < FOLDS; k++) {
  const model = train(pages.filter((p) => foldOf.get(p.site) !== k));
  pages.forEach((p, i) => {
    if (foldOf.get(p.site) === k) oofText[i] = textWith(p, model);
  });
  console.log(`fold ${k + 1}/${FOLDS}: threshold ${model.threshold}`);
}
const full = train(pages);
const rules = pages.map((p) => p.text);
const inFold = pages.map((p) => textWith(p, full));

const f = (x: number) => x.toFixed(3);
const report: Record<string, Record<DevSetName, Metrics>> = {};
console.log(`\npages ${pages.length}, sites ${sites.length}, ${FOLDS} folds by site`);
console.log('set      model          P      R      F1');
for (const [label, texts] of [['rules only', rules], ['in-fold', inFold], ['out-of-fold', oofText]] as const) {
  report[label] = { '2019': metrics(pages, texts, '2019'), modern: metrics(pages, texts, 'modern') };
  for (const set of ['2019', 'modern'] as DevSetName[]) {
    const m = report[label]![set];
    console.log(`${set.padEnd(8)} ${label.padEnd(12)} ${f(m.precision)}  ${f(m.recall)}  ${f(m.f1)}`);
  }
}
// Kept only if out of fold it helps one set and costs the other nothing (to the third decimal).
const gain = (set: DevSetName) => report['out-of-fold']![set].f1 - report['rules only']![set].f1;
const use = gain('2019') > -0.0005 && gain('modern') > -0.0005 && (gain('2019') > 0.0005 || gain('modern') > 0.0005);
const out = {
  ...full,
  use,
  note: 'Made by npm run train:content (test/eval/train-content.ts); do not edit by hand.',
  outOfFoldF1: { '2019': Number(report['out-of-fold']!['2019'].f1.toFixed(4)), modern: Number(report['out-of-fold']!.modern.f1.toFixed(4)) },
  rulesOnlyF1: { '2019': Number(report['rules only']!['2019'].f1.toFixed(4)), modern: Number(report['rules only']!.modern.f1.toFixed(4)) },
};
console.log(`\nthreshold ${full.threshold}; out-of-fold gain 2019 ${gain('2019').toFixed(4)}, modern ${gain('modern').toFixed(4)}`);
if (use) {
  const path = join(packageRoot(), 'extractors', 'data', BLOCK_MODEL_FILE);
  writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`it beats the rules out of fold: weights written to ${path} (extractContent does not read them yet)`);
} else console.log('it does not beat the rules out of fold: no weights written, the product keeps rules only');
