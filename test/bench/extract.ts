/**
 * extractArticle (content + every entity type) against Mozilla Readability 0.6 with jsdom on
 * both article-extraction dev sets (61 pages of 2019, 226 modern pages), same run: interleaved timing rounds in this process
 * (Readability in a worker thread called synchronously, see ./readability-thread.ts), then memory per side in a fresh child
 * process each. Run by `npm run bench` from dist/.
 * The entity step alone (extractEntities on each page's extracted text) is timed in the same
 * rounds, in wall and CPU milliseconds, and set against the whole extractArticle of the same run;
 * CPU time is what a busy machine inflates least, and the load average is printed beside it.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractContent } from '../../extractors/content/index.js';
import { extractEntities } from '../../extractors/entities/index.js';
import { extractArticle } from '../../src/extract-article.js';
import { loadDevSet, type DevPage, type DevSetName } from '../content/dev-set.js';
import { readability, ReadabilityThread } from './readability-thread.js';

/** Timed rounds after one warm-up round; NEWSINT_BENCH_ROUNDS overrides. */
export const BENCH_ROUNDS = Number(process.env.NEWSINT_BENCH_ROUNDS ?? 3);
const SIDES = ['newsint', 'content', 'readability'] as const;
type Side = (typeof SIDES)[number];
const LABELS: Record<Side, string> = {
  newsint: 'newsint extractArticle (content + entities)',
  content: 'newsint extractContent (content only)',
  readability: 'Readability 0.6 + jsdom (content only)',
};
/** The entity step is timed in the same rounds but is no side of its own in the memory table. */
type TimedSide = Side | 'entities';
/** NEWSINT_BENCH_READABILITY=0 leaves Readability out (it takes most of the run on a loaded machine). */
const WITH_READABILITY = process.env.NEWSINT_BENCH_READABILITY !== '0';
const RUN_SIDES: readonly Side[] = WITH_READABILITY ? SIDES : SIDES.filter((s) => s !== 'readability');
const TIMED: readonly TimedSide[] = [...RUN_SIDES, 'entities'];

/** Each page's extracted text, made once before timing, for the entity step alone. */
const contentText = new Map<DevPage, { text: string; publishedAt: string | null }>();

/** Pages one Readability thread times before it is replaced (with all jsdom kept of them). */
const READABILITY_PAGES_PER_THREAD = 40;
let readabilityThread: { thread: ReadabilityThread; pages: number } | undefined;

/** The Readability thread for the next timed page: a fresh one, warmed on `page`, when due. Never inside a timing. */
function readyReadability(page: DevPage): void {
  if (!WITH_READABILITY || (readabilityThread && readabilityThread.pages < READABILITY_PAGES_PER_THREAD)) return;
  readabilityThread?.thread.close();
  readabilityThread = { thread: new ReadabilityThread(), pages: 0 };
  readabilityThread.thread.parse(page.html, page.url || undefined);
}

function runTimed(side: TimedSide, page: DevPage): number {
  if (side === 'readability') {
    readabilityThread!.pages++;
    return readabilityThread!.thread.parse(page.html, page.url || undefined);
  }
  if (side !== 'entities') return runSide(side, page);
  const c = contentText.get(page);
  return c?.text ? extractEntities(c.text, { referenceDate: c.publishedAt, ownUrls: [page.url || null] }).entities.companies.length : 0;
}

function runSide(side: Side, page: DevPage): number {
  if (side === 'newsint') {
    try {
      return extractArticle(page.html, { url: page.url || null }).text.length;
    } catch {
      return 0; // NO_ARTICLE: the page took its full extraction time all the same
    }
  }
  if (side === 'content') return extractContent(page.html).text.length;
  // In the memory child: in this process, so what jsdom keeps is counted.
  return readability({ html: page.html, url: page.url || undefined });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Timing {
  wall: number[];
  cpu: number[];
}

/** Per page, the median over rounds (wall and CPU ms); the sides alternate page by page, and which goes first alternates too. */
function timeSides(pages: DevPage[]): Record<TimedSide, Timing> {
  for (const page of pages) {
    try {
      const { text, publishedAt } = extractContent(page.html);
      contentText.set(page, { text, publishedAt });
    } catch {
      contentText.set(page, { text: '', publishedAt: null });
    }
  }
  const wall = Object.fromEntries(TIMED.map((side) => [side, pages.map((): number[] => [])])) as Record<TimedSide, number[][]>;
  const cpu = Object.fromEntries(TIMED.map((side) => [side, pages.map((): number[] => [])])) as Record<TimedSide, number[][]>;
  for (let round = 0; round <= BENCH_ROUNDS; round++) {
    pages.forEach((page, i) => {
      readyReadability(page);
      const order: readonly TimedSide[] = (round + i) % 2 === 0 ? TIMED : [...TIMED].reverse();
      for (const side of order) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        runTimed(side, page);
        const ms = performance.now() - t0;
        const c = process.cpuUsage(c0);
        if (round > 0) {
          // round 0 warms the JIT and caches
          wall[side][i]!.push(ms);
          cpu[side][i]!.push((c.user + c.system) / 1000);
        }
      }
    });
  }
  readabilityThread?.thread.close();
  readabilityThread = undefined;
  return Object.fromEntries(TIMED.map((side) => [side, { wall: wall[side].map(median), cpu: cpu[side].map(median) }])) as Record<TimedSide, Timing>;
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
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`\nextract: ${pages.length} ${set} article-extraction dev pages, 1 warm-up + ${BENCH_ROUNDS} interleaved rounds; load average at start ${load()}`);
  const timings = timeSides(pages);
  const times = Object.fromEntries(RUN_SIDES.map((side) => [side, timings[side].wall])) as Record<Side, number[]>;
  const memory = {} as Record<Side, MemoryReport>;
  for (const side of RUN_SIDES) memory[side] = await memoryInChild(side, set);
  const rows = RUN_SIDES.map((side) => {
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
  if (theirs) {
    console.log(`median ratio extractArticle / Readability: ${(ours!.median / theirs.median).toFixed(3)} (${(theirs.median / ours!.median).toFixed(1)}x faster)`);
    console.log(`median ratio content only / Readability: ${(content!.median / theirs.median).toFixed(3)}`);
  }
  // The entity step against its baseline of the same run: the whole extractArticle of each page.
  const ent = timings.entities;
  const whole = timings.newsint;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  console.log(
    `entity step (extractEntities on the extracted text): median ${median(ent.wall).toFixed(2)} ms/page wall, ${median(ent.cpu).toFixed(2)} ms/page CPU ` +
      `(mean ${mean(ent.wall).toFixed(2)} wall, ${mean(ent.cpu).toFixed(2)} CPU); baseline extractArticle median ${median(whole.wall).toFixed(2)} ms wall, ${median(whole.cpu).toFixed(2)} ms CPU; ` +
      `entity share of extractArticle ${((100 * median(ent.cpu)) / median(whole.cpu)).toFixed(1)}% (CPU medians)`,
  );
  console.log(`load average at end ${load()} (bar: entity step <= 3 ms/page)`);
}

// Child-process entry: `node dist/test/bench/extract.js --memory <side>` prints one JSON line.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--memory') {
  const side = process.argv[3] as Side;
  const set = (process.argv[4] ?? '2019') as DevSetName;
  if (!SIDES.includes(side)) throw new Error(`unknown side ${side}: use ${SIDES.join(' or ')}`);
  console.log(JSON.stringify(measureMemory(side, set)));
}
