/**
 * A redis-server of the test's own on a free loopback port, which the test can stop and
 * start again (an outage) without touching any other Redis.
 */
import type { ChildProcess } from 'node:child_process';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

/** Written before the suite had its own Redis helper; now one implementation serves both. */
export type PrivateRedis = TestRedis;

export function startPrivateRedis(): Promise<PrivateRedis> {
  return startRedis();
}

/** SIGTERM, and SIGKILL if the process has not exited after `graceMs` (a failed test must not leave workers behind). */
export async function stopOrKill(w: { proc: ChildProcess; exited: Promise<number | null> }, graceMs = 15_000): Promise<number | null> {
  if (w.proc.exitCode !== null || w.proc.signalCode !== null) return w.proc.exitCode;
  w.proc.kill('SIGTERM');
  const timer = setTimeout(() => w.proc.kill('SIGKILL'), graceMs);
  try {
    return await w.exited;
  } finally {
    clearTimeout(timer);
  }
}
