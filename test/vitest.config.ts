import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // The run starts (and stops) its own redis-server and Redis Cluster; see the file.
    globalSetup: ['test/global-setup.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    // Tests wait on events, not clocks; these only bound a hang, on a 2-core machine that may be
    // shared with other heavy work (see PATIENCE_MS in test/pipeline/harness.ts).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Integration tests start servers and worker processes; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
