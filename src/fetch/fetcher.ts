/**
 * createFetcher: GET one URL with undici under every limit of DEFAULT_FETCH_LIMITS,
 * following redirects by hand so each hop is re-checked (scheme, cap, loop, SSRF guard).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { Agent } from 'undici';
import { NewsintError } from '../errors.js';
import { ACCEPT_ENCODING, BodyTooLargeError, gunzipCapped, readCappedBody } from './body.js';
import { decodeHtml } from './charset.js';
import { guardedConnector } from './connector.js';
import { isGzip, judgeContentType, mediaType, sniffBody } from './content-type.js';
import { timeoutError, toFetchError, tooLargeError } from './errors.js';
import { blockedAddressError, blockedReason, parseAllowNets, type AllowList } from './guard.js';
import { REDIRECT_STATUSES, statusError } from './status.js';
import { DEFAULT_FETCH_LIMITS, type AcceptMode, type FetchLimits, type FetchRequest, type FetchResult, type Fetcher, type FetcherOptions } from './types.js';
import { defaultUserAgent } from './user-agent.js';

const ACCEPT_HEADERS: Record<AcceptMode, string> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  article: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1',
  feed: 'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1',
};

const ALLOWED_SCHEMES = new Set(['http:', 'https:']);

/** Parse and vet a URL before any connection: scheme, then literal IPs (also 0x7f.1, 2130706433, ...). */
export function vetUrl(raw: string, allow: AllowList, context = ''): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new NewsintError('BAD_URL', `"${raw}"${context} is not a valid URL (expected http://... or https://...)`, { kind: 'permanent', url: raw });
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) {
    throw new NewsintError('BAD_URL', `${raw}${context} uses the ${url.protocol} scheme: only http and https URLs are fetched`, { kind: 'permanent', url: raw });
  }
  // WHATWG URL has already turned decimal, octal and hex IPv4 forms into dotted quads.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const cls = blockedReason(host, allow);
    if (cls) throw blockedAddressError(host, cls, url.href);
  }
  return url;
}

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

function withoutUndefined<T extends object>(o: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Every limit must be a finite number, positive except the redirect cap (0 = follow none). */
function checkLimits(limits: FetchLimits): FetchLimits {
  for (const [name, value] of Object.entries(limits)) {
    const min = name === 'maxRedirects' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      throw new NewsintError('BAD_CONFIG', `fetch limit ${name} must be a number >= ${min}, got ${String(value)}`, { kind: 'permanent' });
    }
  }
  return limits;
}

/**
 * A fetcher holding one undici connection pool; close it when done.
 *
 * @example
 * const fetcher = createFetcher({ contactUrl: 'https://soc.example/crawler', limits: { maxBytes: 2_000_000 } });
 * try {
 *   const page = await fetcher.fetch({ url: 'https://news.example/2024/11/advisory' });
 *   if (!page.notModified) console.log(page.finalUrl, page.text.length);
 * } finally {
 *   await fetcher.close();
 * }
 */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const limits = checkLimits({ ...DEFAULT_FETCH_LIMITS, ...withoutUndefined(options.limits) });
  const allow = parseAllowNets(options.allowNets);
  const userAgent = options.userAgent ?? defaultUserAgent(options.contactUrl);
  const agent = new Agent({
    connect: guardedConnector({ allow, connectTimeoutMs: limits.connectTimeoutMs, resolve: options.resolve, ca: options.ca }),
    headersTimeout: limits.headersTimeoutMs,
    bodyTimeout: limits.bodyTimeoutMs,
  });

  async function fetchUrl(req: FetchRequest): Promise<FetchResult> {
    const mode = req.accept ?? 'html';
    req.signal?.throwIfAborted();
    let url = vetUrl(req.url, allow);
    const redirects: string[] = [];
    const seen = new Set([url.href]);
    let redirected = false;

    const controller = new AbortController();
    let totalExpired = false;
    const timer = setTimeout(() => {
      totalExpired = true;
      controller.abort(new Error('total timeout'));
    }, limits.totalTimeoutMs);
    const onCallerAbort = () => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: ACCEPT_HEADERS[mode],
      'accept-encoding': ACCEPT_ENCODING,
    };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;

    try {
      for (;;) {
        const res = await agent.request({ origin: url.origin, path: url.pathname + url.search, method: 'GET', headers, signal: controller.signal });
        const fetchedAt = new Date().toISOString();
        const status = res.statusCode;
        const get = (name: string) => header(res.headers, name);
        const common = { requestedUrl: req.url, finalUrl: url.href, status, fetchedAt, redirects, etag: get('etag'), lastModified: get('last-modified') };

        if (REDIRECT_STATUSES.has(status)) {
          redirected = true;
          await res.body.dump().catch(() => undefined);
          url = nextHop(url, get('location'), status, redirects, seen, limits, allow);
          continue;
        }
        if (status === 304) {
          await res.body.dump().catch(() => undefined);
          return { ...common, notModified: true, contentType: get('content-type'), body: new Uint8Array(0), text: '' };
        }
        if (status < 200 || status >= 300) {
          await res.body.dump().catch(() => undefined);
          throw statusError({ url: url.href, status, retryAfter: get('retry-after'), ...limits });
        }

        const contentType = get('content-type');
        const verdict = judgeContentType(contentType, mode);
        if (verdict === 'refuse') {
          abandon(res.body);
          throw notAcceptedError(url.href, contentType, mode);
        }
        const encoding = get('content-encoding');
        const declaredLength = Number(get('content-length') ?? NaN);
        if (!encoding && declaredLength > limits.maxBytes) {
          abandon(res.body);
          throw tooLargeError(url.href, limits.maxBytes);
        }
        let body: Uint8Array = await readCappedBody(res.body, encoding, limits.maxBytes);
        if (verdict === 'sniff' && !sniffBody(body, mode)) throw notAcceptedError(url.href, contentType, mode);
        // sitemap.xml.gz: gzip as the document itself, not as a transfer encoding.
        if (mode === 'feed' && isGzip(body)) body = await gunzipCapped(body, limits.maxBytes);
        // Decoded on first read only: the fetch worker hands the bytes on and never needs the text.
        const bytes = body;
        let text: string | undefined;
        return {
          ...common,
          notModified: false,
          contentType,
          body: bytes,
          get text() {
            return (text ??= decodeHtml(bytes, contentType));
          },
        };
      }
    } catch (err) {
      if (totalExpired) throw withRedirectNote(timeoutError('total', url.href, limits, err), req.url, redirected);
      if (req.signal?.aborted) throw req.signal.reason ?? err;
      const mapped = err instanceof BodyTooLargeError ? tooLargeError(url.href, err.maxBytes, err) : toFetchError(err, url.href, limits);
      throw withRedirectNote(mapped, req.url, redirected);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    fetch: fetchUrl,
    close: () => agent.close(),
  };
}

/** Resolve and vet the next redirect hop; throws when the chain must stop. */
function nextHop(from: URL, location: string | null, status: number, redirects: string[], seen: Set<string>, limits: FetchLimits, allow: AllowList): URL {
  if (!location) {
    throw new NewsintError('HTTP_CLIENT_ERROR', `HTTP ${status} from ${from.href} redirects without a Location header`, { kind: 'permanent', status, url: from.href });
  }
  if (redirects.length >= limits.maxRedirects) {
    throw new NewsintError('TOO_MANY_REDIRECTS', `${from.href} redirects more than ${limits.maxRedirects} times; fetch the final URL directly`, {
      kind: 'permanent',
      status,
      url: from.href,
    });
  }
  let resolved: string;
  try {
    resolved = new URL(location, from).href;
  } catch {
    resolved = location;
  }
  const next = vetUrl(resolved, allow, ` (redirect target of ${from.href})`);
  next.hash = '';
  if (seen.has(next.href)) {
    throw new NewsintError('TOO_MANY_REDIRECTS', `redirect loop: ${from.href} leads back to ${next.href}`, { kind: 'permanent', status, url: from.href });
  }
  seen.add(next.href);
  redirects.push(next.href);
  return next;
}

/** Drop a body we will not read: undici then closes the connection instead of draining it. */
function abandon(body: Readable): void {
  body.on('error', () => undefined); // destroy() without a reason still emits an AbortError
  body.destroy();
}

function notAcceptedError(url: string, contentType: string | null, mode: AcceptMode): NewsintError {
  const type = mediaType(contentType) || 'no content type';
  const wanted = mode === 'html' ? 'an HTML page' : mode === 'article' ? 'an HTML page or plain text' : 'a feed, sitemap or HTML page';
  const accepted = mode === 'article' ? 'text/html, application/xhtml+xml and text/plain' : 'text/html and application/xhtml+xml';
  return new NewsintError('NOT_HTML', `${url} is ${type}, not ${wanted}; only ${accepted} articles are extracted`, {
    kind: 'permanent',
    url,
  });
}

/** Errors after a redirect also name the URL the user asked for. */
function withRedirectNote(err: NewsintError, requestedUrl: string, redirected: boolean): NewsintError {
  if (!redirected) return err;
  return new NewsintError(err.code, `${err.message} (reached by redirect from ${requestedUrl})`, {
    kind: err.kind,
    retryAfterMs: err.retryAfterMs,
    status: err.status,
    url: err.url,
    cause: err.cause ?? err,
  });
}
