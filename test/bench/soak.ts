/**
 * `npm run soak` (not in CI): 5,000 realistic pages through 2 worker processes, resident
 * memory of each worker process (its children included) sampled throughout. The pages are the
 * modern article-extraction dev set, read in place from ../shared at run time, served by a
 * local HTTP server; Redis is a private redis-server this script starts and stops.
 * NEWSINT_SOAK_PAGES and NEWSINT_SOAK_WORKERS override the counts; the workers inherit the
 * environment (NEWSINT_EXTRACT_ISOLATION=process soaks the other design). Several worker
 * processes share this machine's cores as the README advises: each gets cores / processes
 * extraction threads unless NEWSINT_EXTRACT_CONCURRENCY says otherwise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { enqueueUrls } from '../../src/api.js';
import { QUEUE_NAMES } from '../../src/queue/names.js';
import { DEV_SETS } from '../content/dev-set.js';
import { send, startServer } from '../helpers/http-server.js';
import { startRedis } from '../helpers/redis-server.js';
import { benchEnv, startBenchWorker, type BenchWorker, type Design } from './pipeline.js';
import { treeRssMb } from './rss.js';

const PAGES = Number(process.env.NEWSINT_SOAK_PAGES ?? 5000);
const WORKERS = Number(process.env.NEWSINT_SOAK_WORKERS ?? 2);
/** Extraction threads per worker process: one per core across the machine, at least one. */
const THREADS = process.env.NEWSINT_EXTRACT_CONCURRENCY ?? String(Math.max(1, Math.floor(availableParallelism() / WORKERS)));
/** Memory counts as warmed up once this share of the pages is done. */
const WARM_SHARE = 0.1;
const SAMPLE_MS = 2000;
/** The bars of issue 10: at most 300 MB per worker process, flat within 10% after warm-up. */
const MAX_MB = 300;
const FLAT = 0.1;

interface Sample {
  done: number;
  mb: number[];
}

/** The dev pages, canonical links dropped so each URL is its own article. */
function devPages(): Buffer[] {
  const dir = join(DEV_SETS.modern, 'html');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => Buffer.from(readFileSync(join(dir, f), 'latin1').replace(/<link[^>]+rel=["']?canonical[^>]*>|<meta[^>]+og:url[^>]*>/gi, ''), 'latin1'));
}

async function main(): Promise<void> {
  const design = (process.env.NEWSINT_EXTRACT_ISOLATION ?? 'thread') as Design;
  const pages = devPages();
  const redisServer = await startRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const server = await startServer({}, { keepAliveMs: 75_000 });
  for (let i = 0; i < PAGES; i++) server.route(`/soak/${i}`, send(pages[i % pages.length]!, 'text/html'));
  const prefix = 'soak';
  const workers: BenchWorker[] = [];
  const extract = new Queue(QUEUE_NAMES.extract, { connection: redis, prefix: `{${prefix}}` });
  const fetch = new Queue(QUEUE_NAMES.fetch, { connection: redis, prefix: `{${prefix}}` });
  const results = new Queue(QUEUE_NAMES.results, { connection: redis, prefix: `{${prefix}}` });
  try {
    // Extraction deadline as in production (60 s); log lines only for failures.
    for (let i = 0; i < WORKERS; i++) workers.push(await startBenchWorker(benchEnv(redisServer.url, prefix, design, { NEWSINT_EXTRACT_CONCURRENCY: THREADS })));
    const pids = workers.map((w) => w.proc.pid!);
    const samples: Sample[] = [{ done: 0, mb: pids.map(treeRssMb) }];
    const t0 = performance.now();
    await enqueueUrls(
      Array.from({ length: PAGES }, (_, i) => server.url(`/soak/${i}`)),
      { prefix, redisUrl: redisServer.url },
    );
    let done = 0;
    let failedFetch = 0;
    let failedExtract = 0;
    while (done < PAGES) {
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
      const [r, e, f] = await Promise.all([results.getJobCounts('waiting'), extract.getJobCounts('failed'), fetch.getJobCounts('failed')]);
      failedExtract = e.failed ?? 0;
      failedFetch = f.failed ?? 0;
      done = (r.waiting ?? 0) + failedExtract + failedFetch;
      samples.push({ done, mb: pids.map(treeRssMb) });
      const dead = workers.find((w) => w.proc.exitCode !== null || w.proc.signalCode !== null);
      if (dead) throw new Error(`a worker process died: ${dead.stderr().slice(-2000)}`);
      if (performance.now() - t0 > 3_600_000) throw new Error(`soak did not finish in an hour (${done}/${PAGES})`);
    }
    const seconds = (performance.now() - t0) / 1000;
    report(samples, seconds, design, { failedExtract, failedFetch }, await failureReasons(extract, fetch));
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all([extract.close(), fetch.close(), results.close()]);
    await server.close();
    redis.disconnect();
    await redisServer.stop();
  }
}

async function failureReasons(...queues: Queue[]): Promise<Map<string, number>> {
  const reasons = new Map<string, number>();
  for (const q of queues) {
    for (const job of await q.getJobs(['failed'], 0, 999)) {
      const code = /^[A-Z_]+/.exec(job.failedReason ?? '')?.[0] ?? (job.failedReason ?? '?').slice(0, 60);
      reasons.set(code, (reasons.get(code) ?? 0) + 1);
    }
  }
  return reasons;
}

function report(samples: Sample[], seconds: number, design: Design, failed: { failedExtract: number; failedFetch: number }, reasons: Map<string, number>): void {
  const warmAt = samples.findIndex((s) => s.done >= PAGES * WARM_SHARE);
  const start = samples[0]!;
  const warm = samples[warmAt]!;
  const end = samples.at(-1)!;
  const after = samples.slice(warmAt);
  console.log(`\nsoak: ${PAGES} pages (modern dev set, ${WORKERS} worker processes with ${THREADS} extraction thread(s) each, design ${design}, NEWSINT_HEAP_GROWTH ${process.env.NEWSINT_HEAP_GROWTH ?? 'default'}) in ${seconds.toFixed(0)} s = ${(PAGES / seconds).toFixed(1)} pages/s; load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`failed: ${failed.failedFetch} fetch, ${failed.failedExtract} extract${reasons.size ? ` (${[...reasons].map(([c, n]) => `${n} ${c}`).join(', ')})` : ''}`);
  console.log(`${'worker'.padEnd(8)}${'start MB'.padStart(10)}${`warm MB (${warm.done} pages)`.padStart(24)}${'end MB'.padStart(9)}${'max after warm'.padStart(16)}${'min after warm'.padStart(16)}${'drift'.padStart(8)}  bar`);
  start.mb.forEach((_, i) => {
    const series = after.map((s) => s.mb[i]!);
    const max = Math.max(...series);
    const min = Math.min(...series);
    const w = warm.mb[i]!;
    const drift = Math.max(max - w, w - min) / w;
    const ok = max <= MAX_MB && drift <= FLAT;
    console.log(`${`#${i + 1}`.padEnd(8)}${start.mb[i]!.toFixed(0).padStart(10)}${w.toFixed(0).padStart(24)}${end.mb[i]!.toFixed(0).padStart(9)}${max.toFixed(0).padStart(16)}${min.toFixed(0).padStart(16)}${`${(drift * 100).toFixed(1)}%`.padStart(8)}  ${ok ? 'met' : 'NOT met'} (<= ${MAX_MB} MB, within ${FLAT * 100}% of warm)`);
  });
  const step = Math.max(1, Math.floor(samples.length / 12));
  console.log(`RSS over time (MB per worker): ${samples.filter((_, i) => i % step === 0 || i === samples.length - 1).map((s) => `${s.done}: ${s.mb.map((m) => m.toFixed(0)).join('/')}`).join(', ')}`);
}

await main();
