/** Records in the formats threat-intel tools import: STIX 2.1 bundles, MISP events, plain text. */
export { toStix, createStixBundler, recordObjects, articleTimes, NEWSINT_IDENTITY, type StixBundler } from './stix.js';
export type { StixBundle, StixObject, ExternalReference } from './stix-types.js';
export { toMisp, NEWSINT_ORG, type MispEvent, type MispAttribute, type MispTag } from './misp.js';
export { MISP_INDICATOR_KINDS, MISP_SECTORS } from './misp-types.js';
export { STIX_SECTORS } from './sectors.js';
export { stixPattern, PATTERN_PATHS } from './patterns.js';
export { stixId, uuidv5, STIX_NAMESPACE } from './ids.js';
export { toText } from './text.js';
