/**
 * A throw-away redis-server on a free loopback port, owned by the test that started it: its
 * own temp directory, optional AOF (so a test can stop it and restart it with its data, for
 * outage tests), and stop() that kills it and deletes the directory. Nothing here ever
 * connects to a Redis it did not start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMarker } from './processes.js';

export interface TestRedis {
  url: string;
  port: number;
  /** Whether the server is running now (false between stop() for an outage and start()). */
  readonly running: boolean;
  /** Stop the server (SHUTDOWN, so an AOF instance flushes what it has), keep its directory. */
  pause(): Promise<void>;
  /** Start it again on the same port and directory (an AOF instance comes back with its data). */
  resume(): Promise<void>;
  /** Kill the server and delete its directory. */
  stop(): Promise<void>;
}

export interface TestRedisOptions {
  /** appendonly yes, appendfsync always: every acknowledged write survives a restart. */
  aof?: boolean;
  port?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function redisCli(port: number, ...args: string[]): string {
  return spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
}

export function assertRedisInstalled(): void {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('redis-server is not installed: the tests start their own Redis (apt-get install -y redis-server)');
}

async function waitPing(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; ; i++) {
    if (redisCli(port, 'ping').trim() === 'PONG') return;
    if (proc.exitCode !== null) throw new Error(`redis-server on ${port} exited at start: ${log()}`);
    if (i > 200) throw new Error(`redis-server on ${port} did not answer within 10 s: ${log()}`);
    await sleep(50);
  }
}

export async function startRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  assertRedisInstalled();
  const dir = mkdtempSync(join(tmpdir(), `newsint-redis-${runMarker()}-`));
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--daemonize', 'no'];
  args.push(...(options.aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  let proc: ChildProcess | undefined;
  let log = '';

  const launch = async () => {
    log = '';
    const p = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    p.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    proc = p;
    await waitPing(port, p, () => log);
  };
  const exited = (p: ChildProcess) => (p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => p.once('exit', () => r())));

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get running() {
      return proc !== undefined && proc.exitCode === null && proc.signalCode === null;
    },
    async pause() {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const p = proc;
      p.kill('SIGTERM'); // redis-server shuts down cleanly on SIGTERM (fsyncs the AOF)
      await exited(p);
    },
    async resume() {
      if (proc && proc.exitCode === null && proc.signalCode === null) return;
      await launch();
    },
    async stop() {
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const p = proc;
        p.kill('SIGKILL');
        await exited(p);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
