/**
 * Low-level failures (undici, sockets, DNS, zlib, our own guard and cap) to NewsintError
 * with a stable code, a retry kind and a message that names the URL.
 */
import { NewsintError } from '../errors.js';
import { BodyTooLargeError, UnsupportedEncodingError } from './body.js';
import { BlockedConnectError } from './connector.js';
import { blockedAddressError } from './guard.js';
import type { FetchLimits } from './types.js';

export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'total';

/** Socket-level codes worth retrying: the network or the server hiccupped. */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN', // DNS server did not answer: try again later
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** Certificate problems: the site must fix them, retrying in minutes will not help. */
const TLS_CERT_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
]);

/** The server on an https:// URL answered in plain text (HTTP on that port): the URL is wrong. */
const TLS_PLAINTEXT_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST']);
/** Client and server share no TLS version or cipher: only the site's configuration can change that. */
const TLS_INCOMPATIBLE_CODES = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_NO_SHARED_CIPHER',
  'ERR_SSL_DH_KEY_TOO_SMALL',
  'ERR_SSL_UNSAFE_LEGACY_RENEGOTIATION_DISABLED',
]);

const UNDICI_TIMEOUTS: Record<string, TimeoutPhase> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

/** Every error in a cause chain and inside AggregateErrors (Happy Eyeballs collects one per address). */
function* chain(err: unknown, depth = 0): Generator<unknown> {
  if (err == null || depth > 8) return;
  yield err;
  if (err instanceof AggregateError) for (const inner of err.errors) yield* chain(inner, depth + 1);
  if (err instanceof Error && err.cause !== undefined) yield* chain(err.cause, depth + 1);
}

const codeOf = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

export function timeoutError(phase: TimeoutPhase, url: string, limits: FetchLimits, cause?: unknown): NewsintError {
  const ms = {
    connect: limits.connectTimeoutMs,
    headers: limits.headersTimeoutMs,
    body: limits.bodyTimeoutMs,
    total: limits.totalTimeoutMs,
  }[phase];
  const what = {
    connect: 'connecting',
    headers: 'waiting for response headers',
    body: 'waiting for more of the body',
    total: 'for the whole fetch',
  }[phase];
  return new NewsintError('TIMEOUT', `${phase} timeout after ${ms} ms ${what} from ${url}`, { kind: 'transient', url, cause });
}

export function tooLargeError(url: string, maxBytes: number, cause?: unknown): NewsintError {
  return new NewsintError('TOO_LARGE', `${url} is larger than the ${maxBytes}-byte cap (after decompression): raise maxBytes if the page is genuine`, {
    kind: 'permanent',
    url,
    cause,
  });
}

/**
 * A TLS handshake failure names the origin (the handshake is per connection, whatever path
 * was asked first, robots.txt often) and OpenSSL's reason, never its raw error text.
 */
function tlsError(code: string, e: unknown, url: string): NewsintError | undefined {
  if (!code.startsWith('ERR_SSL_') && code !== 'EPROTO') return undefined;
  const origin = new URL(url).origin;
  if (TLS_PLAINTEXT_CODES.has(code)) {
    return new NewsintError('NETWORK', `${origin} does not speak TLS on that port (the server answered in plain text): use http:// or the site's https port`, { kind: 'permanent', url, cause: e });
  }
  // OpenSSL text is "<hex>:error:<hex>:SSL routines:<function>:<reason>:<file>:<line>:"; keep the reason.
  const raw = e instanceof Error ? e.message : '';
  const reason = /:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/i.exec(raw)?.[1] ?? code.replace(/^ERR_SSL_/, '').toLowerCase().replace(/_/g, ' ');
  if (TLS_INCOMPATIBLE_CODES.has(code)) {
    return new NewsintError('NETWORK', `TLS handshake with ${origin} failed: no TLS version or cipher in common (${reason}); the site must change its TLS settings`, { kind: 'permanent', url, cause: e });
  }
  return new NewsintError('NETWORK', `TLS handshake with ${origin} failed (${reason})`, { kind: 'transient', url, cause: e });
}

/** Map anything thrown while fetching `url` to a NewsintError. */
export function toFetchError(err: unknown, url: string, limits: FetchLimits): NewsintError {
  for (const e of chain(err)) {
    if (e instanceof NewsintError) return e;
    if (e instanceof BlockedConnectError) return blockedAddressError(e.ip, e.addressClass, url, e.host);
    if (e instanceof BodyTooLargeError) return tooLargeError(url, e.maxBytes, err);
    if (e instanceof UnsupportedEncodingError) {
      return new NewsintError('NETWORK', `${url} was sent with ${e.message}: the server ignored our Accept-Encoding`, { kind: 'permanent', url, cause: err });
    }
  }
  for (const e of chain(err)) {
    const code = codeOf(e);
    if (!code) continue;
    const phase = UNDICI_TIMEOUTS[code];
    if (phase) return timeoutError(phase, url, limits, err);
    if (code === 'ENOTFOUND') {
      return new NewsintError('NETWORK', `host of ${url} does not exist (DNS: not found); check the URL`, { kind: 'permanent', url, cause: err });
    }
    const tls = tlsError(code, e, url);
    if (tls) return tls;
    if (TLS_CERT_CODES.has(code)) {
      return new NewsintError('NETWORK', `TLS certificate of ${url} is not valid (${code}); the site must fix it, or add its CA to the trusted roots`, {
        kind: 'permanent',
        url,
        cause: err,
      });
    }
    if (TRANSIENT_NETWORK_CODES.has(code)) {
      return new NewsintError('NETWORK', `network error fetching ${url}: ${code}`, { kind: 'transient', url, cause: err });
    }
    // zlib codes start with Z_, brotli's with ERR__; truncation is tolerated, so these are real corruption.
    if (code.startsWith('Z_') || code.startsWith('ERR__') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED') {
      return new NewsintError('NETWORK', `corrupt compressed body from ${url} (${code}): the server's compression is broken`, { kind: 'permanent', url, cause: err });
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return new NewsintError('NETWORK', `fetching ${url} failed: ${message}`, { kind: 'transient', url, cause: err });
}
