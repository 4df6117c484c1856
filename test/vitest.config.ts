import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // The run starts (and stops) its own redis-server and Redis Cluster; see the file.
    globalSetup: ['test/global-setup.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start servers and worker processes; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
