/**
 * The test run owns its Redis: a private redis-server and a three-node Redis Cluster on free
 * loopback ports, started before any test file and stopped after the last. Their URLs reach
 * test files and every process they spawn through the environment (REDIS_URL is overwritten,
 * so a REDIS_URL of the caller's is never used). Every process the run starts inherits a run
 * marker; at the end no process carrying it may remain (a leaked worker fails the run).
 */
import { randomBytes } from 'node:crypto';
import { startRedis, type TestRedis } from './helpers/redis-server.js';
import { startCluster, type TestCluster } from './helpers/redis-cluster.js';
import { RUN_MARKER_ENV, leakedProcesses } from './helpers/processes.js';

let redis: TestRedis | undefined;
let cluster: TestCluster | undefined;

export async function setup(): Promise<void> {
  process.env[RUN_MARKER_ENV] = randomBytes(6).toString('hex');
  redis = await startRedis();
  cluster = await startCluster();
  process.env.REDIS_URL = redis.url;
  process.env.NEWSINT_TEST_REDIS_URL = redis.url;
  process.env.NEWSINT_TEST_REDIS_CLUSTER = cluster.url;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  await redis?.stop();
  const leaked = leakedProcesses(process.env[RUN_MARKER_ENV]!);
  for (const p of leaked) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (leaked.length > 0) {
    process.exitCode = 1; // vitest reports an error thrown here but would still exit 0
    throw new Error(`the test run left ${leaked.length} process(es) running (killed now):\n${leaked.map((p) => `  ${p.pid} ${p.cmdline}`).join('\n')}`);
  }
}
