/**
 * The command line as people expect it: URL lists with comments (`-i`, `enqueue -`), one error
 * style and exit-status table, durations with units both ways, `config` showing the
 * User-Agent and checking what `worker` checks, one `--allow-net`, one set of fetch defaults.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration, loadConfig, parseDuration } from '../../src/config.js';
import { DEFAULT_FETCH_LIMITS } from '../../src/fetch/types.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { uniquePrefix } from '../pipeline/harness.js';
import { ensureBuilt, runCli, stderrLines } from './run-cli.js';

describe('command-line habits', () => {
  let redis: TestRedis;
  let dir: string;
  beforeAll(async () => {
    ensureBuilt();
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'newsint-habits-'));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('durations: units in and out, a bare number refused; one set of fetch defaults', () => {
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('15')).toBeNull();
    expect(formatDuration(900_000)).toBe('15m');
    expect(formatDuration(1_500)).toBe('1.5s');
    expect(() => loadConfig({ NEWSINT_HOST_DELAY: '500' })).toThrow(/NEWSINT_HOST_DELAY="500": expected a duration with a unit/);
    const config = loadConfig({});
    expect(config.timeoutMs).toBe(DEFAULT_FETCH_LIMITS.connectTimeoutMs);
    expect(config.timeoutMs).toBe(DEFAULT_FETCH_LIMITS.bodyTimeoutMs);
    expect(config.totalTimeoutMs).toBe(DEFAULT_FETCH_LIMITS.totalTimeoutMs);
    expect(config.maxBytes).toBe(DEFAULT_FETCH_LIMITS.maxBytes);
    expect(config.maxRedirects).toBe(DEFAULT_FETCH_LIMITS.maxRedirects);
    expect(config.maxRetryAfterMs).toBe(DEFAULT_FETCH_LIMITS.maxRetryAfterMs);
  });

  it('`config` prints durations with units and the User-Agent, warns on the default contact, checks like worker', async () => {
    const env = { REDIS_URL: redis.url };
    const ok = await runCli(['config'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('NEWSINT_RECRAWL_WINDOW=1d');
    expect(ok.stdout).toContain('NEWSINT_TIMEOUT=15s');
    expect(ok.stdout).toMatch(/^# User-Agent sent to sites: newsint\/\S+ \(\+https:\/\/github\.com\/newsint\/newsint#crawler\)$/m);
    expect(ok.stderr).toMatch(/^newsint: warning: NEWSINT_CONTACT_URL is the default/);
    const mine = await runCli(['config', '--contact-url', 'https://intel.example.org/crawler'], { env });
    expect(mine.stdout).toContain('(+https://intel.example.org/crawler)');
    expect(mine.stderr).toBe('');
    // What worker refuses, config refuses too, with the same line and status.
    for (const [args, extra, line] of [
      [['--allow-net', '10.0.0.0/33'], {}, /^newsint: BAD_CONFIG: .*10\.0\.0\.0\/33/],
      [['--metrics-port', 'abc'], {}, /^newsint: BAD_CONFIG: --metrics-port="abc"/],
      [[], { REDIS_URL: 'redis://127.0.0.1:1' }, /^newsint: REDIS_UNAVAILABLE: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/],
    ] as Array<[string[], Record<string, string>, RegExp]>) {
      const bad = await runCli(['config', ...args], { env: { ...env, NEWSINT_CONTACT_URL: 'https://intel.example.org/c', ...extra } });
      const worker = await runCli(['worker', ...args], { env: { ...env, NEWSINT_CONTACT_URL: 'https://intel.example.org/c', ...extra } });
      expect(bad.code, args.join(' ')).toBe(2);
      expect(worker.code, args.join(' ')).toBe(2);
      expect(stderrLines(bad.stderr)).toEqual([expect.stringMatching(line)]);
      expect(stderrLines(worker.stderr)).toEqual([expect.stringMatching(line)]);
    }
  }, 120_000);

  it('enqueue: `-` and `-i FILE` skip blank lines and # comments; a bad URL is one line in the error style, exit 1', async () => {
    const list = '# advisories to read\nhttps://example.com/news/1\n\n   # indented comment\nhttps://example.com/news/2   # the second one\nnot a url\n';
    writeFileSync(join(dir, 'urls.txt'), list);
    const env = { REDIS_URL: redis.url, NEWSINT_PREFIX: uniquePrefix('habits') };
    const fromStdin = await runCli(['enqueue', '-'], { env, stdin: list });
    expect(fromStdin.stdout).toBe('2 new, 0 duplicates, 1 invalid\n');
    expect(stderrLines(fromStdin.stderr)).toEqual([expect.stringMatching(/^newsint: not a url: BAD_URL: /)]);
    expect(fromStdin.code).toBe(1);
    const fromFile = await runCli(['enqueue', '-i', join(dir, 'urls.txt')], { env });
    expect(fromFile.stdout).toBe('0 new, 2 duplicates, 1 invalid\n');
    const none = await runCli(['enqueue'], { env });
    expect(none.code).toBe(2);
    expect(stderrLines(none.stderr)).toEqual(['newsint: USAGE: give URLs, - for stdin, or -i FILE']);
  }, 60_000);

  it('extract -i: paths and URLs from a file, comments skipped; a missing list is a usage error', async () => {
    writeFileSync(join(dir, 'inputs.txt'), '# local pages\nsamples/telecom-breach-confirmed.html\nsamples/missing.html  # not there\n');
    const r = await runCli(['extract', '-i', join(dir, 'inputs.txt')]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(stderrLines(r.stderr)).toEqual([expect.stringMatching(/^newsint: samples\/missing\.html: BAD_INPUT: /)]);
    const missing = await runCli(['extract', '-i', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(stderrLines(missing.stderr)).toEqual([expect.stringMatching(/^newsint: BAD_INPUT: cannot read input file .*nope\.txt: no such file$/)]);
  }, 60_000);

  it('one error style for usage errors on every command; --allow-net spelled the same everywhere', async () => {
    const bad = await runCli(['status', '--no-such-flag']);
    expect(bad.code).toBe(2);
    expect(stderrLines(bad.stderr)[0]).toBe("newsint: USAGE: unknown option '--no-such-flag'");
    for (const command of ['extract', 'worker', 'config']) {
      const help = await runCli([command, '--help']);
      expect(help.stdout, command).toMatch(/--allow-net <\w+>/);
      expect(help.stdout, command).not.toContain('--allow-nets');
    }
  }, 60_000);
});
