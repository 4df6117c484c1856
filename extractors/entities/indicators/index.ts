/**
 * Indicators of compromise in the article text: addresses, host names, URLs, e-mail addresses,
 * hashes, file names, registry keys and bitcoin addresses, plain or defanged, each refanged to
 * one normalized `value` (lower-case hosts and hashes) with `defanged` telling how it was written.
 *
 * Candidates come from ./patterns.ts in priority order (a URL claims the host and file name inside
 * it, an e-mail address its domain) and must pass ./checks.ts. Only the body text is read: the
 * page furniture never reaches this stage, and the article's own and its publisher's domains are
 * dropped here (`ownUrls`).
 */
import type { Indicator, IndicatorType, Mention } from '../../../src/record/schema.js';
import { isBitcoinAddress } from './bitcoin.js';
import { candidateWindows } from './windows.js';
import { checkFilename, checkHash, checkHost, checkIpv4, checkIpv6, siteOf, type HostContext } from './checks.js';
import {
  BARE_URL_RE, BITCOIN_RE, EMAIL_RE, FILENAME_RE, HEX_RE, HOST, HOST_RE, IPV4, IPV4_RE, IPV6_RE, REGISTRY_RE, URL_RE, refangHost,
} from './patterns.js';

export interface IndicatorOptions {
  /** The article's URL and canonical URL: their sites (and the publisher's) are no indicators. */
  ownUrls?: ReadonlyArray<string | null | undefined>;
}

interface Hit {
  type: IndicatorType;
  value: string;
  defanged: boolean;
  start: number;
  end: number;
}

const HASH_TYPES: Record<number, IndicatorType> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };
const HIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER', HKCR: 'HKEY_CLASSES_ROOT', HKU: 'HKEY_USERS', HKCC: 'HKEY_CURRENT_CONFIG',
};
const SCHEME_HEAD = /^([a-z*_[\]]+?)(\[:\]\/\/|\[:\/\/\]|:\/\/ ?)/i;
const HOST_HEAD = new RegExp(String.raw`^(?:${IPV4}|${HOST}|\[[0-9a-f:]+\])`, 'i');
const BRACKET_DOT = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi;

/** Drop what a sentence or a quote puts after a URL; keep a closing bracket the URL opened. */
function trimTail(raw: string): string {
  let s = raw;
  for (;;) {
    const last = s.at(-1);
    if (!last) return s;
    if (/[.,;:!?'"”’>*]/.test(last)) s = s.slice(0, -1);
    else if (last === ')' && (s.match(/\(/g)?.length ?? 0) < (s.match(/\)/g)?.length ?? 0)) s = s.slice(0, -1);
    else if (last === ']' && (s.match(/\[/g)?.length ?? 0) < (s.match(/\]/g)?.length ?? 0)) s = s.slice(0, -1);
    else return s;
  }
}

function refangScheme(raw: string): string {
  const s = raw.toLowerCase().replace(/[[\]]/g, '');
  if (/^f[xt]ps?$|^sftp$/.test(s)) return s.replace('x', 't');
  return s.endsWith('s') ? 'https' : 'http';
}

/** A URL (with or without its scheme) refanged: scheme, host lower-cased, bracketed dots in the path. */
function parseUrl(raw: string, withScheme: boolean): { value: string; host: string; rawHost: string } | null {
  let rest = raw;
  let scheme = '';
  if (withScheme) {
    const m = SCHEME_HEAD.exec(raw);
    if (!m) return null;
    scheme = `${refangScheme(m[1]!)}://`;
    rest = raw.slice(m[0].length);
  }
  const h = HOST_HEAD.exec(rest);
  if (!h) return null;
  const host = refangHost(h[0]);
  // "&amp;" left in a URL by a page escaped twice is "&" in the address itself.
  const tail = rest.slice(h[0].length).replace(/^\[:\]/, ':').replace(BRACKET_DOT, '.').replace(/&amp;/g, '&');
  return { value: `${scheme}${host}${tail}`, host, rawHost: h[0] };
}

/** A template, not an address: "briefl.ink/{a-z0-9}[5]", "/<PC_Name>/post.php". */
const PLACEHOLDER = /[{}<>]|\[\d+\]/;

const isIp = (host: string) => /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');

/**
 * Every indicator in `text`, one entry per (type, value) with all its mentions.
 *
 * @example
 * findIndicators('C2 at hxxp://update-check[.]net/gate.php and 45.77.10[.]3')
 * // -> url http://update-check.net/gate.php (defanged), ipv4 45.77.10.3 (defanged)
 */
export function findIndicators(text: string, options: IndicatorOptions = {}): Indicator[] {
  const ownSites = new Set<string>();
  for (const u of options.ownUrls ?? []) {
    if (!u) continue;
    try {
      ownSites.add(siteOf(new URL(u).hostname.toLowerCase().replace(/^www\./, '')));
    } catch {
      // not a URL: nothing to exclude
    }
  }
  const ctx: HostContext = { ownSites };
  const hits: Hit[] = [];
  let claimed: Uint8Array | null = null;
  const isClaimed = (s: number, e: number) => {
    if (!claimed) return false;
    for (let i = s; i < e; i++) if (claimed[i]) return true;
    return false;
  };
  const accept = (h: Hit) => {
    claim(h.start, h.end);
    hits.push(h);
  };
  const windows = candidateWindows(text);
  const scan = (re: RegExp, fn: (raw: string, start: number) => void) => {
    for (const w of windows) {
      for (const m of text.slice(w.start, w.end).matchAll(re)) {
        const start = w.start + m.index;
        if (!isClaimed(start, start + m[0].length)) fn(m[0], start);
      }
    }
  };
  const claim = (start: number, end: number) => {
    claimed ??= new Uint8Array(text.length);
    claimed.fill(1, start, end);
  };
  // A URL that fails a check still claims its text: the host or file inside it is no indicator either.
  const hostHit = (type: IndicatorType, raw: string, start: number, value: string, host: string, rawHost: string, scheme = '') => {
    const defanged = raw.toLowerCase().replace(/&amp;/g, '&') !== value.toLowerCase(); // an escaped '&' is no defanging
    const reason = PLACEHOLDER.test(value) || (isIp(host) ? checkIpv4(text, start, start + raw.length, host) : checkHost(host, rawHost, defanged, ctx, false));
    if (!reason) accept({ type, value: scheme + value, defanged, start, end: start + raw.length });
    else claim(start, start + raw.length);
  };

  scan(REGISTRY_RE, (raw, start) => {
    const key = trimTail(raw);
    const hive = /^[^\\:]+/.exec(key)![0];
    const value = (HIVES[hive] ?? hive) + key.slice(hive.length).replace(/^:/, '').replace(/\\\\/g, '\\');
    if (value.split('\\').length >= 2) accept({ type: 'registry-key', value, defanged: false, start, end: start + key.length });
  });
  scan(URL_RE, (raw, start) => {
    const u = parseUrl(trimTail(raw), true);
    if (u) hostHit('url', trimTail(raw), start, u.value, u.host, u.rawHost);
  });
  scan(EMAIL_RE, (raw, start) => {
    const at = /@|\s?[[({](?:@|at)[\])}]\s?/i.exec(raw)!;
    const host = refangHost(raw.slice(at.index + at[0].length));
    const value = `${raw.slice(0, at.index).toLowerCase()}@${host}`;
    const defanged = at[0] !== '@' || raw.slice(at.index + 1).toLowerCase() !== host;
    if (!checkHost(host, raw.slice(at.index + at[0].length), defanged, ctx, false)) accept({ type: 'email', value, defanged, start, end: start + raw.length });
  });
  scan(BARE_URL_RE, (raw, start) => {
    const trimmed = trimTail(raw);
    const u = parseUrl(trimmed, false);
    // "10.0.0.0/8" is a network range; a host alone (the path trimmed away) is left to the host scan.
    if (!u || u.value === u.host || (isIp(u.host) && /^\/\d{1,2}$/.test(u.value.slice(u.host.length)))) return;
    // A URL is absolute in the record (STIX url:value, MISP url): written without a scheme it gets http://.
    hostHit('url', trimmed, start, u.value, u.host, u.rawHost, 'http://');
  });
  scan(IPV4_RE, (raw, start) => {
    const ip = refangHost(raw);
    if (!checkIpv4(text, start, start + raw.length, ip)) accept({ type: 'ipv4', value: ip, defanged: ip !== raw, start, end: start + raw.length });
  });
  scan(IPV6_RE, (raw, start) => {
    const ip = raw.toLowerCase();
    if (!checkIpv6(text, start, start + raw.length, ip)) accept({ type: 'ipv6', value: ip, defanged: false, start, end: start + raw.length });
  });
  scan(HOST_RE, (raw, start) => {
    const host = refangHost(raw);
    const defanged = host !== raw.toLowerCase();
    if (!checkHost(host, raw, defanged, ctx)) accept({ type: 'domain', value: host, defanged, start, end: start + raw.length });
  });
  scan(HEX_RE, (raw, start) => {
    if (!checkHash(raw)) accept({ type: HASH_TYPES[raw.length]!, value: raw.toLowerCase(), defanged: false, start, end: start + raw.length });
  });
  scan(BITCOIN_RE, (raw, start) => {
    if (isBitcoinAddress(raw)) accept({ type: 'bitcoin-address', value: raw.startsWith('bc1') ? raw.toLowerCase() : raw, defanged: false, start, end: start + raw.length });
  });
  scan(FILENAME_RE, (raw, start) => {
    if (!checkFilename(raw)) accept({ type: 'filename', value: raw, defanged: false, start, end: start + raw.length });
  });

  const byKey = new Map<string, Indicator>();
  for (const h of hits.sort((a, b) => a.start - b.start)) {
    const key = `${h.type}\u0000${h.value}`;
    const mention: Mention = { text: text.slice(h.start, h.end), start: h.start, end: h.end };
    const found = byKey.get(key);
    if (found) {
      found.mentions.push(mention);
      found.defanged ||= h.defanged;
    } else byKey.set(key, { type: h.type, value: h.value, defanged: h.defanged, mentions: [mention] });
  }
  return [...byKey.values()];
}
