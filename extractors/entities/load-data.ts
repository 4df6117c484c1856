/** Reads a JSON data file from `extractors/data/` (sources and dist/ alike: see src/package.ts). */
export { readDataFile } from '../../src/package.js';
