/**
 * Pipeline configuration: ONE zod schema, parsed once at start. Every field names its
 * environment variable and default; command-line flags override the environment.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { NewsintError } from './errors.js';
import { DEFAULT_FETCH_LIMITS } from './fetch/types.js';
import { DEFAULT_CONTACT_URL } from './fetch/user-agent.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * "500ms", "15s", "2m", "1h", "1d" (or "0"). A bare number other than 0 is refused: "5"
 * could mean seconds or milliseconds, and a wrong guess is a crawler 1000x too fast.
 */
export function parseDuration(input: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(input);
  if (!m) return null;
  if (m[2] === undefined) return Number(m[1]) === 0 ? 0 : null;
  return Math.round(Number(m[1]) * UNIT_MS[m[2].toLowerCase() as keyof typeof UNIT_MS]);
}

/** Milliseconds the way a person writes them: 900000 -> "15m", 1500 -> "1.5s", 0 -> "0s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && (ms % size === 0 || (ms / size) % 0.5 === 0 || ms >= 10 * size)) {
      return `${Number((ms / size).toFixed(1))}${unit}`;
    }
  }
  return `${ms}ms`;
}

/** Library callers give milliseconds as numbers; people give strings with a unit. */
const duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : parseDuration(v);
  if (ms === null || !Number.isFinite(ms) || ms < 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration with a unit, such as 500ms, 15s, 2m, 1h or 1d (a bare number is refused, except 0)' });
    return z.NEVER;
  }
  return ms;
});

/** Names of the config fields that hold durations (printed with formatDuration). */
export function isDurationKey(key: string): boolean {
  return key.endsWith('Ms');
}

const count = (min: number) => {
  const message = `expected a whole number of at least ${min}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message });
};

const list = z.union([z.array(z.string()), z.string()]).transform((v) =>
  (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean),
);

const QUEUE_KINDS = ['discover', 'fetch', 'extract'] as const;

/**
 * Each field: [environment variable, default, schema]. The table is what `newsint config`
 * prints and what the README's configuration table documents.
 */
export const CONFIG_FIELDS = {
  redisUrl: {
    env: 'REDIS_URL',
    default: 'redis://127.0.0.1:6379',
    schema: z.string().superRefine((v, ctx) => {
      const problem = redisUrlProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    help: 'Redis shared by every worker and client',
  },
  prefix: { env: 'NEWSINT_PREFIX', default: 'newsint', schema: z.string().regex(/^\{?[A-Za-z0-9_.-]+\}?$/, 'letters, digits, _ . - only'), help: 'queue prefix; wrapped in {} (hash tag) for Redis Cluster' },
  userAgent: { env: 'NEWSINT_USER_AGENT', default: '', schema: z.string(), help: 'whole User-Agent; empty = "newsint/<version> (+<contact URL>)"' },
  contactUrl: { env: 'NEWSINT_CONTACT_URL', default: DEFAULT_CONTACT_URL, schema: z.string().url(), help: 'where site owners learn about the crawler (in User-Agent)' },
  allowNets: { env: 'NEWSINT_ALLOW_NETS', default: '', schema: list, help: 'CIDR ranges opened despite the private-address guard (comma list)' },
  maxBytes: { env: 'NEWSINT_MAX_BYTES', default: String(DEFAULT_FETCH_LIMITS.maxBytes), schema: count(1024), help: 'byte cap per response, after decompression' },
  timeoutMs: { env: 'NEWSINT_TIMEOUT', default: formatDuration(DEFAULT_FETCH_LIMITS.headersTimeoutMs), schema: duration, help: 'connect, headers and body-silence timeout of one request' },
  totalTimeoutMs: { env: 'NEWSINT_TOTAL_TIMEOUT', default: formatDuration(DEFAULT_FETCH_LIMITS.totalTimeoutMs), schema: duration, help: 'whole fetch, redirects and body included' },
  maxRedirects: { env: 'NEWSINT_MAX_REDIRECTS', default: String(DEFAULT_FETCH_LIMITS.maxRedirects), schema: count(0), help: 'redirects followed per request' },
  recrawlWindowMs: { env: 'NEWSINT_RECRAWL_WINDOW', default: '24h', schema: duration, help: 'a URL is fetched at most once per window' },
  attempts: { env: 'NEWSINT_ATTEMPTS', default: '5', schema: count(1), help: 'tries per job for transient errors' },
  backoffMs: { env: 'NEWSINT_BACKOFF', default: '2s', schema: duration, help: 'first retry delay; doubles each try, with jitter' },
  maxRetryAfterMs: { env: 'NEWSINT_MAX_RETRY_AFTER', default: formatDuration(DEFAULT_FETCH_LIMITS.maxRetryAfterMs), schema: duration, help: 'longest Retry-After honoured' },
  jobDeadlineMs: { env: 'NEWSINT_JOB_DEADLINE', default: '2m', schema: duration, help: 'per-job deadline (fetch and discover)' },
  extractDeadlineMs: { env: 'NEWSINT_EXTRACT_DEADLINE', default: '60s', schema: duration, help: 'deadline of one extraction; a page that takes longer fails as TIMEOUT' },
  lockDurationMs: { env: 'NEWSINT_LOCK_DURATION', default: '30s', schema: duration.pipe(z.number().min(1000, { error: 'expected at least 1s' })), help: "how long a worker's claim on a job lasts unless renewed; a job whose worker vanished goes back to the queue one to two of these later" },
  maxStalls: { env: 'NEWSINT_MAX_STALLS', default: '3', schema: count(0), help: 'times a job is handed out again after its worker vanished or lost its lock (killed, crashed, Redis away longer than the lock) before it fails as STALLED' },
  drainTimeoutMs: { env: 'NEWSINT_DRAIN_TIMEOUT', default: '30s', schema: duration, help: 'on SIGTERM/SIGINT, how long a worker waits for its active jobs; jobs still active then go back to the queue' },
  extractIsolation: { env: 'NEWSINT_EXTRACT_ISOLATION', default: 'thread', schema: z.enum(['thread', 'process']), help: 'thread: a pool of extraction threads in the worker process; process: a child process per core, each with a thread (the former design: more memory, no heap cap; see README)' },
  extractMemoryMb: { env: 'NEWSINT_EXTRACT_MEMORY_MB', default: '256', schema: count(16), help: 'heap (old generation, MB) of one extraction thread; a page that needs more fails OUT_OF_MEMORY' },
  extractRecycleMb: { env: 'NEWSINT_EXTRACT_RECYCLE_MB', default: '40', schema: count(0), help: 'an extraction thread whose heap grew this many MB past its warmed-up size is replaced after the page (0: never)' },
  heapGrowthPercent: { env: 'NEWSINT_HEAP_GROWTH', default: '20', schema: count(0), help: "a worker process lets its heaps grow this many percent past their live data before a full collection; 0 = V8's own factor (up to 300%: more memory, a little less CPU)" },
  rateMax: { env: 'NEWSINT_RATE_MAX', default: '50', schema: count(1), help: 'global limit: fetches per rate duration, all workers' },
  rateDurationMs: { env: 'NEWSINT_RATE_DURATION', default: '1s', schema: duration, help: 'window of the global rate limit' },
  hostConcurrency: { env: 'NEWSINT_HOST_CONCURRENCY', default: '2', schema: count(1), help: 'requests in flight per host, all workers' },
  hostDelayMs: { env: 'NEWSINT_HOST_DELAY', default: '1s', schema: duration, help: 'minimum delay between requests to one host' },
  robotsTtlMs: { env: 'NEWSINT_ROBOTS_TTL', default: '1h', schema: duration, help: 'how long a robots.txt stays cached in Redis' },
  maxCrawlDelayMs: { env: 'NEWSINT_MAX_CRAWL_DELAY', default: '60s', schema: duration, help: 'longest robots.txt Crawl-delay honoured; a longer one is capped (and logged)' },
  maxUrlLength: { env: 'NEWSINT_MAX_URL_LENGTH', default: '2048', schema: count(64), help: 'longest URL accepted by enqueue, discovery and the fetch worker' },
  maxExtractBytes: { env: 'NEWSINT_MAX_EXTRACT_BYTES', default: '5242880', schema: count(1024), help: 'largest page (UTF-8 bytes of HTML) handed to extraction' },
  maxRecordBytes: { env: 'NEWSINT_MAX_RECORD_BYTES', default: '2097152', schema: count(1024), help: 'largest record (JSON bytes) published to results' },
  maxSeeds: { env: 'NEWSINT_MAX_SEEDS', default: '100', schema: count(1), help: 'feeds and sitemaps per schedule or discover job' },
  sitemapDepth: { env: 'NEWSINT_SITEMAP_DEPTH', default: '2', schema: count(0), help: 'sitemap-index nesting followed below a seed' },
  discoverFanout: { env: 'NEWSINT_DISCOVER_FANOUT', default: '200', schema: count(1), help: 'child sitemaps read per seed and crawl, all levels together' },
  discoverMaxUrls: { env: 'NEWSINT_DISCOVER_MAX_URLS', default: '50000', schema: count(1), help: 'article URLs queued per seed and crawl, all documents together' },
  queues: { env: 'NEWSINT_QUEUES', default: 'discover,fetch,extract', schema: list.pipe(z.array(z.enum(QUEUE_KINDS)).min(1)), help: 'queues a worker process serves' },
  fetchConcurrency: { env: 'NEWSINT_FETCH_CONCURRENCY', default: '16', schema: count(1), help: 'fetch jobs in parallel per worker process' },
  discoverConcurrency: { env: 'NEWSINT_DISCOVER_CONCURRENCY', default: '2', schema: count(1), help: 'discover jobs in parallel per worker process' },
  extractConcurrency: { env: 'NEWSINT_EXTRACT_CONCURRENCY', default: String(availableParallelism()), schema: count(1), help: 'extraction threads (or processes) per worker process (one per core)' },
  logLevel: { env: 'NEWSINT_LOG_LEVEL', default: 'info', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), help: 'least important log level written: error, warn, info (one line per article), debug' },
  logFormat: { env: 'NEWSINT_LOG_FORMAT', default: 'auto', schema: z.enum(['auto', 'json', 'pretty']), help: 'log lines as JSON or pretty text; auto = pretty on a terminal, JSON otherwise' },
  logSummaryMs: { env: 'NEWSINT_LOG_SUMMARY', default: '60s', schema: duration, help: 'a summary line (pages/s, failures by code, queue depths) this often; 0 = never' },
  metricsPort: { env: 'NEWSINT_METRICS_PORT', default: '', schema: z.string().regex(/^$|^(\[?[^\]]*\]?:)?\d{1,5}$/, 'a port such as 9464, or HOST:PORT such as 0.0.0.0:9464'), help: 'serve Prometheus /metrics on this port (127.0.0.1) or HOST:PORT; empty = off' },
} as const;

type Fields = typeof CONFIG_FIELDS;
export type ConfigKey = keyof Fields;

export const ConfigSchema = z.object(
  Object.fromEntries(Object.entries(CONFIG_FIELDS).map(([k, f]) => [k, f.schema])) as { [K in ConfigKey]: Fields[K]['schema'] },
);
export type Config = z.infer<typeof ConfigSchema>;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/** Flags given on the command line, by field name; undefined means "not given". */
export type ConfigOverrides = Partial<Record<ConfigKey, string | number | string[] | undefined>>;

/**
 * Environment first, then flags on top. A bad value throws BAD_CONFIG naming the
 * variable, the value and what is expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const raw: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  for (const [key, field] of Object.entries(CONFIG_FIELDS)) {
    const flag = overrides[key as ConfigKey];
    if (flag !== undefined) {
      raw[key] = flag;
      source[key] = `--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
    } else if (env[field.env] !== undefined && env[field.env] !== '') {
      raw[key] = env[field.env];
      source[key] = field.env;
    } else {
      raw[key] = field.default;
      source[key] = `default of ${field.env}`;
    }
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      const help = CONFIG_FIELDS[key as ConfigKey]?.help;
      // A Redis URL may carry a password: it is shown redacted, whatever is wrong with it.
      const value = key === 'redisUrl' && typeof raw[key] === 'string' ? redactUrl(raw[key]) : raw[key];
      return `${source[key] ?? key}=${JSON.stringify(value)}: ${issue.message}${help ? ` (${help})` : ''}`;
    });
    throw new NewsintError('BAD_CONFIG', lines.join('; '), { kind: 'permanent' });
  }
  return parsed.data;
}

/** The environment that reproduces `config`: handed to sandboxed extraction processes. */
export function configToEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, field] of Object.entries(CONFIG_FIELDS)) {
    const value = config[key as ConfigKey];
    // Durations with their unit: a bare number is refused when read back.
    env[field.env] = Array.isArray(value) ? value.join(',') : isDurationKey(key) ? `${value}ms` : String(value);
  }
  return env;
}

/**
 * A Redis URL (or a comma list of cluster nodes) with every credential replaced, safe to
 * print. Textual, not `new URL`: the value may not parse (a scheme typo, a password with an
 * unencoded '#', '/' or '@', several nodes), and then it must not be printed as it came.
 * Credentials are whatever precedes the last '@' of a node, after its scheme.
 */
export function redactUrl(url: string): string {
  return url
    .split(',')
    .map((node) => {
      const at = node.lastIndexOf('@');
      if (at < 0) return node;
      const scheme = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/{0,2}/.exec(node)?.[0] ?? '';
      const userinfo = node.slice(scheme.length, at);
      const colon = userinfo.indexOf(':');
      // "user:password" keeps the user; a lone name may be a password (redis://secret@host).
      const shown = colon >= 0 ? `${userinfo.slice(0, colon)}:***` : '***';
      return `${scheme}${shown}${node.slice(at)}`;
    })
    .join(',');
}

/** Each node of REDIS_URL must parse with a host; the message never repeats the value. */
function redisUrlProblem(value: string): string | null {
  for (const node of value.split(',').map((n) => n.trim())) {
    const scheme = /^rediss?:\/\//.exec(node)?.[0];
    if (!scheme) return 'must start with redis:// or rediss:// (each node of a cluster list too)';
    // Unencoded, these end the user name or password early and the rest is read as host or path.
    const userinfo = node.slice(scheme.length, Math.max(scheme.length, node.lastIndexOf('@')));
    let host = '';
    try {
      host = new URL(node).hostname;
    } catch {
      // reported below
    }
    if (!host || /[#/?@]/.test(userinfo)) {
      return "is not a valid Redis URL: percent-encode '#', '/', '?' and '@' in a user name or password (%23, %2F, %3F, %40)";
    }
  }
  return null;
}
