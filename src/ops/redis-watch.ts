/**
 * One log line when Redis goes away and one when it is back, however many reconnect
 * attempts and connection errors happen in between (ioredis and BullMQ report each one).
 */
import type { Logger } from 'pino';

/** Errors that mean "Redis is unreachable", not "this job or command is wrong". */
const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTCONN|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|Connection is closed|connect ETIMEDOUT|Stream isn't writeable|Socket closed|getaddrinfo/i;

/** BullMQ's complaints about a job whose lock this worker no longer holds (it lapsed, or another worker took the job). */
const LOCK_LOST = /could not renew lock for job|Missing lock for job|Lock mismatch for job/i;

export function isLockLost(err: unknown): boolean {
  return LOCK_LOST.test(String((err as { message?: unknown } | null)?.message ?? err));
}

export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return CONNECTION_ERROR.test(`${String(e?.code ?? '')} ${String(e?.message ?? err)}`);
}

interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface RedisWatch {
  /** True while Redis is unreachable. */
  readonly down: boolean;
  /** When Redis last came back after an outage (epoch ms; 0 = never). */
  readonly lastBackAt: number;
  /** Feed any error seen elsewhere (a worker's 'error' event): true when it was a connection error, handled here. */
  noteError(err: unknown): boolean;
  /** Stop reporting (the process is closing its connections on purpose). */
  stop(): void;
}

/** Watch `connection` (the process's main Redis connection) and log outages on `log`. */
export function watchRedis(connection: Emitter, log: Logger, url: string): RedisWatch {
  let downSince: number | null = null;
  let lastBackAt = 0;
  let stopped = false;
  const goDown = (reason: string) => {
    if (downSince !== null || stopped) return;
    downSince = Date.now();
    log.warn({ redis: url, reason }, `Redis unreachable at ${url}; workers wait and reconnect`);
  };
  connection.on('error', (err) => {
    if (isConnectionError(err)) goDown(String((err as Error)?.message ?? err));
  });
  connection.on('close', () => goDown('connection closed'));
  connection.on('ready', () => {
    if (downSince === null) return;
    const outageMs = Date.now() - downSince;
    downSince = null;
    lastBackAt = Date.now();
    log.info({ redis: url, outageMs }, `Redis back at ${url} after ${(outageMs / 1000).toFixed(1)} s`);
  });
  return {
    get down() {
      return downSince !== null;
    },
    get lastBackAt() {
      return lastBackAt;
    },
    noteError(err) {
      if (!isConnectionError(err)) return false;
      goDown(String((err as Error)?.message ?? err));
      return true;
    },
    stop() {
      stopped = true;
    },
  };
}
