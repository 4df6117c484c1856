/**
 * Pipeline throughput (pages/s, local HTTP server -> fetch -> extract -> results) of one
 * worker process, against the in-process `extractArticle` rate on the same pages times the
 * cores the worker's extraction uses, measured in the same run (interleaved, so load hits
 * both sides alike). Both extraction designs run: a pool of deadline threads in the worker
 * process (`thread`) and BullMQ sandbox children with a deadline thread each (`process`);
 * memory (RSS of the worker with its children) is sampled throughout. Each run starts and
 * owns a private redis-server. Run by `npm run bench` from dist/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { enqueueUrls } from '../../src/api.js';
import { extractArticle } from '../../src/extract-article.js';
import { QUEUE_NAMES } from '../../src/queue/names.js';
import { packageRoot } from '../../src/package.js';
import { send, startServer, type TestServer } from '../helpers/http-server.js';
import { startRedis } from '../helpers/redis-server.js';
import { OOM_HEAP_MB, runOomCase, type OomReport } from './oom.js';
import { sampleRss, treeCpuSeconds } from './rss.js';

/** Pages per timed run; NEWSINT_BENCH_PAGES overrides. */
export const BENCH_PAGES = Number(process.env.NEWSINT_BENCH_PAGES ?? 600);
/** Timed runs per design, interleaved with the other design; NEWSINT_BENCH_PIPELINE_ROUNDS overrides. */
const ROUNDS = Number(process.env.NEWSINT_BENCH_PIPELINE_ROUNDS ?? 2);
/**
 * Pages fed before timing, to the worker and (once) to the baseline, so both are timed in
 * their steady state. A fresh extraction thread's JIT takes about a thousand pages to settle:
 * one thread alone on the sample pages spent 15 ms of CPU a page over its first 500 pages,
 * 7 over the next 500 and 5-6 from then on, most of the difference in V8's compiler threads.
 * NEWSINT_BENCH_WARMUP overrides.
 */
export const WARMUP_PAGES = Number(process.env.NEWSINT_BENCH_WARMUP ?? 1000);
export const DESIGNS = ['thread', 'process'] as const;
export type Design = (typeof DESIGNS)[number];

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Environment of a bench worker process: loopback opened, no politeness waits. */
export function benchEnv(redisUrl: string, prefix: string, design: Design, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDIS_URL: redisUrl,
    NEWSINT_PREFIX: prefix,
    NEWSINT_ALLOW_NETS: '127.0.0.1/32',
    NEWSINT_HOST_DELAY: '0',
    NEWSINT_HOST_CONCURRENCY: '64',
    NEWSINT_RATE_MAX: '100000',
    NEWSINT_LOG_LEVEL: 'warn',
    NEWSINT_EXTRACT_ISOLATION: design,
    ...extra,
  };
}

export interface BenchWorker {
  proc: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/** A `newsint worker` process from the build, resolved once it serves its queues. */
export async function startBenchWorker(env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<BenchWorker> {
  const root = `${packageRoot()}/`;
  const proc = spawn(process.execPath, [...nodeArgs, `${root}dist/src/cli/main.js`, 'worker'], { cwd: root, env: { ...env, NEWSINT_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const exited = new Promise<void>((r) => proc.on('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-20_000);
      if (err.includes('serving')) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
  return {
    proc,
    stderr: () => err,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Pages as the samples hold them, canonical links dropped so each URL is its own article. */
export function benchPages(): string[] {
  const root = `${packageRoot()}/`;
  const samples = readdirSync(`${root}samples`).filter((f) => f.endsWith('.html')).sort();
  return samples.map((f) => readFileSync(`${root}samples/${f}`, 'latin1').replace(/<link[^>]+rel=["']?canonical[^>]*>|<meta[^>]+og:url[^>]*>/gi, ''));
}

/** The modern dev pages (larger, median ~77 ms to extract), canonical links dropped; none when ../shared is absent. */
async function modernPages(): Promise<string[]> {
  let dir: string;
  try {
    // Imported here: it throws where ../shared is missing, and the bench runs without it.
    const { DEV_SETS } = await import('../content/dev-set.js');
    dir = join(DEV_SETS.modern, 'html');
    if (!existsSync(dir)) return [];
  } catch {
    return [];
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'latin1').replace(/<link[^>]+rel=["']?canonical[^>]*>|<meta[^>]+og:url[^>]*>/gi, ''));
}

/** Pages of the extra run on the modern dev set (each page once), and its warm-up pages. */
const MODERN_PAGES = Number(process.env.NEWSINT_BENCH_MODERN_PAGES ?? 226);
// Each page once, as the baseline warms up on them.
const MODERN_WARMUP = 226;

interface Baseline {
  /** Pages per second of wall time. */
  wall: number;
  /** Pages per CPU second: what one free core does, whatever the machine's load. */
  cpu: number;
}

/** The baseline: `extractArticle` on the same pages, one thread, in this process. */
function inProcessRate(pages: string[], n: number): Baseline {
  const fetchedAt = new Date().toISOString();
  for (const html of pages) extractArticle(html, { url: 'http://127.0.0.1/warm', fetchedAt });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) extractArticle(pages[i % pages.length]!, { url: `http://127.0.0.1/bench/${i}`, fetchedAt });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall: n / seconds, cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

interface RunReport {
  rate: number;
  /** CPU seconds per wall second of the worker process and its children: the cores it used. */
  cores: number;
  peakRssMb: number;
  endRssMb: number;
}

/** newsint end to end with one worker process of `design`, warmed up first. */
async function pipelineRun(redisUrl: string, redis: Redis, server: TestServer, design: Design, round: number | string, pages = BENCH_PAGES, warmPages = WARMUP_PAGES): Promise<RunReport> {
  const prefix = `bench-pipe-${randomBytes(3).toString('hex')}`;
  const worker = await startBenchWorker(benchEnv(redisUrl, prefix, design));
  const results = new Queue(QUEUE_NAMES.results, { connection: redis, prefix: `{${prefix}}` });
  try {
    const warm = Array.from({ length: warmPages }, (_, i) => server.url(`/warmup/${round}/${design}/${i}`));
    await enqueueUrls(warm, { prefix, redisUrl });
    await until(async () => ((await results.getJobCounts('waiting')).waiting ?? 0) >= warm.length, 120_000);
    const urls = Array.from({ length: pages }, (_, i) => server.url(`/bench/${round}/${design}/${i}`));
    const rss = sampleRss(worker.proc.pid!);
    const cpu0 = treeCpuSeconds(worker.proc.pid!);
    const t0 = performance.now();
    await enqueueUrls(urls, { prefix, redisUrl });
    await until(async () => ((await results.getJobCounts('waiting')).waiting ?? 0) >= warm.length + urls.length, 300_000);
    const seconds = (performance.now() - t0) / 1000;
    const cores = (treeCpuSeconds(worker.proc.pid!) - cpu0) / seconds;
    const { peakMb, samples } = rss.stop();
    return { rate: urls.length / seconds, cores, peakRssMb: peakMb, endRssMb: samples.at(-1)! };
  } finally {
    await results.close();
    await worker.stop();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function runPipelineBench(): Promise<void> {
  const own = await startRedis();
  const redis = new Redis(own.url, { maxRetriesPerRequest: null });
  const pages = benchPages();
  // Idle connections kept 75 s, as nginx does by default: a 1 s keep-alive makes undici open a
  // connection per page (it closes a socket the server may drop within a second).
  const server = await startServer({}, { keepAliveMs: 75_000 });
  // Any /warmup/... or /bench/... path serves the sample page its number picks.
  const serve = (req: { url?: string }, res: import('node:http').ServerResponse) => {
    const n = Number(/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
    send(Buffer.from(pages[n % pages.length]!, 'latin1'), 'text/html')(req as never, res);
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const design of DESIGNS) {
      for (let i = 0; i < Math.max(BENCH_PAGES, WARMUP_PAGES); i++) {
        server.route(`/bench/${round}/${design}/${i}`, serve);
        server.route(`/warmup/${round}/${design}/${i}`, serve);
      }
    }
  }
  // Nominal cores: the worker's extraction runs one thread (or child) per core, at most the cores there are.
  const nominal = Math.min(Number(process.env.NEWSINT_EXTRACT_CONCURRENCY ?? availableParallelism()), availableParallelism());
  try {
    const baseline: Baseline[] = [];
    const runs: Record<Design, RunReport[]> = { thread: [], process: [] };
    // The baseline's warm-up, as long as each worker's.
    inProcessRate(pages, WARMUP_PAGES);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which design goes first, and time the baseline between runs.
      const order = round % 2 === 0 ? DESIGNS : [...DESIGNS].reverse();
      for (const design of order) {
        baseline.push(inProcessRate(pages, BENCH_PAGES));
        runs[design].push(await pipelineRun(own.url, redis, server, design, round));
      }
    }
    const base = { wall: mean(baseline.map((b) => b.wall)), cpu: mean(baseline.map((b) => b.cpu)) };
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`\npipeline: ${BENCH_PAGES} pages x ${ROUNDS} rounds per design, local HTTP -> fetch -> extract -> results, 1 worker process (private Redis; ${WARMUP_PAGES} warm-up pages per run and for the baseline; load average ${load})`);
    console.log(`baseline: in-process extractArticle on the same pages, 1 thread: ${base.wall.toFixed(1)} pages/s wall, ${base.cpu.toFixed(1)} pages per CPU second`);
    console.log(`${'design'.padEnd(52)}${'pages/s'.padStart(9)}${'cores used'.padStart(12)}${'ratio'.padStart(8)}${'nominal'.padStart(9)}${'peak RSS MB'.padStart(13)}${'end RSS MB'.padStart(12)}`);
    for (const design of DESIGNS) {
      const r = runs[design];
      const rate = mean(r.map((x) => x.rate));
      const cores = mean(r.map((x) => x.cores));
      const label = design === 'thread' ? 'thread pool in the worker process (thread)' : 'sandbox child per core + thread in each (process)';
      const cols = [rate.toFixed(1).padStart(9), cores.toFixed(2).padStart(12), (rate / (base.cpu * cores)).toFixed(3).padStart(8), (rate / (base.wall * nominal)).toFixed(3).padStart(9)];
      console.log(`${label.padEnd(52)}${cols.join('')}${Math.max(...r.map((x) => x.peakRssMb)).toFixed(0).padStart(13)}${mean(r.map((x) => x.endRssMb)).toFixed(0).padStart(12)}`);
    }
    console.log(`ratio = pages/s / (baseline pages per CPU second x cores used: CPU seconds of the worker and its children per second); bar 0.8`);
    console.log(`nominal = pages/s / (baseline pages/s wall x ${nominal} cores), as loaded as the machine was`);

    const oom: OomReport[] = [];
    for (const design of DESIGNS) oom.push(await runOomCase(own.url, redis, server, design));
    console.log(`\nout-of-memory page (a real entity-dense 5 MB page, just under NEWSINT_MAX_EXTRACT_BYTES), then an ordinary page; 1 worker process each, NEWSINT_EXTRACT_MEMORY_MB=${OOM_HEAP_MB}:`);
    for (const r of oom) console.log(`${r.design.padEnd(8)} ${r.summary}`);

    // Extra information, not the bar (which is judged on the sample pages above): the same
    // measure on the larger modern dev pages, where extraction dominates each page's cost.
    const modern = MODERN_PAGES > 0 ? await modernPages() : [];
    if (modern.length) {
      const serveModern = (req: { url?: string }, res: import('node:http').ServerResponse) => {
        const n = Number(/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
        send(Buffer.from(modern[n % modern.length]!, 'latin1'), 'text/html')(req as never, res);
      };
      for (let i = 0; i < Math.max(MODERN_PAGES, MODERN_WARMUP); i++) {
        server.route(`/bench/modern/thread/${i}`, serveModern);
        server.route(`/warmup/modern/thread/${i}`, serveModern);
      }
      const mBase = inProcessRate(modern, MODERN_PAGES);
      const r = await pipelineRun(own.url, redis, server, 'thread', 'modern', MODERN_PAGES, MODERN_WARMUP);
      const mLoad = loadavg().map((l) => l.toFixed(2)).join(' ');
      console.log(`\nextra (not the bar): ${MODERN_PAGES} modern dev pages, design thread, 1 round after ${MODERN_WARMUP} warm-up pages (load average ${mLoad})`);
      console.log(`baseline ${mBase.wall.toFixed(1)} pages/s wall, ${mBase.cpu.toFixed(1)} pages per CPU second; pipeline ${r.rate.toFixed(1)} pages/s, ${r.cores.toFixed(2)} cores used, ratio ${(r.rate / (mBase.cpu * r.cores)).toFixed(3)}, nominal ${(r.rate / (mBase.wall * nominal)).toFixed(3)}, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
    }
  } finally {
    await server.close();
    redis.disconnect();
    await own.stop();
  }
}
