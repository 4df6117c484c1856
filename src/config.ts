/**
 * Pipeline configuration: ONE zod schema, parsed once at start. Every field names its
 * environment variable and default; command-line flags override the environment.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { describeError, NewsintError } from './errors.js';
import { DEFAULT_CONTACT_URL } from './fetch/user-agent.js';

/** "500ms", "15s", "2m", "1h", "1d" or a plain number of milliseconds. */
export function parseDuration(input: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(input);
  if (!m) return null;
  const unit = (m[2] ?? 'ms').toLowerCase();
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1;
  return Math.round(Number(m[1]) * factor);
}

const duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : parseDuration(v);
  if (ms === null || !Number.isFinite(ms) || ms < 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration such as 500ms, 15s, 2m, 1h or 1d' });
    return z.NEVER;
  }
  return ms;
});

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
  redisUrl: { env: 'REDIS_URL', default: 'redis://127.0.0.1:6379', schema: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'), help: 'Redis shared by every worker and client' },
  prefix: { env: 'NEWSINT_PREFIX', default: 'newsint', schema: z.string().regex(/^\{?[A-Za-z0-9_.-]+\}?$/, 'letters, digits, _ . - only'), help: 'queue prefix; wrapped in {} (hash tag) for Redis Cluster' },
  userAgent: { env: 'NEWSINT_USER_AGENT', default: '', schema: z.string(), help: 'whole User-Agent; empty = "newsint/<version> (+<contact URL>)"' },
  contactUrl: { env: 'NEWSINT_CONTACT_URL', default: DEFAULT_CONTACT_URL, schema: z.string().url(), help: 'where site owners learn about the crawler (in User-Agent)' },
  allowNets: { env: 'NEWSINT_ALLOW_NETS', default: '', schema: list, help: 'CIDR ranges opened despite the private-address guard (comma list)' },
  maxBytes: { env: 'NEWSINT_MAX_BYTES', default: '5242880', schema: count(1024), help: 'byte cap per response, after decompression' },
  timeoutMs: { env: 'NEWSINT_TIMEOUT', default: '15s', schema: duration, help: 'connect, headers and body-silence timeout of one request' },
  totalTimeoutMs: { env: 'NEWSINT_TOTAL_TIMEOUT', default: '60s', schema: duration, help: 'whole fetch, redirects and body included' },
  maxRedirects: { env: 'NEWSINT_MAX_REDIRECTS', default: '5', schema: count(0), help: 'redirects followed per request' },
  recrawlWindowMs: { env: 'NEWSINT_RECRAWL_WINDOW', default: '24h', schema: duration, help: 'a URL is fetched at most once per window' },
  attempts: { env: 'NEWSINT_ATTEMPTS', default: '5', schema: count(1), help: 'tries per job for transient errors' },
  backoffMs: { env: 'NEWSINT_BACKOFF', default: '2s', schema: duration, help: 'first retry delay; doubles each try, with jitter' },
  maxRetryAfterMs: { env: 'NEWSINT_MAX_RETRY_AFTER', default: '1h', schema: duration, help: 'longest Retry-After honoured' },
  jobDeadlineMs: { env: 'NEWSINT_JOB_DEADLINE', default: '2m', schema: duration, help: 'per-job deadline (fetch and discover)' },
  extractDeadlineMs: { env: 'NEWSINT_EXTRACT_DEADLINE', default: '60s', schema: duration, help: 'deadline of one extraction; a page that takes longer fails as TIMEOUT' },
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
  extractConcurrency: { env: 'NEWSINT_EXTRACT_CONCURRENCY', default: String(availableParallelism()), schema: count(1), help: 'extraction processes per worker process (one per core)' },
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
      return `${source[key] ?? key}=${JSON.stringify(raw[key])}: ${issue.message}${help ? ` (${help})` : ''}`;
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
    env[field.env] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return env;
}

/** Redis URL with any password replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** "recrawlWindowMs" -> "--recrawl-window" (the env var's name, minus NEWSINT_). */
export function flagOf(key: ConfigKey): string {
  const env = CONFIG_FIELDS[key].env.replace(/^NEWSINT_/, '');
  return '--' + env.toLowerCase().replace(/_/g, '-');
}

/** Commander option attribute for a flag: "--recrawl-window" -> "recrawlWindow". */
function attributeOf(flag: string): string {
  return flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

interface OptionTarget {
  option(flags: string, description: string): unknown;
}

/** Add a flag for each config field (or the given ones) to a command; flags beat env. */
export function addConfigOptions(cmd: OptionTarget, keys: ConfigKey[] = Object.keys(CONFIG_FIELDS) as ConfigKey[]): void {
  for (const key of keys) {
    const field = CONFIG_FIELDS[key];
    cmd.option(`${flagOf(key)} <value>`, `${field.help} (env ${field.env}, default "${field.default}")`);
  }
}

/** Parsed commander options -> overrides for loadConfig. */
export function overridesFromOptions(opts: Record<string, unknown>): ConfigOverrides {
  const overrides: ConfigOverrides = {};
  for (const key of Object.keys(CONFIG_FIELDS) as ConfigKey[]) {
    const value = opts[attributeOf(flagOf(key))];
    if (typeof value === 'string') overrides[key] = value;
  }
  return overrides;
}

/** Errors a CLI reports as usage/environment problems (exit 2) rather than failed work (exit 1). */
const EXIT_2_CODES = new Set(['BAD_CONFIG', 'BAD_INPUT', 'BAD_URL', 'REDIS_UNAVAILABLE']);

/** One line on stderr, no stack trace, and the documented exit status. */
export function exitWithError(err: unknown): never {
  process.stderr.write(describeError(err) + '\n');
  const code = (err as { code?: unknown } | null)?.code;
  process.exit(typeof code === 'string' && EXIT_2_CODES.has(code) ? 2 : 1);
}

/** Config for a CLI command from env and its flags; a bad value exits 2 with one line. */
export function configFromCli(opts: Record<string, unknown>, extra: ConfigOverrides = {}): Config {
  try {
    return loadConfig(process.env, { ...overridesFromOptions(opts), ...extra });
  } catch (err) {
    exitWithError(err);
  }
}
