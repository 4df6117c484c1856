/**
 * SSRF guard: classifies IP addresses (private, loopback, link-local, metadata, ...) and
 * refuses them unless an allow-list opens the range. Enforced on the resolved address at
 * connect time by `connector.ts`, so DNS rebinding and redirects cannot get around it.
 */
import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';
import { NewsintError } from '../errors.js';

export type AddressClass =
  | 'cloud metadata'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'multicast'
  | 'unspecified'
  | 'carrier-grade NAT'
  | 'reserved';

/** Cloud instance-metadata endpoints (AWS/GCP/Azure, AWS IPv6, Alibaba): the prize of most SSRF. */
const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'];

/** [network, prefix, class]; first match wins, so specific ranges come before wide ones. */
const BLOCKED_RANGES: ReadonlyArray<readonly [string, number, AddressClass]> = [
  ['0.0.0.0', 32, 'unspecified'],
  ['0.0.0.0', 8, 'reserved'], // "this network"
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // TEST-NET-1
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // TEST-NET-2
  ['203.0.113.0', 24, 'reserved'], // TEST-NET-3
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'reserved'], // deprecated IPv4-compatible (::a.b.c.d)
  ['64:ff9b:1::', 48, 'reserved'], // local-use NAT64
  ['100::', 64, 'reserved'], // discard-only
  ['2001::', 23, 'reserved'], // IETF protocol assignments (Teredo, ORCHID, ...)
  ['2001:db8::', 32, 'reserved'], // documentation
  ['3fff::', 20, 'reserved'], // documentation
  ['fc00::', 7, 'private'], // unique local
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'reserved'], // deprecated site-local
  ['ff00::', 8, 'multicast'],
];

const familyOf = (ip: string): 'ipv4' | 'ipv6' => (isIPv4(ip) ? 'ipv4' : 'ipv6');

/** One BlockList per range, in table order so the first match names the class. Pure data, no connection. */
const RANGE_LISTS: ReadonlyArray<readonly [AddressClass, BlockList]> = BLOCKED_RANGES.map(([net, prefix, cls]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, familyOf(net));
  return [cls, list] as const;
});

function ipv4FromHex(hi: string, lo: string): string {
  const a = parseInt(hi, 16);
  const b = parseInt(lo, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/**
 * The IPv4 address carried inside an IPv6 one, when the IPv6 form would reach it:
 * IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 */
export function embeddedIpv4(ip: string): string | null {
  if (!isIPv6(ip)) return null;
  const lower = ip.toLowerCase();
  const dotted = lower.match(/^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted?.[1]) return dotted[1];
  const mapped = lower.match(/^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (mapped?.[1] && mapped[2]) return ipv4FromHex(mapped[1], mapped[2]);
  const sixToFour = lower.match(/^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/);
  if (sixToFour?.[1] && sixToFour[2]) return ipv4FromHex(sixToFour[1], sixToFour[2]);
  return null;
}

/** Strip URL brackets and an IPv6 zone id ("fe80::1%eth0"). */
function bareIp(ip: string): string {
  return ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
}

/** Why an address must not be contacted, or null when it is a public unicast address. */
export function classifyAddress(ip: string): AddressClass | null {
  const addr = bareIp(ip);
  if (!isIP(addr)) throw new TypeError(`not an IP address: ${ip}`);
  const inner = embeddedIpv4(addr);
  if (inner) return classifyAddress(inner);
  if (METADATA_ADDRESSES.some((m) => sameAddress(m, addr))) return 'cloud metadata';
  const family = familyOf(addr);
  for (const [cls, list] of RANGE_LISTS) if (list.check(addr, family)) return cls;
  return null;
}

function sameAddress(a: string, b: string): boolean {
  if (familyOf(a) !== familyOf(b)) return false;
  const list = new BlockList();
  list.addAddress(a, familyOf(a));
  return list.check(b, familyOf(b));
}

/** A parsed allow-list: ranges opened despite the guard. */
export interface AllowList {
  readonly entries: readonly string[];
  readonly list: BlockList;
  /** Single addresses listed exactly (/32, /128 or bare): only these open a metadata endpoint. */
  readonly exact: readonly string[];
}

/**
 * Parse CIDRs or bare IPs ("127.0.0.1/32", "10.0.0.0/8", "::1"). A bad entry is a
 * configuration error, reported with the entry so the user can fix it.
 */
export function parseAllowNets(allowNets: readonly string[] = []): AllowList {
  const list = new BlockList();
  const exact: string[] = [];
  for (const raw of allowNets) {
    const entry = raw.trim();
    if (!entry) continue;
    const [net = '', prefixText] = entry.split('/');
    const addr = bareIp(net);
    const family = isIP(addr);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
      throw new NewsintError(
        'BAD_CONFIG',
        `allow-list entry "${raw}" is not an IP address or CIDR range (examples: 127.0.0.1/32, 10.0.0.0/8, fd00::/8)`,
        { kind: 'permanent' },
      );
    }
    list.addSubnet(addr, prefix, family === 4 ? 'ipv4' : 'ipv6');
    if (prefix === max) exact.push(addr);
  }
  return { entries: [...allowNets], list, exact };
}

function isAllowed(addr: string, allow: AllowList, cls: AddressClass): boolean {
  // A wide allowance such as 169.254.0.0/16 must not hand out cloud credentials by accident.
  if (cls === 'cloud metadata') return allow.exact.some((e) => sameAddress(e, addr));
  return allow.list.check(addr, familyOf(addr));
}

/** The reason an address is refused under this allow-list, or null when it may be contacted. */
export function blockedReason(ip: string, allow: AllowList): AddressClass | null {
  const addr = bareIp(ip);
  const cls = classifyAddress(addr);
  if (cls === null) return null;
  const inner = embeddedIpv4(addr);
  if (isAllowed(addr, allow, cls) || (inner !== null && isAllowed(inner, allow, cls))) return null;
  return cls;
}

/**
 * True when `ip` must not be contacted. `allowNets` are CIDRs or IPs opened despite the
 * guard, e.g. `isBlockedAddress('127.0.0.1', ['127.0.0.1/32']) === false`.
 */
export function isBlockedAddress(ip: string, allowNets: readonly string[] | AllowList = []): boolean {
  const allow = Array.isArray(allowNets) ? parseAllowNets(allowNets as readonly string[]) : (allowNets as AllowList);
  return blockedReason(ip, allow) !== null;
}

/** The error every refusal raises: names the address, its class, the URL and the way out. */
export function blockedAddressError(ip: string, cls: AddressClass, url: string | undefined, host?: string): NewsintError {
  const addr = bareIp(ip);
  const via = host && bareIp(host) !== addr ? ` (${host} resolves to it)` : '';
  const where = url ? ` for ${url}` : '';
  // "::ffff:7f00:2" means little to a reader: also show the IPv4 address it reaches.
  const inner = embeddedIpv4(addr);
  const what = inner && !addr.endsWith(inner) ? `${inner}, ${cls} address` : `${cls} address`;
  return new NewsintError(
    'BLOCKED_ADDRESS',
    `refusing to connect to ${addr} (${what})${via}${where}: add the range to NEWSINT_ALLOW_NETS (or --allow-net) to allow it`,
    { kind: 'permanent', url },
  );
}

/** Host names that always mean this machine (RFC 6761), whatever DNS says. */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
