/**
 * What each extraction design does with a page that exhausts memory: a real, entity-dense
 * page just under the NEWSINT_MAX_EXTRACT_BYTES cap (5 MB), so the fetch worker lets it
 * through, followed by an ordinary page. Reported: how the heavy job ended, whether the
 * worker process lived on and served the next page, and its peak RSS (children included).
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { enqueueUrls } from '../../src/api.js';
import { QUEUE_NAMES } from '../../src/queue/names.js';
import { send, type TestServer } from '../helpers/http-server.js';
import { benchEnv, benchPages, startBenchWorker, type Design } from './pipeline.js';
import { sampleRss } from './rss.js';

/** NEWSINT_EXTRACT_MEMORY_MB of the out-of-memory case. */
export const OOM_HEAP_MB = 128;

export interface OomReport {
  design: Design;
  summary: string;
}

/** Many entity-dense paragraphs, `bytes` long: every sentence names agencies, groups, companies and dates. */
export function denseEntityPage(bytes: number): string {
  const paragraph =
    '<p>CISA and the FBI said on Wednesday that Salt Typhoon, a China-backed group also tracked as GhostEmperor, ' +
    'breached AT&T, Verizon and Lumen Technologies last month, while Volt Typhoon hit water utilities in September.</p>';
  return `<html><body><article>${paragraph.repeat(Math.floor((bytes - 100) / paragraph.length))}</article></body></html>`;
}

export async function runOomCase(redisUrl: string, redis: Redis, server: TestServer, design: Design): Promise<OomReport> {
  const prefix = `bench-oom-${randomBytes(3).toString('hex')}`;
  server.route(`/oom/${design}`, send(denseEntityPage(5_000_000), 'text/html'));
  server.route(`/after-oom/${design}`, send(Buffer.from(benchPages()[0]!, 'latin1'), 'text/html'));
  // Half the default heap cap, which this page exceeds; the process design has no cap at all.
  const worker = await startBenchWorker(benchEnv(redisUrl, prefix, design, { NEWSINT_EXTRACT_MEMORY_MB: String(OOM_HEAP_MB) }));
  const extract = new Queue(QUEUE_NAMES.extract, { connection: redis, prefix: `{${prefix}}` });
  const results = new Queue(QUEUE_NAMES.results, { connection: redis, prefix: `{${prefix}}` });
  const rss = sampleRss(worker.proc.pid!, 50);
  const t0 = performance.now();
  try {
    await enqueueUrls([server.url(`/oom/${design}`)], { prefix, redisUrl });
    // The heavy job ends (failed for good, or completed), or the worker dies, within 10 minutes.
    let ended = '';
    for (const end = Date.now() + 600_000; Date.now() < end && !ended; await new Promise((r) => setTimeout(r, 100))) {
      const [failed] = await extract.getJobs(['failed']);
      const [completed] = await extract.getJobs(['completed']);
      if (failed) ended = `failed after ${failed.attemptsMade} attempt(s): ${failed.failedReason.slice(0, 120)}`;
      else if (completed) ended = 'completed';
      else if (worker.proc.exitCode !== null || worker.proc.signalCode !== null) ended = `worker process died (${worker.proc.exitCode ?? worker.proc.signalCode})`;
    }
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    let next = 'not tried (worker gone)';
    if (worker.proc.exitCode === null && worker.proc.signalCode === null) {
      await enqueueUrls([server.url(`/after-oom/${design}`)], { prefix, redisUrl });
      next = 'next page NOT extracted within 2 min';
      for (const end = Date.now() + 120_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        if ((await results.getJobCounts('waiting')).waiting! >= 1) {
          next = 'next page extracted';
          break;
        }
      }
    }
    const { peakMb } = rss.stop();
    return { design, summary: `${ended || 'did not end in 10 min'} (${seconds} s); ${next}; peak RSS ${peakMb.toFixed(0)} MB` };
  } finally {
    rss.stop();
    await extract.close();
    await results.close();
    await worker.stop();
  }
}
