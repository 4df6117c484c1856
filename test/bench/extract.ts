/**
 * extractArticle (content + every entity type) against Mozilla Readability 0.6 with jsdom on
 * both article-extraction dev sets (61 pages of 2019, 226 modern pages), same run: interleaved timing rounds in this process,
 * then memory per side in a fresh child process each. Run by `npm run bench` from dist/.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractContent } from '../../extractors/content/index.js';
import { extractArticle } from '../../src/extract-article.js';
import { loadDevSet, type DevPage, type DevSetName } from '../content/dev-set.js';

/** Timed rounds after one warm-up round; NEWSINT_BENCH_ROUNDS overrides. */
export const BENCH_ROUNDS = Number(process.env.NEWSINT_BENCH_ROUNDS ?? 3);
const SIDES = ['newsint', 'content', 'readability'] as const;
type Side = (typeof SIDES)[number];
const LABELS: Record<Side, string> = {
  newsint: 'newsint extractArticle (content + entities)',
  content: 'newsint extractContent (content only)',
  readability: 'Readability 0.6 + jsdom (content only)',
};

function runSide(side: Side, page: DevPage): number {
  if (side === 'newsint') {
    try {
      return extractArticle(page.html, { url: page.url || null }).text.length;
    } catch {
      return 0; // NO_ARTICLE: the page took its full extraction time all the same
    }
  }
  if (side === 'content') return extractContent(page.html).text.length;
  // A silent console: jsdom reports every stylesheet it cannot parse.
  const dom = new JSDOM(page.html, { url: page.url || undefined, virtualConsole: new VirtualConsole() });
  try {
    return new Readability(dom.window.document).parse()?.textContent?.length ?? 0;
  } finally {
    dom.window.close();
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Per page, the median over rounds; the two sides alternate page by page, and which goes first alternates too. */
function timeSides(pages: DevPage[]): Record<Side, number[]> {
  const samples = Object.fromEntries(SIDES.map((side) => [side, pages.map((): number[] => [])])) as Record<Side, number[][]>;
  for (let round = 0; round <= BENCH_ROUNDS; round++) {
    pages.forEach((page, i) => {
      const order: readonly Side[] = (round + i) % 2 === 0 ? SIDES : [...SIDES].reverse();
      for (const side of order) {
        const t0 = performance.now();
        runSide(side, page);
        const ms = performance.now() - t0;
        if (round > 0) samples[side][i]!.push(ms); // round 0 warms the JIT and caches
      }
    });
  }
  return Object.fromEntries(SIDES.map((side) => [side, samples[side].map(median)])) as Record<Side, number[]>;
}

interface MemoryReport {
  side: Side;
  peakRssMb: number;
  peakHeapDeltaMb: number;
  retainedHeapDeltaMb: number;
}

/** In a child process: one pass of one side over all pages, sampling memory after each page. */
function measureMemory(side: Side, set: DevSetName): MemoryReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  const pages = loadDevSet(set);
  gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  for (const page of pages) {
    runSide(side, page);
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }
  gc?.();
  const end = process.memoryUsage();
  const mb = (b: number) => b / 1024 / 1024;
  return {
    side,
    peakRssMb: Math.max(mb(peakRss), process.resourceUsage().maxRSS / 1024),
    peakHeapDeltaMb: mb(peakHeap - base.heapUsed),
    retainedHeapDeltaMb: mb(end.heapUsed - base.heapUsed),
  };
}

function memoryInChild(side: Side, set: DevSetName): Promise<MemoryReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory', side, set], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`memory child for ${side} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as MemoryReport);
      } catch (err) {
        reject(new Error(`memory child for ${side} printed no report`, { cause: err }));
      }
    });
  });
}

export async function runExtractBench(): Promise<void> {
  // NEWSINT_BENCH_SETS=modern runs one set (the modern one takes long with Readability).
  const wanted = (process.env.NEWSINT_BENCH_SETS ?? '2019,modern').split(',').map((s) => s.trim());
  for (const set of ['2019', 'modern'] as const) if (wanted.includes(set)) await benchSet(set);
}

async function benchSet(set: DevSetName): Promise<void> {
  const pages = loadDevSet(set);
  console.log(`\nextract: ${pages.length} ${set} article-extraction dev pages, 1 warm-up + ${BENCH_ROUNDS} interleaved rounds`);
  const times = timeSides(pages);
  const memory = {} as Record<Side, MemoryReport>;
  for (const side of SIDES) memory[side] = await memoryInChild(side, set);
  const rows = SIDES.map((side) => {
    const sorted = [...times[side]].sort((a, b) => a - b);
    const m = memory[side];
    return {
      label: LABELS[side],
      median: median(sorted),
      p90: quantile(sorted, 0.9),
      total: sorted.reduce((a, b) => a + b, 0),
      ...m,
    };
  });
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number, n = 9) => x.toFixed(1).padStart(n);
  console.log(`${pad('side', 46)}${'median ms'.padStart(10)}${'p90 ms'.padStart(9)}${'sum ms'.padStart(9)}${'peak RSS MB'.padStart(13)}${'peak heap +MB'.padStart(15)}${'kept heap +MB'.padStart(15)}`);
  for (const r of rows) {
    console.log(`${pad(r.label, 46)}${num(r.median, 10)}${num(r.p90)}${num(r.total, 9)}${num(r.peakRssMb, 13)}${num(r.peakHeapDeltaMb, 15)}${num(r.retainedHeapDeltaMb, 15)}`);
  }
  const [ours, content, theirs] = rows;
  console.log(`median ratio extractArticle / Readability: ${(ours!.median / theirs!.median).toFixed(3)} (${(theirs!.median / ours!.median).toFixed(1)}x faster)`);
  console.log(`median ratio content only / Readability: ${(content!.median / theirs!.median).toFixed(3)}`);
}

// Child-process entry: `node dist/test/bench/extract.js --memory <side>` prints one JSON line.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--memory') {
  const side = process.argv[3] as Side;
  const set = (process.argv[4] ?? '2019') as DevSetName;
  if (!SIDES.includes(side)) throw new Error(`unknown side ${side}: use ${SIDES.join(' or ')}`);
  console.log(JSON.stringify(measureMemory(side, set)));
}
