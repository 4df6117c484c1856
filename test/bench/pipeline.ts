/**
 * Pipeline throughput (pages/s, local HTTP server -> results queue) with 1 and 2 worker
 * processes, beside BullMQ's own ceiling measured in the same run: a no-op processor on
 * the same Redis with the same job count. Run by `npm run bench` from dist/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { enqueueUrls } from '../../src/api.js';
import { QUEUE_NAMES } from '../../src/queue/names.js';
import { send, startServer } from '../helpers/http-server.js';
import { packageRoot } from '../../src/package.js';
import { cleanup } from '../pipeline/harness.js';

/** Pages per run; NEWSINT_BENCH_PAGES overrides. */
export const BENCH_PAGES = Number(process.env.NEWSINT_BENCH_PAGES ?? 300);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';



async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('bench timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** BullMQ alone: add N jobs, a no-op worker completes them. Jobs per second. */
async function bullmqCeiling(redis: Redis, n: number): Promise<number> {
  const prefix = `bench-noop-${randomBytes(3).toString('hex')}`;
  const queue = new Queue('noop', { connection: redis, prefix: `{${prefix}}` });
  let done = 0;
  const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const worker = new Worker('noop', async () => void done++, { connection: workerConnection, prefix: `{${prefix}}`, concurrency: 16, autorun: true });
  await worker.waitUntilReady();
  const t0 = performance.now();
  await queue.addBulk(Array.from({ length: n }, (_, i) => ({ name: 'noop', data: { i }, opts: { removeOnComplete: true } })));
  await until(async () => done >= n, 120_000);
  const seconds = (performance.now() - t0) / 1000;
  await worker.close();
  workerConnection.disconnect();
  await queue.obliterate({ force: true });
  await queue.close();
  return n / seconds;
}

/** Pages per worker process fed before timing: sandbox children fork and load lazily. */
export const WARMUP_PAGES = 10;

/** newsint end to end with `processes` worker processes, warmed up first. Pages per second. */
async function pipelineRun(redis: Redis, root: string, warmup: string[], urls: string[], processes: number): Promise<number> {
  const prefix = `bench-pipe-${randomBytes(3).toString('hex')}`;
  const env = {
    ...process.env,
    REDIS_URL,
    NEWSINT_PREFIX: prefix,
    NEWSINT_ALLOW_NETS: '127.0.0.1/32',
    NEWSINT_HOST_DELAY: '0',
    NEWSINT_HOST_CONCURRENCY: '64',
    NEWSINT_RATE_MAX: '100000',
  };
  const cli = `${root}dist/src/cli/main.js`;
  const children: ChildProcess[] = [];
  const ready: Array<Promise<void>> = [];
  for (let i = 0; i < processes; i++) {
    const child = spawn(process.execPath, [cli, 'worker'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    ready.push(
      new Promise((resolve, reject) => {
        let err = '';
        child.stderr!.on('data', (d: Buffer) => {
          err += d.toString();
          if (err.includes('serving')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
      }),
    );
  }
  try {
    await Promise.all(ready);
    const results = new Queue(QUEUE_NAMES.results, { connection: redis, prefix: `{${prefix}}` });
    const warm = warmup.slice(0, WARMUP_PAGES * processes);
    await enqueueUrls(warm, { prefix });
    await until(async () => ((await results.getJobCounts('waiting')).waiting ?? 0) >= warm.length, 120_000);
    const t0 = performance.now();
    await enqueueUrls(urls, { prefix });
    await until(async () => ((await results.getJobCounts('waiting')).waiting ?? 0) >= warm.length + urls.length, 300_000);
    const seconds = (performance.now() - t0) / 1000;
    await results.close();
    return urls.length / seconds;
  } finally {
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.on('exit', r), c.kill('SIGTERM'))))));
    await cleanup(prefix, redis);
  }
}

export async function runPipelineBench(): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  try {
    await redis.connect();
  } catch {
    console.log(`pipeline bench skipped: no Redis at ${REDIS_URL}`);
    redis.disconnect();
    return;
  }
  const root = `${packageRoot()}/`;
  const samples = readdirSync(`${root}samples`).filter((f) => f.endsWith('.html')).sort();
  // Canonical links dropped so each URL is its own article (its own record id).
  const pages = samples.map((f) => readFileSync(`${root}samples/${f}`, 'latin1').replace(/<link[^>]+rel=["']?canonical[^>]*>|<meta[^>]+og:url[^>]*>/gi, ''));
  const server = await startServer({});
  const urls: string[] = [];
  const warmup: string[] = [];
  for (let i = 0; i < BENCH_PAGES; i++) {
    server.route(`/bench/${i}`, send(Buffer.from(pages[i % pages.length]!, 'latin1'), 'text/html'));
    urls.push(server.url(`/bench/${i}`));
  }
  for (let i = 0; i < 2 * WARMUP_PAGES; i++) {
    server.route(`/warmup/${i}`, send(Buffer.from(pages[i % pages.length]!, 'latin1'), 'text/html'));
    warmup.push(server.url(`/warmup/${i}`));
  }
  try {
    const ceiling = await bullmqCeiling(redis, BENCH_PAGES);
    const one = await pipelineRun(redis, root, warmup, urls, 1);
    const two = await pipelineRun(redis, root, warmup, urls, 2);
    const rows: Array<[string, number]> = [
      ['BullMQ no-op worker, 1 queue (ceiling)', ceiling],
      ['newsint, 1 worker process', one],
      ['newsint, 2 worker processes', two],
    ];
    console.log(`\npipeline: ${BENCH_PAGES} pages, local HTTP -> fetch -> extract -> results (same Redis; workers warmed up on ${WARMUP_PAGES} pages per process first)`);
    console.log(`${'setup'.padEnd(42)}${'pages/s'.padStart(10)}${'vs ceiling'.padStart(12)}`);
    for (const [name, rate] of rows) console.log(`${name.padEnd(42)}${rate.toFixed(1).padStart(10)}${(rate / ceiling).toFixed(3).padStart(12)}`);
    console.log(`2 processes / 1 process: ${(two / one).toFixed(2)}x`);
  } finally {
    await server.close();
    redis.disconnect();
  }
}
