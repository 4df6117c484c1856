/** The STIX 2.1 shapes newsint writes (only the properties it sets). */

export interface ExternalReference {
  source_name: string;
  external_id?: string;
  url?: string;
  description?: string;
}

/** Common properties of every SDO and SRO newsint writes. */
export interface StixObject {
  type: string;
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  created_by_ref?: string;
  [property: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  /** Absent only when there was nothing to export (STIX forbids an empty list). */
  objects?: StixObject[];
}

/** When the objects of one article were made: see `articleTimes` in stix.ts. */
export interface Stamp {
  created: string;
  modified: string;
}
