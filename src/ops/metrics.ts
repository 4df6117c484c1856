/**
 * Prometheus metrics of one worker process (prom-client), served on /metrics. Extraction
 * runs in child processes; their outcomes come back to the parent with each finished job,
 * so every count is kept here, in the process Prometheus scrapes.
 */
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { NewsintError } from '../errors.js';

/** Seconds; fetches range from a cached 304 to a slow 60 s page. */
const FETCH_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Seconds; extraction is milliseconds for most pages, the deadline (60 s) for the worst. */
const EXTRACT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60];

export interface QueueDepths {
  [queue: string]: { waiting: number; active: number; delayed: number; failed: number; oldestWaitingMs: number | null };
}

export interface PipelineMetrics {
  registry: Registry;
  fetched(host: string, status: number, seconds: number, bytes: number): void;
  extracted(seconds: number): void;
  published(): void;
  failed(queue: string, code: string, host: string): void;
  /** Read at every scrape (Redis counts); a failure leaves the gauges as they were. */
  setQueueDepths(read: () => Promise<QueueDepths>): void;
}

export function createMetrics(): PipelineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const pagesFetched = new Counter({ name: 'newsint_pages_fetched_total', help: 'Pages fetched, by host and HTTP status (304 included).', labelNames: ['host', 'status'], registers: [registry] });
  const pagesExtracted = new Counter({ name: 'newsint_pages_extracted_total', help: 'Pages turned into records.', registers: [registry] });
  const pagesFailed = new Counter({
    name: 'newsint_pages_failed_total',
    help: 'Jobs failed for good (no retry left), by queue, error code and host.',
    labelNames: ['queue', 'code', 'host'],
    registers: [registry],
  });
  const fetchedBytes = new Counter({ name: 'newsint_fetched_bytes_total', help: 'Response bytes received (after decompression), by host.', labelNames: ['host'], registers: [registry] });
  const records = new Counter({ name: 'newsint_records_published_total', help: 'Records added to the results queue.', registers: [registry] });
  const fetchSeconds = new Histogram({ name: 'newsint_fetch_duration_seconds', help: 'Time to fetch one page.', buckets: FETCH_BUCKETS, registers: [registry] });
  const extractSeconds = new Histogram({ name: 'newsint_extract_duration_seconds', help: 'Time to extract one page.', buckets: EXTRACT_BUCKETS, registers: [registry] });
  let readDepths: (() => Promise<QueueDepths>) | undefined;
  const jobs = new Gauge({ name: 'newsint_queue_jobs', help: 'Jobs per queue and state, as Redis counts them.', labelNames: ['queue', 'state'], registers: [registry] });
  const oldest = new Gauge({
    name: 'newsint_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in each queue (0 when none waits).',
    labelNames: ['queue'],
    registers: [registry],
    // One Redis read per scrape fills both gauges.
    async collect() {
      if (!readDepths) return;
      try {
        const depths = await readDepths();
        for (const [queue, d] of Object.entries(depths)) {
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) jobs.set({ queue, state }, d[state]);
          this.set({ queue }, (d.oldestWaitingMs ?? 0) / 1000);
        }
      } catch {
        // Redis unreachable: keep the last values; the outage is in the logs.
      }
    },
  });
  void oldest;
  return {
    registry,
    fetched(host, status, seconds, bytes) {
      pagesFetched.inc({ host, status: String(status) });
      fetchSeconds.observe(seconds);
      fetchedBytes.inc({ host }, bytes);
    },
    extracted(seconds) {
      pagesExtracted.inc();
      extractSeconds.observe(seconds);
    },
    published: () => records.inc(),
    failed: (queue, code, host) => pagesFailed.inc({ queue, code, host }),
    setQueueDepths(read) {
      readDepths = read;
    },
  };
}

/** "9464" (loopback) or "0.0.0.0:9464" (every interface) -> where to listen. */
export function parseListen(value: string, defaultHost = '127.0.0.1'): { host: string; port: number } {
  const m = /^(?:\[?([^\]]*?)\]?:)?(\d{1,5})$/.exec(value.trim());
  const port = Number(m?.[2]);
  if (!m || !(port >= 0 && port <= 65535)) {
    throw new NewsintError('BAD_CONFIG', `"${value}" is not a port or HOST:PORT, e.g. 9464 or 0.0.0.0:9464`, { kind: 'permanent' });
  }
  return { host: m[1] || defaultHost, port };
}

/** Serve GET /metrics; resolves with the server once it listens (port 0 picks a free one). */
export async function serveMetrics(metrics: PipelineMetrics, listen: { host: string; port: number }): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  server.unref();
  return server;
}
