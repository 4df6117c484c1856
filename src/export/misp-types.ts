/**
 * MISP's types and categories for what a record holds (MISP describeTypes: each type with the
 * category MISP files it under by default, and whether it feeds IDS exports).
 */
import type { IndicatorType, SectorId } from '../record/schema.js';

export interface MispAttributeKind {
  type: string;
  category: string;
  to_ids: boolean;
}

/** File names alone are weak detections (`invoice.exe`): kept, but not for IDS. */
export const MISP_INDICATOR_KINDS: Record<IndicatorType, MispAttributeKind> = {
  ipv4: { type: 'ip-dst', category: 'Network activity', to_ids: true },
  ipv6: { type: 'ip-dst', category: 'Network activity', to_ids: true },
  domain: { type: 'domain', category: 'Network activity', to_ids: true },
  url: { type: 'url', category: 'Network activity', to_ids: true },
  email: { type: 'email-src', category: 'Payload delivery', to_ids: true },
  md5: { type: 'md5', category: 'Payload delivery', to_ids: true },
  sha1: { type: 'sha1', category: 'Payload delivery', to_ids: true },
  sha256: { type: 'sha256', category: 'Payload delivery', to_ids: true },
  sha512: { type: 'sha512', category: 'Payload delivery', to_ids: true },
  filename: { type: 'filename', category: 'Payload delivery', to_ids: false },
  'registry-key': { type: 'regkey', category: 'Persistence mechanism', to_ids: true },
  'bitcoin-address': { type: 'btc', category: 'Financial fraud', to_ids: true },
};

export const MISP_CVE_KIND: MispAttributeKind = { type: 'vulnerability', category: 'External analysis', to_ids: false };
export const MISP_SOURCE_KIND: MispAttributeKind = { type: 'link', category: 'External analysis', to_ids: false };

/** CISA sectors as values of MISP's sector galaxy (misp-galaxy:sector). */
export const MISP_SECTORS: Record<SectorId, readonly string[]> = {
  chemical: ['Chemical'],
  'commercial-facilities': ['Retail'],
  communications: ['Telecoms'],
  'critical-manufacturing': ['Manufacturing'],
  dams: ['Infrastructure'],
  'defense-industrial-base': ['Defense'],
  'emergency-services': ['Police - Law enforcement'],
  energy: ['Energy'],
  'financial-services': ['Finance'],
  'food-and-agriculture': ['Agriculture', 'Food'],
  'government-services-and-facilities': ['Government, Administration'],
  'healthcare-and-public-health': ['Health'],
  'information-technology': ['IT'],
  'nuclear-reactors-materials-and-waste': ['Energy'],
  'transportation-systems': ['Transport'],
  'water-and-wastewater': ['Water'],
};
