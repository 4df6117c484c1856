/**
 * Deterministic STIX ids: UUIDv5 in the STIX 2.1 namespace over the canonical JSON (RFC 8785)
 * of an object's identifying properties. The recipes are OpenCTI's (pycti `generate_id`), so
 * the same actor from 1,000 articles, or from newsint and another OpenCTI feed, is one object.
 */
import { createHash } from 'node:crypto';

/** The namespace STIX 2.1 (section 2.9) names for deterministic ids; OpenCTI uses it too. */
export const STIX_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidv5(name: string, namespace: string = STIX_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Canonical = string | number | boolean | null | Canonical[] | { [key: string]: Canonical };

/** RFC 8785 (JCS) for the plain values ids are made of: keys sorted by UTF-16 code units. */
export function canonicalJson(value: Canonical): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `type--uuidv5(canonical(props))`. */
export function stixId(type: string, props: Record<string, Canonical>): string {
  return `${type}--${uuidv5(canonicalJson(props))}`;
}

/** Names compare as OpenCTI compares them: trimmed and lower-cased. */
export const normName = (name: string): string => name.trim().toLowerCase();
