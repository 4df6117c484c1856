/**
 * Mapping low-level failures to NewsintError codes and retry kinds, for the cases a local
 * server cannot stage (connect timeouts, DNS answers, Happy Eyeballs aggregates).
 */
import { describe, expect, it } from 'vitest';
import { BlockedConnectError } from '../../src/fetch/connector.js';
import { toFetchError } from '../../src/fetch/errors.js';
import { parseRetryAfter } from '../../src/fetch/status.js';
import { DEFAULT_FETCH_LIMITS } from '../../src/fetch/types.js';
import { NewsintError } from '../../src/errors.js';

const URL_ = 'https://news.example/story';
const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
const mapped = (err: unknown) => toFetchError(err, URL_, DEFAULT_FETCH_LIMITS);

describe('toFetchError', () => {
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', /^connect timeout after 15000 ms/],
    ['UND_ERR_HEADERS_TIMEOUT', /^headers timeout after 15000 ms/],
    ['UND_ERR_BODY_TIMEOUT', /^body timeout after 15000 ms/],
  ])('%s is a transient TIMEOUT that says which', (code, message) => {
    const err = mapped(withCode(code));
    expect(err).toMatchObject({ code: 'TIMEOUT', kind: 'transient', url: URL_ });
    expect(err.message).toMatch(message);
    expect(err.message).toContain(URL_);
  });

  it('treats an unknown host as permanent and a DNS hiccup as transient', () => {
    expect(mapped(withCode('ENOTFOUND'))).toMatchObject({ code: 'NETWORK', kind: 'permanent' });
    expect(mapped(withCode('EAI_AGAIN'))).toMatchObject({ code: 'NETWORK', kind: 'transient' });
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EHOSTUNREACH'])('%s is a transient NETWORK error', (code) => {
    const err = mapped(withCode(code));
    expect(err).toMatchObject({ code: 'NETWORK', kind: 'transient' });
    expect(err.message).toContain(code);
  });

  it('looks inside AggregateError (one error per address tried) and cause chains', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all failed');
    expect(mapped(aggregate).code).toBe('NETWORK');
    expect(mapped(new Error('fetch failed', { cause: withCode('UND_ERR_CONNECT_TIMEOUT') })).code).toBe('TIMEOUT');
  });

  it('turns a refusal inside the connector into BLOCKED_ADDRESS naming the URL', () => {
    const err = mapped(new Error('connect failed', { cause: new BlockedConnectError('10.1.2.3', 'private', 'intranet.example') }));
    expect(err).toMatchObject({ code: 'BLOCKED_ADDRESS', kind: 'permanent', url: URL_ });
    expect(err.message).toContain(`10.1.2.3 (private address) (intranet.example resolves to it) for ${URL_}`);
  });

  it('marks certificate problems as permanent', () => {
    expect(mapped(withCode('CERT_HAS_EXPIRED'))).toMatchObject({ code: 'NETWORK', kind: 'permanent' });
  });

  it('passes a NewsintError through and wraps anything else as transient', () => {
    const own = new NewsintError('NOT_HTML', 'x', { kind: 'permanent' });
    expect(mapped(own)).toBe(own);
    expect(mapped('something odd')).toMatchObject({ code: 'NETWORK', kind: 'transient' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-11-14T12:00:00Z');
  it('reads seconds and HTTP dates, caps and floors them', () => {
    expect(parseRetryAfter('30', 3_600_000, now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 14 Nov 2024 12:02:00 GMT', 3_600_000, now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 14 Nov 2024 11:00:00 GMT', 3_600_000, now)).toBe(0);
    expect(parseRetryAfter('86400', 3_600_000, now)).toBe(3_600_000);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, 1000, now)).toBeNull();
    expect(parseRetryAfter('', 1000, now)).toBeNull();
    expect(parseRetryAfter('soon', 1000, now)).toBeNull();
    expect(parseRetryAfter('-5', 1000, now)).toBeNull();
  });
});
