/**
 * The test files that exercise extractors/entities and src/fetch/guard.ts, for `npm run mutation`
 * (Stryker): the rest of the suite reaches neither and would only slow every mutant down.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/entities/**/*.test.ts', 'test/golden.test.ts', 'test/fetch/guard.test.ts', 'test/fetch/guard-connect.test.ts'],
    exclude: ['dist/**', 'node_modules/**', '.stryker-tmp/**'],
    testTimeout: 30_000,
    maxWorkers: 1,
    // One worker runs all the files of a mutant run in turn and imports the extractor (and builds
    // its gazetteer matcher) once, not once per file (the 27 files: 22 s instead of 114 s). Vitest
    // stops that worker when the run ends, so no state crosses from one mutant run to the next.
    isolate: false,
  },
});
