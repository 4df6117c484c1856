/**
 * What a MISP event newsint writes must look like: MISP's own attribute types, each in a
 * category MISP allows for it (describeTypes), unique uuids, galaxy and TLP tags.
 */
import { expect } from 'vitest';
import type { MispEvent } from '../../src/export/index.js';

/** MISP describeTypes: the categories each attribute type newsint writes may be filed under. */
export const MISP_CATEGORIES: Record<string, string[]> = {
  'ip-dst': ['Network activity', 'Payload delivery', 'External analysis'],
  domain: ['Network activity', 'Payload delivery', 'Payload installation', 'External analysis'],
  url: ['Network activity', 'Payload delivery', 'Payload installation', 'External analysis'],
  'email-src': ['Payload delivery', 'Network activity', 'Social network'],
  md5: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  sha1: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  sha256: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  sha512: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  filename: ['Payload delivery', 'Artifacts dropped', 'Payload installation', 'Persistence mechanism', 'External analysis'],
  regkey: ['Persistence mechanism', 'Artifacts dropped', 'Payload installation', 'External analysis'],
  btc: ['Financial fraud'],
  vulnerability: ['External analysis', 'Payload delivery', 'Payload installation', 'Artifacts dropped'],
  link: ['External analysis', 'Internal reference', 'Support Tool', 'Antivirus detection'],
};
/** What an analyst files each of our indicator types as. */
export const EXPECTED_TYPE: Record<string, string> = {
  ipv4: 'ip-dst', ipv6: 'ip-dst', domain: 'domain', url: 'url', email: 'email-src', md5: 'md5', sha1: 'sha1', sha256: 'sha256',
  sha512: 'sha512', filename: 'filename', 'registry-key': 'regkey', 'bitcoin-address': 'btc',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function checkEventShape(event: MispEvent): void {
  const e = event.Event;
  expect(e.uuid).toMatch(UUID);
  expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(e.timestamp).toMatch(/^\d+$/);
  expect(e.info.length).toBeGreaterThan(0);
  for (const a of e.Attribute) {
    expect(a.uuid).toMatch(UUID);
    expect(MISP_CATEGORIES[a.type], `unknown MISP type ${a.type}`).toBeDefined();
    expect(MISP_CATEGORIES[a.type]).toContain(a.category);
  }
  expect(new Set(e.Attribute.map((a) => a.uuid)).size).toBe(e.Attribute.length);
  for (const t of e.Tag) expect(t.name).toMatch(/^(tlp:[a-z]+|misp-galaxy:[a-z-]+="[^"]+")$/);
}

