/**
 * STIX 2.1 patterns for our indicator types: one comparison on the cyber-observable property
 * that holds the value (spec section 9). Bitcoin addresses have no standard observable in
 * STIX 2.1; `cryptocurrency-wallet` is the custom type OpenCTI reads.
 */
import type { Indicator, IndicatorType } from '../record/schema.js';

/** Object path per indicator type: `object-type:property`. */
export const PATTERN_PATHS: Record<IndicatorType, string> = {
  ipv4: 'ipv4-addr:value',
  ipv6: 'ipv6-addr:value',
  domain: 'domain-name:value',
  url: 'url:value',
  email: 'email-addr:value',
  md5: 'file:hashes.MD5',
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
  sha512: "file:hashes.'SHA-512'",
  filename: 'file:name',
  'registry-key': 'windows-registry-key:key',
  'bitcoin-address': 'cryptocurrency-wallet:value',
};

/** A STIX string literal: single quotes, with `\` and `'` escaped (spec 9.4). */
export function stixString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A URL as articles often write it, without its scheme: `evil.example/gate.php`. */
const NO_SCHEME = /^(?![a-z][a-z0-9+.-]*:\/\/)[^\s/]+\.[^\s/]+(?::\d+)?(?:[/?#]|$)/i;

/**
 * `[path = 'value']`. A URL written without its scheme is matched as http or https (STIX's
 * url:value is a full URL, and guessing one scheme would miss the other).
 */
export function stixPattern(indicator: Pick<Indicator, 'type' | 'value'>): string {
  const path = PATTERN_PATHS[indicator.type];
  if (indicator.type === 'url' && NO_SCHEME.test(indicator.value)) {
    return `[${path} = ${stixString(`http://${indicator.value}`)} OR ${path} = ${stixString(`https://${indicator.value}`)}]`;
  }
  return `[${path} = ${stixString(indicator.value)}]`;
}
