/**
 * A throw-away three-node Redis Cluster on loopback for tests: real redis-server processes in
 * cluster mode, joined with `redis-cli --cluster create`, killed and deleted afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMarker } from './processes.js';
import { freePort } from './redis-server.js';

export interface TestCluster {
  /** Seed nodes as REDIS_URL takes them: "redis://127.0.0.1:p1,redis://127.0.0.1:p2,..." */
  url: string;
  stop(): Promise<void>;
}

const NODES = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cli(port: number, ...args: string[]): string {
  return spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' }).stdout ?? '';
}

export async function startCluster(): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), `newsint-cluster-${runMarker()}-`));
  const ports: number[] = [];
  const procs: ChildProcess[] = [];
  // Cluster nodes also listen on port + 10000 (the bus): pick ports whose bus port is free too.
  while (ports.length < NODES) {
    const p = await freePort();
    if (p + 10000 < 65536 && !ports.includes(p)) ports.push(p);
  }
  for (const port of ports) {
    const nodeDir = join(dir, String(port));
    spawnSync('mkdir', ['-p', nodeDir]);
    procs.push(
      spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
        '--save', '', '--appendonly', 'no', '--dir', nodeDir], { stdio: 'ignore' }),
    );
  }
  const stop = async () => {
    await Promise.all(
      procs.map((p) => (p.exitCode !== null || p.signalCode !== null ? undefined : new Promise<void>((r) => (p.once('exit', () => r()), p.kill('SIGKILL'))))),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      for (let i = 0; cli(port, 'ping').trim() !== 'PONG'; i++) {
        if (i > 100) throw new Error(`redis-server on ${port} did not start`);
        await sleep(50);
      }
    }
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    for (let i = 0; !ports.every((p) => cli(p, 'cluster', 'info').includes('cluster_state:ok')); i++) {
      if (i > 200) throw new Error('the test cluster never reached cluster_state:ok');
      await sleep(50);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: ports.map((p) => `redis://127.0.0.1:${p}`).join(','), stop };
}
