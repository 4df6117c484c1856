/** Configuration: env then flags, one clear line and exit 2 on a bad value or an unreachable Redis. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseDuration } from '../../src/config.js';
import { CLIENT_CONNECT_TIMEOUT_MS, CLIENT_MAX_RECONNECTS } from '../../src/queue/connection.js';
import { hashTagPrefix } from '../../src/queue/names.js';
import { redisCli } from '../helpers/redis-server.js';
import { assertBuilt, CLI, ROOT } from './harness.js';

function cli(args: string[], env: Record<string, string> = {}) {
  assertBuilt();
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { ...r, ms: Date.now() - started };
}

describe('config', () => {
  it('reads the environment, and flags win over it', () => {
    const config = loadConfig({ NEWSINT_HOST_DELAY: '2s', NEWSINT_PREFIX: 'fromenv', NEWSINT_ALLOW_NETS: '127.0.0.1/32, 10.0.0.0/8' }, { prefix: 'fromflag' });
    expect(config.hostDelayMs).toBe(2000);
    expect(config.prefix).toBe('fromflag');
    expect(config.allowNets).toEqual(['127.0.0.1/32', '10.0.0.0/8']);
    expect(loadConfig({}).recrawlWindowMs).toBe(24 * 3_600_000);
    expect(hashTagPrefix(config.prefix)).toBe('{fromflag}');
  });

  it('parses durations and refuses nonsense', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('250')).toBeNull(); // a bare number is ambiguous
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('soon')).toBeNull();
    expect(() => loadConfig({ NEWSINT_QUEUES: 'fetch,cook' })).toThrow(/NEWSINT_QUEUES/);
  });

  it('`newsint config` prints every variable; a bad value exits 2 with one line naming it', () => {
    const ok = cli(['config', '--prefix', 'abc'], { NEWSINT_RATE_MAX: '7' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('NEWSINT_PREFIX=abc');
    expect(ok.stdout).toContain('NEWSINT_RATE_MAX=7');
    expect(ok.stdout).toContain('REDIS_URL=');

    const bad = cli(['config'], { NEWSINT_HOST_DELAY: 'abc' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('BAD_CONFIG: NEWSINT_HOST_DELAY="abc"');
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const badFlag = cli(['worker', '--concurrency', 'many']);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain('--fetch-concurrency');
  });

  // Four CLI start-ups in a row: each must be quick, the whole test gets room for a loaded machine.
  it('an unreachable Redis is one line and exit 2, quickly', { timeout: 60_000 }, () => {
    for (const args of [['status'], ['enqueue', 'https://example.com/a'], ['worker'], ['results']]) {
      // "Quickly" against the same CLI starting and exiting just before, under the same load:
      // at most the client's connect timeout and reconnects on top, never a wait for Redis.
      const startup = cli(['config']).ms;
      const r = cli(args, { REDIS_URL: 'redis://127.0.0.1:1' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim()).toBe('newsint: REDIS_UNAVAILABLE: cannot reach Redis at redis://127.0.0.1:1: start Redis or set REDIS_URL');
      expect(r.ms).toBeLessThan(2 * startup + CLIENT_CONNECT_TIMEOUT_MS * (CLIENT_MAX_RECONNECTS + 1));
    }
  });

  // `config` checks Redis as `worker` does, so the password-bearing cluster URL must reach a real
  // cluster: the run's own (test/global-setup.ts), with an ACL user of this test on every node.
  it('never prints a Redis password: `config` against the run\'s cluster, BAD_CONFIG and REDIS_UNAVAILABLE', () => {
    const SECRET = 'Tops3cret';
    const USER = `pw-test-${process.pid}`;
    const cluster = process.env.NEWSINT_TEST_REDIS_CLUSTER;
    if (!cluster) throw new Error('NEWSINT_TEST_REDIS_CLUSTER is unset: run under "npm test" (test/global-setup.ts starts the cluster)');
    const ports = cluster.split(',').map((n) => Number(new URL(n.trim()).port));
    // The password holds a '#', percent-encoded in the URL as users are told to.
    const password = `${SECRET}#x`;
    const acl = (...args: string[]) => ports.map((p) => redisCli(p, 'ACL', ...args).trim());
    expect(acl('SETUSER', USER, 'on', `>${password}`, '~*', '&*', '+@all')).toEqual(ports.map(() => 'OK'));
    const withPassword = (pw: string) => ports.map((p) => `redis://${USER}:${encodeURIComponent(pw)}@127.0.0.1:${p}`).join(',');
    const redacted = ports.map((p) => `redis://${USER}:***@127.0.0.1:${p}`).join(',');
    const shown = (args: string[], url: string) => {
      const r = cli(args, { REDIS_URL: url, NEWSINT_CONTACT_URL: 'https://intel.example.org/crawler' });
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      return r;
    };
    try {
      const json = shown(['config', '--json'], withPassword(password));
      expect(json.status, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout).redisUrl).toBe(redacted);
      const text = shown(['config'], withPassword(password));
      expect(text.status, text.stderr).toBe(0);
      expect(text.stdout).toContain(`REDIS_URL=${redacted}`);
      // A wrong password reaches the cluster and is refused: one line that says so, redacted.
      const wrong = shown(['config'], withPassword(`${SECRET}-wrong`));
      expect(wrong.status).toBe(2);
      expect(wrong.stderr.trim()).toBe(`newsint: REDIS_UNAVAILABLE: Redis at ${redacted} refused the user name or password in REDIS_URL: check them (percent-encode '#', '/', '?', '@')`);
    } finally {
      acl('DELUSER', USER);
    }
    // Unencoded '#', '/' or '@' in the password, a scheme typo: exit 2, one line, value redacted.
    for (const [url, shownAs, problem] of [
      [`redis://:${SECRET}#1@127.0.0.1:1`, 'redis://:***@127.0.0.1:1', 'percent-encode'],
      [`redis://:${SECRET}/1@127.0.0.1:1`, 'redis://:***@127.0.0.1:1', 'percent-encode'],
      [`redis://:a@${SECRET}@127.0.0.1:1`, 'redis://:***@127.0.0.1:1', 'percent-encode'],
      [`reddis://user:${SECRET}@127.0.0.1:1`, 'reddis://user:***@127.0.0.1:1', 'must start with redis://'],
      [`redis://:${SECRET}@127.0.0.1:7000,127.0.0.1:7001`, 'redis://:***@127.0.0.1:7000,127.0.0.1:7001', 'must start with redis://'],
    ] as const) {
      const r = shown(['config'], url);
      expect(r.status, url).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`BAD_CONFIG: REDIS_URL="${shownAs}": `);
      expect(r.stderr).toContain(problem);
    }
    const unreachable = shown(['status'], `redis://:${SECRET}@127.0.0.1:1,redis://:${SECRET}@127.0.0.1:2`);
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr.trim()).toBe('newsint: REDIS_UNAVAILABLE: cannot reach Redis at redis://:***@127.0.0.1:1,redis://:***@127.0.0.1:2: start Redis or set REDIS_URL');
  });
});
