/**
 * The regular expressions that find indicator candidates, plain or defanged. They only propose:
 * every candidate is refanged and checked (./checks.ts) before it becomes an indicator.
 *
 * Defanging styles accepted for a dot: `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `{dot}`, a half
 * bracket (`evil[.com`, `evil.]com`), and a dot with a space on BOTH sides (`evil . com`). A dot
 * with a space on one side only ("downloaded. net effect") is a sentence break far more often
 * than a defanged name, so it is not read as one.
 */

/** One separator between the labels of a host name or the octets of an address. */
export const DOT = String.raw`(?:\[\s?(?:\.|dot)\s?\]|\(\s?(?:\.|dot)\s?\)|\{\s?(?:\.|dot)\s?\}|\[\.|\.\s?\]| \. |\.)`;
const DOT_RE = new RegExp(DOT, 'gi');

const LABEL = String.raw`[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?`;
/** A top-level label: letters only (punycode allowed), so "3.5" or "v1.2" never end a host. */
const TLD = String.raw`(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})`;
export const HOST = String.raw`(?:${LABEL}${DOT})+${TLD}`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
export const IPV4 = String.raw`${OCTET}(?:${DOT}${OCTET}){3}`;

/** What may not touch either end of a host, address or hash (it would be part of a longer token). */
const NOT_BEFORE = String.raw`(?<![\w@\-\/\\.])`;
const NOT_AFTER_HOST = String.raw`(?![\w-]|${DOT}[a-z0-9])`;

/** URL schemes, plain and defanged: hxxp, hXXps, hxp, h**p, fxp, meow... the common ones. */
const SCHEME = String.raw`(?:https?|hxxps?|hxps?|h\*\*ps?|h\[tt\]ps?|h__ps?|ftp|sftp|fxp|ftps)`;
const SCHEME_SEP = String.raw`(?:\[:\]\/\/|\[:\/\/\]|:\/\/|\[\:\/\/\]|:\/\/ ?|\[:\]\/\/)`;
/** URL characters after the host; trailing punctuation is trimmed afterwards. */
const URL_TAIL = String.raw`(?:(?::|\[:\])\d{1,5})?(?:[/?#][^\s"'<>\u201c\u201d\u2018\u2019|]*)?`;

export const URL_RE = new RegExp(String.raw`(?<![\w])${SCHEME}${SCHEME_SEP}(?:${IPV4}|${HOST}|\[[0-9a-f:]+\])${URL_TAIL}`, 'gi');
/**
 * A host (or address) with a path but no scheme: `evil.com/gate.php`, `1.2.3.4:8080/x`. A host with
 * a port and no path stays a host or an address (the port is no part of the indicator).
 */
export const BARE_URL_RE = new RegExp(
  String.raw`${NOT_BEFORE}(?:${IPV4}|${HOST})(?:(?::|\[:\])\d{1,5})?\/[^\s"'<>\u201c\u201d|]+`,
  'gi',
);
const AT = String.raw`(?:@|\[@\]|\(@\)|\{@\}|\[at\]|\(at\)|\{at\}| \[at\] | \(at\) )`;
export const EMAIL_RE = new RegExp(String.raw`(?<![\w.+-])[a-z0-9][a-z0-9._%+-]{0,63}${AT}${HOST}${NOT_AFTER_HOST}`, 'gi');
export const HOST_RE = new RegExp(String.raw`${NOT_BEFORE}${HOST}${NOT_AFTER_HOST}`, 'gi');
export const IPV4_RE = new RegExp(String.raw`${NOT_BEFORE}${IPV4}(?![\w-]|${DOT}\d)`, 'gi');
/** IPv6 candidates: hex groups with at least two colons; node:net decides. */
export const IPV6_RE = /(?<![\w:.])(?:[0-9a-f]{1,4}:){2,7}(?::|(?::[0-9a-f]{1,4}){1,6}|[0-9a-f]{1,4})(?![\w:])|(?<![\w:])::(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}(?![\w:])/gi;
/**
 * Hex runs whose ends touch no other letter or digit, nor a dotted hex run (a DNS-tunnel label):
 * a hash inside a longer string is none. A file named by its hash (`<md5>.exe`) still counts.
 */
export const HEX_RE = /(?<![0-9a-z_]|[0-9a-f]{4}\.)(?:[0-9a-f]{128}|[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-z_]|\.[0-9a-f]{4})/gi;
/** Registry keys by hive, long or short; a segment may hold single spaces ("Windows NT"). */
export const REGISTRY_RE =
  /(?<![\w\\])(?:HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG)|HKLM|HKCU|HKCR|HKU|HKCC):?(?:\\{1,2}(?:[^\\\s"'<>,;|]+(?: [^\\\s"'<>,;|]+)+(?=\\)|[^\\\s"'<>,;|]+))+/g;
/** Bitcoin: legacy base58 (1..., 3...) and bech32 (bc1...); checksums decide. */
export const BITCOIN_RE = /(?<![\w])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71})(?![\w])/g;
/** Extensions of the files attackers drop, send or stage (a file name indicator needs one). */
export const FILE_EXTENSIONS =
  'exe|dll|sys|scr|cpl|ocx|drv|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|hta|lnk|msi|msp|jar|apk|dmg|pkg|elf|so|bin|dat|tmp|iso|img|vhd|vhdx|zip|rar|7z|gz|tgz|cab|doc|docx|docm|dot|dotm|xls|xlsx|xlsm|xlam|ppt|pptx|pptm|rtf|pdf|one|chm|py|sh|pl|php|asp|aspx|jsp|pm';
/** A file's base name (a path before it is allowed; the name alone is the indicator). */
export const FILENAME_RE = new RegExp(
  String.raw`(?<![\w.\-@%$])[\w$~{}\-]+(?:\.[\w\-]+)*\.(?:${FILE_EXTENSIONS})(?![\w\-]|\.[a-z0-9])`,
  'gi',
);

/** Refang one host or address: separators back to dots, lower case. */
export function refangHost(raw: string): string {
  return raw.replace(DOT_RE, '.').toLowerCase();
}
