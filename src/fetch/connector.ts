/**
 * The undici connector that enforces the SSRF guard at connect time: host names are
 * resolved once, every answer is checked, and the socket only ever dials a checked address.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { buildConnector } from 'undici';
import { blockedReason, isLocalhostName, type AddressClass, type AllowList } from './guard.js';

/**
 * Raised inside the connector, where the URL is unknown; the fetcher turns it into a
 * BLOCKED_ADDRESS NewsintError that names the URL.
 */
export class BlockedConnectError extends Error {
  constructor(
    readonly ip: string,
    readonly addressClass: AddressClass,
    readonly host: string,
  ) {
    super(`refusing to connect to ${ip} (${addressClass} address)`);
  }
}

/** Resolves a host name to every address it has; `dns.lookup` by default, swappable in tests. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

const LOCALHOST_ADDRESSES: LookupAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

export interface GuardedConnectorOptions {
  allow: AllowList;
  connectTimeoutMs: number;
  resolve?: Resolver;
  /** Extra PEM roots; Node's bundled roots stay trusted (a bare `ca` would replace them). */
  ca?: string | Buffer | Array<string | Buffer>;
}

/**
 * A `lookup` for net/tls.connect. If ANY answer is blocked the host is refused: a name
 * that mixes public and private answers is the classic rebinding set-up.
 */
export function guardedLookup(allow: AllowList, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const answers = isLocalhostName(hostname) ? Promise.resolve(LOCALHOST_ADDRESSES) : resolve(hostname);
    answers.then(
      (all) => {
        const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        for (const a of all) {
          const cls = blockedReason(a.address, allow);
          if (cls) return callback(new BlockedConnectError(a.address, cls, hostname), '', 0);
        }
        const first = wanted[0];
        if (!first) {
          const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
          return callback(err, '', 0);
        }
        // net.connect asks for `all` when it races IPv4 and IPv6 (autoSelectFamily).
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, wanted);
        return callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
}

/**
 * undici `connect` option: literal IPs (which net.connect never passes to `lookup`) are
 * checked before dialing, names through `guardedLookup`, and the connected peer once more
 * so no path reaches a blocked address unnoticed.
 */
export function guardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  const { allow } = options;
  const extraCa = options.ca === undefined ? [] : Array.isArray(options.ca) ? options.ca : [options.ca];
  const base = buildConnector({
    timeout: options.connectTimeoutMs,
    lookup: guardedLookup(allow, options.resolve),
    ...(extraCa.length > 0 ? { ca: [...rootCertificates, ...extraCa] } : {}),
  });
  return (opts, callback) => {
    const host = opts.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const cls = blockedReason(host, allow);
      if (cls) return callback(new BlockedConnectError(host, cls, host), null);
    }
    base(opts, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('connect failed'), null);
      const peer = socket.remoteAddress;
      const cls = peer ? blockedReason(peer, allow) : null;
      if (peer && cls) {
        socket.destroy();
        return callback(new BlockedConnectError(peer, cls, host), null);
      }
      return callback(null, socket);
    });
  };
}
