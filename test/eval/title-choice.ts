/**
 * How well can any title rule do on a page set? The pieces of `npm run eval:title-ceiling`
 * (test/eval/title-ceiling.ts), kept apart so a test can run them on hand-written pages:
 * - the candidate titles a page offers (its <h1>s, og:title, twitter:title, <title>, JSON-LD
 *   headline, each as written and without its first or last " | ..." segment) and the oracle:
 *   is the gold title among them at all;
 * - pages grouped by structure (which sources agree, whether the cut segment names the site):
 *   where gold titles in one group follow different sources, no rule over those features can
 *   get them all, and the best one per group bounds every deterministic rule;
 * - a small learned chooser (softmax over a page's candidates) scored out of fold.
 * Matching is eval:content's "title exact" (`titlesMatchExact`).
 */
import { load } from 'cheerio';
import { getDomainWithoutSuffix } from 'tldts';
import { decodeEntities } from '../../extractors/content/metadata.js';
import { normTitle } from '../content/dev-set.js';

export interface TitlePage {
  id: string;
  url: string;
  html: string;
  /** The gold title, or null when the page has none (such pages are not scored). */
  gold: string | null;
  /** What the extractor returns today. */
  ours: string | null;
}

export const SOURCES = ['h1', 'h1b', 'og', 'tw', 'title', 'ld'] as const;
export type Source = (typeof SOURCES)[number] | 'ours';
export const VARIANTS = ['raw', 'suffix', 'prefix'] as const;
export type Variant = (typeof VARIANTS)[number];

/** One distinct candidate text and every way the page produces it. */
export interface Candidate {
  text: string;
  key: string;
  from: Array<{ source: Source; variant: Variant; cutIsSite: boolean }>;
}

export interface PageCandidates {
  id: string;
  site: string;
  gold: string | null;
  goldKey: string | null;
  raw: Partial<Record<Source, string>>;
  siteNames: string[];
  candidates: Candidate[];
}

const SEP = /\s+[|\-–—»·•:~/]\s+/g;
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const alnum = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\d?\./, '');
  } catch {
    return '';
  }
}

/** The text split at its " | " style separators. */
export function segments(s: string): string[] {
  return s.split(SEP).map((x) => x.trim()).filter(Boolean);
}

/** Does this segment name the site (og:site_name, JSON-LD publisher, or the host's name)? */
export function namesSite(segment: string, siteNames: string[], host: string): boolean {
  const k = alnum(segment);
  if (!k) return false;
  if (siteNames.some((n) => alnum(n) === k)) return true;
  const label = alnum(getDomainWithoutSuffix(host) ?? host);
  if (k.length < 3 || !label) return false;
  return label === k || alnum(host) === k || (label.length >= 4 && k.includes(label)) || (k.length >= 4 && label.includes(k));
}

/** The text, and the text without its last and without its first segment, with what was cut. */
function variants(s: string): Array<{ variant: Variant; text: string; cut: string | null }> {
  const out: Array<{ variant: Variant; text: string; cut: string | null }> = [{ variant: 'raw', text: s, cut: null }];
  const matches = [...s.matchAll(SEP)];
  if (matches.length === 0) return out;
  const last = matches[matches.length - 1]!;
  const firstM = matches[0]!;
  out.push({ variant: 'suffix', text: s.slice(0, last.index).trim(), cut: s.slice(last.index + last[0].length).trim() });
  out.push({ variant: 'prefix', text: s.slice(firstM.index + firstM[0].length).trim(), cut: s.slice(0, firstM.index).trim() });
  return out.filter((v) => v.text !== '');
}

function ldHeadline(scripts: string[]): string | null {
  const queue: unknown[] = [];
  for (const raw of scripts) {
    try {
      queue.push(JSON.parse(raw));
    } catch {
      /* malformed JSON-LD is common */
    }
  }
  for (let guard = 0; queue.length > 0 && guard < 5000; guard++) {
    const v = queue.shift();
    if (Array.isArray(v)) queue.push(...v);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.headline === 'string' && o.headline.trim()) return collapse(decodeEntities(o.headline));
      if (o['@graph']) queue.push(o['@graph']);
      if (o.mainEntity) queue.push(o.mainEntity);
    }
  }
  return null;
}

function ldPublisher(scripts: string[]): string | null {
  const m = scripts.join('\n').match(/"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]+)"/);
  return m ? collapse(decodeEntities(m[1]!)) : null;
}

export function pageCandidates(page: TitlePage): PageCandidates {
  const $ = load(page.html);
  const meta = (k: string) => {
    const v = $(`meta[property="${k}"], meta[name="${k}"]`).first().attr('content');
    return v && collapse(v) ? collapse(v) : undefined;
  };
  const h1s = $('h1')
    .toArray()
    .map((el) => collapse($(el).text()))
    .filter(Boolean)
    .slice(0, 3);
  const scripts = $('script[type="application/ld+json"]').toArray().map((el) => $(el).text());
  const raw: Partial<Record<Source, string>> = {
    h1: h1s[0],
    h1b: h1s.slice(1).find((h) => h !== h1s[0]),
    og: meta('og:title'),
    tw: meta('twitter:title'),
    title: collapse($('title').first().text()) || undefined,
    ld: ldHeadline(scripts) ?? undefined,
    ours: page.ours ?? undefined,
  };
  const host = hostOf(page.url);
  const siteNames = [meta('og:site_name'), ldPublisher(scripts), meta('application-name')].filter((s): s is string => Boolean(s));
  const byKey = new Map<string, Candidate>();
  for (const source of ['ours', ...SOURCES] as Source[]) {
    const s = raw[source];
    if (!s) continue;
    for (const v of source === 'ours' ? [{ variant: 'raw' as Variant, text: s, cut: null }] : variants(s)) {
      const key = normTitle(v.text);
      const c = byKey.get(key) ?? { text: v.text, key, from: [] };
      c.from.push({ source, variant: v.variant, cutIsSite: v.cut !== null && namesSite(v.cut, siteNames, host) });
      byKey.set(key, c);
    }
  }
  return {
    id: page.id,
    site: host || `page:${page.id}`,
    gold: page.gold,
    goldKey: page.gold ? normTitle(page.gold) : null,
    raw,
    siteNames,
    candidates: [...byKey.values()],
  };
}

/** The labels ("og:suffix", "h1:raw", ...) whose text is the gold title. */
export function goldLabels(p: PageCandidates): string[] {
  const c = p.candidates.find((x) => x.key === p.goldKey);
  return c ? c.from.map((f) => `${f.source}:${f.variant}`) : [];
}

/** How `a` relates to `b`: the same, `b` plus a suffix or prefix, or neither. */
function relation(a: string | undefined, b: string | undefined): string {
  if (!a) return '-';
  if (!b) return 'alone';
  const ka = normTitle(a);
  if (ka === normTitle(b)) return 'same';
  for (const v of variants(a)) if (v.variant !== 'raw' && normTitle(v.text) === normTitle(b)) return `+${v.variant}`;
  return 'differs';
}

/**
 * The page's structure, without its gold: how og:title, twitter:title, <title> and JSON-LD
 * relate to the <h1>, how og:title relates to <title>, and whether <title>'s cut segment names the site.
 */
export function signature(p: PageCandidates): string {
  const r = p.raw;
  const titleCut = r.title ? variants(r.title).find((v) => v.variant === 'suffix') : undefined;
  const site = !titleCut ? 'nosep' : namesSite(titleCut.cut!, p.siteNames, p.site) ? 'site' : 'other';
  return [
    `h1:${r.h1 ? 'yes' : 'no'}`,
    `og~h1:${relation(r.og, r.h1)}`,
    `tw~og:${relation(r.tw, r.og)}`,
    `title~h1:${relation(r.title, r.h1)}`,
    `title~og:${relation(r.title, r.og)}`,
    `ld~h1:${relation(r.ld, r.h1)}`,
    `titleSuffix:${site}`,
  ].join(' ');
}

export interface GroupReport {
  signature: string;
  pages: number;
  /** The label that gets most of the group right, and how many it gets. */
  bestLabel: string | null;
  bestHits: number;
  /** Per label, how many pages of the group it gets right (labels that get any). */
  hits: Record<string, number>;
}

/**
 * The best any deterministic rule over `signature` can do: within each group of like pages it
 * can return one label's text, so it gets at most the pages of that group's best label.
 * In-sample: a group of one page always counts as solved when its gold is a candidate.
 */
export function ruleBound(pages: PageCandidates[]): { hits: number; scored: number; groups: GroupReport[] } {
  const groups = new Map<string, PageCandidates[]>();
  for (const p of pages) if (p.goldKey) groups.set(signature(p), [...(groups.get(signature(p)) ?? []), p]);
  const reports: GroupReport[] = [];
  let hits = 0;
  let scored = 0;
  for (const [sig, ps] of groups) {
    const count: Record<string, number> = {};
    for (const p of ps) for (const l of new Set(goldLabels(p))) count[l] = (count[l] ?? 0) + 1;
    const best = Object.entries(count).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    reports.push({ signature: sig, pages: ps.length, bestLabel: best?.[0] ?? null, bestHits: best?.[1] ?? 0, hits: count });
    hits += best?.[1] ?? 0;
    scored += ps.length;
  }
  reports.sort((a, b) => b.pages - a.pages || a.signature.localeCompare(b.signature));
  return { hits, scored, groups: reports };
}

/** The share of scored pages whose gold title is among the candidates (sources listed, or all). */
export function oracle(pages: PageCandidates[], sources?: Source[]): number {
  const scored = pages.filter((p) => p.goldKey);
  const hit = scored.filter((p) => p.candidates.some((c) => c.key === p.goldKey && (!sources || c.from.some((f) => sources.includes(f.source)))));
  return scored.length ? hit.length / scored.length : 0;
}

/** Score of one fixed label ("og:raw") as the rule, falling back to today's title when the page lacks it. */
export function labelScore(pages: PageCandidates[], label: string): number {
  const scored = pages.filter((p) => p.goldKey);
  const hit = scored.filter((p) => {
    const c = p.candidates.find((x) => x.from.some((f) => `${f.source}:${f.variant}` === label)) ?? p.candidates.find((x) => x.from.some((f) => f.source === 'ours'));
    return c?.key === p.goldKey;
  });
  return scored.length ? hit.length / scored.length : 0;
}

// ---- the learned chooser -------------------------------------------------------------------

export const FEATURES = [
  ...SOURCES.flatMap((s) => [`${s} as written`, `${s} cut`]),
  'today\'s title',
  'sources as written',
  'sources in all',
  'cut segment names the site',
  'has a separator',
  'last segment names the site',
  'is the site name',
  'words (log)',
  'capitalized word share',
] as const;

export function candidateFeatures(p: PageCandidates, c: Candidate): number[] {
  const x: number[] = [];
  for (const s of SOURCES) {
    x.push(c.from.some((f) => f.source === s && f.variant === 'raw') ? 1 : 0);
    x.push(c.from.some((f) => f.source === s && f.variant !== 'raw') ? 1 : 0);
  }
  x.push(c.from.some((f) => f.source === 'ours') ? 1 : 0);
  x.push(new Set(c.from.filter((f) => f.variant === 'raw' && f.source !== 'ours').map((f) => f.source)).size / 3);
  x.push(new Set(c.from.filter((f) => f.source !== 'ours').map((f) => f.source)).size / 3);
  x.push(c.from.some((f) => f.cutIsSite) ? 1 : 0);
  const segs = segments(c.text);
  x.push(segs.length > 1 ? 1 : 0);
  x.push(segs.length > 1 && namesSite(segs[segs.length - 1]!, p.siteNames, p.site) ? 1 : 0);
  x.push(namesSite(c.text, p.siteNames, p.site) ? 1 : 0);
  const words = c.text.match(/[\p{L}\p{N}]+/gu) ?? [];
  x.push(Math.log1p(words.length) / 3);
  x.push(words.length ? words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length : 0);
  return x;
}

export interface Chooser {
  features: string[];
  weights: number[];
}

interface Row {
  xs: number[][];
  pos: boolean[];
}

const rowOf = (p: PageCandidates): Row => ({
  xs: p.candidates.map((c) => candidateFeatures(p, c)),
  pos: p.candidates.map((c) => c.key === p.goldKey),
});

/** Softmax over a page's candidates, fit to put the mass on the gold ones (L2, full-batch gradient descent). */
export function fitChooser(pages: PageCandidates[], { epochs = 2000, rate = 2, l2 = 1e-3 } = {}): Chooser {
  const rows = pages.filter((p) => p.goldKey).map(rowOf).filter((r) => r.pos.some(Boolean) && r.xs.length > 1);
  const d = FEATURES.length;
  const w = new Array<number>(d).fill(0);
  for (let e = 0; e < epochs; e++) {
    const g = new Array<number>(d).fill(0);
    for (const r of rows) {
      const z = r.xs.map((x) => x.reduce((s, v, j) => s + v * w[j]!, 0));
      const m = Math.max(...z);
      const ex = z.map((v) => Math.exp(v - m));
      const sum = ex.reduce((a, b) => a + b, 0);
      const prob = ex.map((v) => v / sum);
      const posMass = prob.reduce((s, v, i) => s + (r.pos[i] ? v : 0), 0);
      r.xs.forEach((x, i) => {
        const q = r.pos[i] ? prob[i]! / posMass : 0;
        for (let j = 0; j < d; j++) g[j]! += (prob[i]! - q) * x[j]!;
      });
    }
    const n = rows.length || 1;
    for (let j = 0; j < d; j++) w[j]! -= rate * (g[j]! / n + l2 * w[j]!);
  }
  return { features: [...FEATURES], weights: w.map((v) => Number(v.toFixed(4))) };
}

/** The chooser's pick: the best-scoring candidate, today's title first among equals. */
export function choose(model: Chooser, p: PageCandidates): Candidate | null {
  let best: Candidate | null = null;
  let bestZ = -Infinity;
  for (const c of p.candidates) {
    const z = candidateFeatures(p, c).reduce((s, v, j) => s + v * model.weights[j]!, 0);
    if (z > bestZ + 1e-9) [best, bestZ] = [c, z];
  }
  return best;
}

/** The best label of each structure group, learned on `train`; today's title for a structure it has not seen. */
export function groupRule(train: PageCandidates[]): (p: PageCandidates) => Candidate | null {
  const best = new Map(ruleBound(train).groups.map((g) => [g.signature, g.bestLabel]));
  return (p) => {
    const label = best.get(signature(p));
    const byLabel = label ? p.candidates.find((c) => c.from.some((f) => `${f.source}:${f.variant}` === label)) : undefined;
    return byLabel ?? p.candidates.find((c) => c.from.some((f) => f.source === 'ours')) ?? null;
  };
}

/** A small seeded generator (mulberry32), so the folds are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Out-of-fold picks: sites shuffled with `seed` and dealt to `folds` folds, so no site is on both sides. */
export function outOfFold(
  pages: PageCandidates[],
  folds: number,
  seed: number,
  learn: (train: PageCandidates[]) => (p: PageCandidates) => Candidate | null = (train) => {
    const model = fitChooser(train);
    return (p) => choose(model, p);
  },
): Array<Candidate | null> {
  const rand = seeded(seed);
  const sites = [...new Set(pages.map((p) => p.site))].sort();
  for (let i = sites.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sites[i], sites[j]] = [sites[j]!, sites[i]!];
  }
  const foldOf = new Map(sites.map((s, i) => [s, i % folds]));
  const picks: Array<Candidate | null> = pages.map(() => null);
  for (let k = 0; k < folds; k++) {
    const pick = learn(pages.filter((p) => foldOf.get(p.site) !== k));
    pages.forEach((p, i) => {
      if (foldOf.get(p.site) === k) picks[i] = pick(p);
    });
  }
  return picks;
}
