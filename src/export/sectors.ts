/**
 * CISA's 16 critical-infrastructure sectors (our `sectors[].name`) in STIX 2.1's
 * industry-sector-ov vocabulary (spec section 10.12). Several STIX values where one CISA
 * sector spans two of them (Communications is telecoms and broadcasting).
 *
 * The OASIS JSON Schemas' copy of the vocabulary writes four values without their prefix
 * (`dams`, `nuclear`, `water`, `emergency-services`); we follow the specification
 * (`infrastructure-dams`, ...), which the schemas say takes precedence.
 */
import type { SectorId } from '../record/schema.js';

export const STIX_SECTORS: Record<SectorId, readonly string[]> = {
  chemical: ['chemical'],
  'commercial-facilities': ['commercial'],
  communications: ['communications', 'telecommunications'],
  'critical-manufacturing': ['manufacturing'],
  dams: ['infrastructure-dams'],
  'defense-industrial-base': ['defense'],
  'emergency-services': ['government-emergency-services'],
  energy: ['energy'],
  'financial-services': ['financial-services'],
  'food-and-agriculture': ['agriculture'],
  'government-services-and-facilities': ['government'],
  'healthcare-and-public-health': ['healthcare'],
  'information-technology': ['technology'],
  'nuclear-reactors-materials-and-waste': ['infrastructure-nuclear'],
  'transportation-systems': ['transportation'],
  'water-and-wastewater': ['infrastructure-water'],
};

/** Government agencies are organizations of this sector. */
export const AGENCY_SECTORS: readonly string[] = ['government'];
