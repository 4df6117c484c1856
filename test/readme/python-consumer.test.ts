/**
 * The README's tested Python consumer runs as written: its code block is taken from
 * README.md, run with the machine's `python3` (standard library only) over the file that
 * `newsint results --follow --out` appends to, against the suite's own Redis. A user
 * checks that every record is handled once, that Ctrl-C stops it cleanly, and that a
 * restart goes on where it stopped instead of handling records again.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract-article.js';
import { jobOptions } from '../../src/queue/queues.js';
import type { ArticleRecord } from '../../src/record/schema.js';
import { CLI, PATIENCE_MS, REDIS_URL, ROOT, assertBuilt, cleanup, openQueue, testRedis, uniquePrefix, waitFor } from '../pipeline/harness.js';

/** The first python block after the "Tested here" paragraph of the README. */
export function readmeTestedPythonConsumer(readme: string): string {
  const from = readme.indexOf('*Tested here: the records file.*');
  if (from < 0) throw new Error('README has no "*Tested here: the records file.*" paragraph');
  const block = /```python\n([\s\S]*?)```/.exec(readme.slice(from));
  if (!block) throw new Error('no python block after the tested-consumer paragraph');
  return block[1]!;
}

const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const havePython = python.status === 0;
if (!havePython) console.warn('NOTICE: python3 not found; the README Python consumer test is skipped');

interface Proc {
  proc: ChildProcess;
  exited: Promise<number | null>;
  out(): string;
  err(): string;
}

function start(cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  const proc = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, out: () => out, err: () => err };
}

function story(i: number): ArticleRecord {
  return extractArticle(
    `<html><head><title>Story ${i}</title></head><body><article><p>Story ${i}: APT29 phished a ministry, researchers said.</p></article></body></html>`,
    { url: `https://python-consumer.example/story/${i}` },
  );
}

/** The record ids a consumer run printed, in order (its lines start with the id). */
const handledIds = (p: Proc) => p.out().split('\n').filter(Boolean).map((line) => line.split(' ')[0]);

describe.skipIf(!havePython)('README Python consumer (records file)', () => {
  const prefix = uniquePrefix('pyconsumer');
  const dir = mkdtempSync(join(tmpdir(), 'newsint-py-'));
  const file = join(dir, 'records.jsonl');
  const script = join(dir, 'consumer.py');
  let redis: Redis;
  const running: Proc[] = [];
  beforeAll(() => {
    assertBuilt();
    redis = testRedis();
    writeFileSync(script, readmeTestedPythonConsumer(readFileSync(join(ROOT, 'README.md'), 'utf8')));
  });
  afterAll(async () => {
    for (const p of running) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
    await cleanup(prefix, redis);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('handles each record once, stops on Ctrl-C, and goes on where it stopped after a restart', async () => {
    const results = openQueue(prefix, 'results', redis);
    const opts = jobOptions({ prefix, attempts: 3, backoffMs: 100 }).results;
    const first = [1, 2, 3].map(story);
    for (const r of first) await results.add('record', r, { ...opts, jobId: r.id });

    const cli = start(process.execPath, [CLI, 'results', '--follow', '--out', file], { REDIS_URL, NEWSINT_PREFIX: prefix });
    running.push(cli);
    const py1 = start('python3', [script, file]);
    running.push(py1);
    await waitFor(() => handledIds(py1).length >= 3, PATIENCE_MS, () => `python handled ${handledIds(py1).length} of 3: ${py1.err()}`);
    py1.proc.kill('SIGINT');
    expect(await py1.exited).toBe(0);
    expect(py1.err()).toBe('');
    expect(handledIds(py1).sort()).toEqual(first.map((r) => r.id).sort());
    expect(py1.out()).toContain("Story 1 ['APT29']");
    // The saved place is the end of the file: nothing handled is handled again.
    expect(Number(readFileSync(`${file}.offset`, 'utf8'))).toBe(readFileSync(file).length);

    // Records that arrive while the consumer is down wait in the file.
    const later = [4, 5].map(story);
    for (const r of later) await results.add('record', r, { ...opts, jobId: r.id });
    await waitFor(() => readFileSync(file, 'utf8').split('\n').filter(Boolean).length === 5, PATIENCE_MS, () => `results wrote: ${cli.err()}`);

    const py2 = start('python3', [script, file]);
    running.push(py2);
    await waitFor(() => handledIds(py2).length >= 2, PATIENCE_MS, () => `python handled ${handledIds(py2).length} of 2: ${py2.err()}`);
    py2.proc.kill('SIGTERM');
    expect(await py2.exited).toBe(0);
    expect(handledIds(py2).sort()).toEqual(later.map((r) => r.id).sort());

    cli.proc.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(await results.getJobCounts('waiting', 'active', 'failed')).toEqual({ waiting: 0, active: 0, failed: 0 });
  });
});
