/**
 * The false-positive guards for indicator candidates: documentation and private ranges, version
 * numbers read as addresses, file names read as domains, product names read as files, and the
 * publisher's own domains. Each returns a reason (for tests and the eval) or null when it passes.
 *
 * Policy (DESIGN.md "indicators"):
 * - Documentation space (RFC 5737 192.0.2/24, 198.51.100/24, 203.0.113/24; RFC 3849 2001:db8::/32;
 *   RFC 2606/6761 example.com|net|org, .test, .example, .invalid, .localhost) is never an indicator:
 *   articles use it for made-up examples.
 * - Private, loopback, link-local, shared (CGNAT), multicast and reserved addresses are kept only
 *   when the line that holds them calls them indicators (C2, IOC, malicious, beacon, exfiltration):
 *   otherwise they are lab addresses, defaults or network ranges, useless to block.
 */
import { isIPv6 } from 'node:net';
import { parse } from 'tldts';

const DOC_HOST = /(?:^|\.)(?:example\.(?:com|net|org|edu)|[^.]+\.(?:test|example|invalid|localhost|local))$|^(?:localhost|example)$/;
const INDICATOR_CUE = /\b(?:C2|C&C|CnC|command[- ](?:and|&)[- ]control|IOCs?|indicators?|malicious|beacon\w*|call(?:s|ed)? (?:back|out)|callbacks?|exfiltrat\w*|attacker|implant|backdoor|payload)\b/i;
/** Words that make the dotted number after them a version, a build or a section, not an address. */
const VERSION_BEFORE = /\b(?:v|ver|version|versions|build|builds|release|releases|firmware|update|patch|edition|section|sections|step|chapter|rule|clause|item|OS|prior to|before)\.?\s*$/i;
const VERSION_AFTER = /^\s*(?:and|or|through|to)\s+(?:later|earlier|newer|older|above|below|prior|v?\d)/i;

/**
 * Extensions (and PE section names) that are also top-level domains: `update.zip`, `krab5.data`
 * are files unless the article defangs them or puts them in a URL.
 */
const FILE_TLDS = new Set(['data', 'dot', 'zip', 'mov', 'py', 'sh', 'pl', 'rs', 'md', 'so', 'pm', 'ps', 'cc', 'do', 'bat', 'cab', 'exe', 'dll', 'bin', 'one', 'app', 'img', 'msi', 'cmd', 'tmp', 'dat']);
/** Suffixes outside ICANN's root that malware does use: Tor services, Namecoin. */
const NON_ICANN_TLDS = new Set(['onion', 'bit']);
/** Framework names that are registered domains too; written lower case they still name the product. */
const PRODUCT_NAMES = new Set(['asp.net', 'vb.net', 'ado.net']);
/** Operating-system programs that reports name as tools of the trade, not as indicators. */
const SYSTEM_FILES = new Set(
  [
    'cmd.exe', 'powershell.exe', 'pwsh.exe', 'rundll32.exe', 'regsvr32.exe', 'mshta.exe', 'wscript.exe', 'cscript.exe',
    'explorer.exe', 'svchost.exe', 'lsass.exe', 'services.exe', 'winlogon.exe', 'csrss.exe', 'conhost.exe',
    'taskmgr.exe', 'schtasks.exe', 'reg.exe', 'net.exe', 'net1.exe', 'wmic.exe', 'certutil.exe', 'bitsadmin.exe',
    'msiexec.exe', 'notepad.exe', 'iexplore.exe', 'ntdll.dll', 'kernel32.dll', 'user32.dll', 'advapi32.dll',
    'ntoskrnl.exe', 'dllhost.exe', 'vssadmin.exe', 'whoami.exe', 'nltest.exe', 'ping.exe', 'ipconfig.exe',
  ],
);

/** The sentence (or table row) holding [start, end): where a cue for a private address must stand. */
function lineAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 200), start);
  const cut = Math.max(before.lastIndexOf('\n'), before.search(/[.!?]\s(?!.*[.!?]\s)/));
  const after = text.slice(end, end + 200);
  const stop = after.search(/[.!?](?:\s|$)|\n/);
  return before.slice(cut + 1) + text.slice(start, end) + (stop < 0 ? after : after.slice(0, stop));
}

type Range = 'documentation' | 'private' | 'public';

export function ipv4Range(ip: string): Range {
  const [a, b, c] = ip.split('.').map(Number) as [number, number, number, number];
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'documentation';
  if (
    a === 0 || a === 10 || a === 127 || a >= 224 ||
    (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19)) || (a === 192 && b === 0 && c === 0)
  ) return 'private';
  return 'public';
}

export function ipv6Range(ip: string): Range {
  const first = ip.split(':')[0]!.toLowerCase();
  if (/^2001:0?db8(?::|$)/i.test(ip)) return 'documentation';
  if (ip === '::1' || ip === '::' || /^f[cd]/.test(first) || /^fe[89ab]/.test(first) || /^ff/.test(first) || first === '') return 'private';
  return 'public';
}

export function checkIpv4(text: string, start: number, end: number, ip: string): string | null {
  const range = ipv4Range(ip);
  if (range === 'documentation') return 'documentation range';
  // "Flash Player 21.0.0.197", "quasar 1.2.0.0": two zero parts make a version, not a public address.
  if (range === 'public' && ip.split('.').filter((o) => o === '0').length >= 2) return 'version number';
  if (VERSION_BEFORE.test(text.slice(Math.max(0, start - 30), start)) || VERSION_AFTER.test(text.slice(end, end + 30))) return 'version number';
  // A CIDR block is a range of addresses, not one address to block.
  if (/^\/\d{1,2}(?!\d)/.test(text.slice(end, end + 4))) return 'network range';
  if (range === 'private' && !INDICATOR_CUE.test(lineAround(text, start, end))) return 'private range';
  return null;
}

export function checkIpv6(text: string, start: number, end: number, ip: string): string | null {
  if (!isIPv6(ip) || !/[0-9]/.test(ip) || ip.split(':').filter(Boolean).length < 2) return 'not an address';
  const range = ipv6Range(ip);
  if (range === 'documentation') return 'documentation range';
  if (range === 'private' && !INDICATOR_CUE.test(lineAround(text, start, end))) return 'private range';
  return null;
}

/** Registrable domain of a host ("news.vendor.co.uk" -> "vendor.co.uk"), or the host itself. */
export function siteOf(host: string): string {
  return parse(host).domain ?? host;
}

export interface HostContext {
  /** Registrable domains of the article and its publisher: never indicators. */
  ownSites: ReadonlySet<string>;
}

/**
 * A refanged host name: a real public suffix, no documentation name, not the publisher.
 * `raw` is the text as written (for the case checks), `defanged` whether it carried marks.
 */
export function checkHost(host: string, raw: string, defanged: boolean, ctx: HostContext, standalone = true): string | null {
  if (host.length > 253) return 'too long';
  if (DOC_HOST.test(host)) return 'documentation name';
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!NON_ICANN_TLDS.has(tld)) {
    const parsed = parse(host, { allowPrivateDomains: false });
    if (!parsed.isIcann || !parsed.domain) return 'no public suffix';
  }
  if (ctx.ownSites.has(siteOf(host))) return 'publisher';
  // Inside a URL or an e-mail address the name is a host whatever its case or suffix.
  if (!defanged && standalone) {
    const rawTld = raw.slice(raw.lastIndexOf('.') + 1);
    // "ASP.NET", "Jan.In": a capitalized last label is a product name or a missing space.
    if (/^[A-Z]/.test(rawTld)) return 'capitalized suffix';
    // "update.zip", "Dokument 09.06.2017.zip": a name on a file extension is a file name.
    if (FILE_TLDS.has(tld)) return 'file name';
    if (PRODUCT_NAMES.has(host)) return 'product name';
    // "idXXXXX.top": a pattern with a placeholder, not a host.
    if (/X{3,}/.test(raw)) return 'placeholder';
  }
  return null;
}

export function checkFilename(name: string): string | null {
  const lower = name.toLowerCase();
  if (SYSTEM_FILES.has(lower)) return 'system file';
  // "Node.js", "Vue.js": framework names, not files.
  if (/^[A-Z][a-z]+\.js$/.test(name) || /^[A-Z][A-Za-z]*\.(?:NET|js)$/.test(name)) return 'product name';
  // "2020.exe" out of "16 October 2020.exe": a name of digits alone is the tail of a spaced name.
  if (/^[\d.]+$/.test(name.replace(/\.[a-z0-9]+$/i, ''))) return 'fragment';
  return null;
}

/** Hex of a hash length that looks like a digest: both digits and letters, not one repeated char. */
export function checkHash(hex: string): string | null {
  if (!/[0-9]/.test(hex) || !/[a-f]/i.test(hex)) return 'not mixed hex';
  if (/^(.)\1+$/.test(hex) || new Set(hex.toLowerCase()).size < 6) return 'low entropy';
  return null;
}
