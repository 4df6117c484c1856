/**
 * Every command in the README's "Command line" section runs as written: the shell lines of
 * its code blocks are taken from README.md itself and run with `sh`, `npx newsint` and
 * `newsint` pointing at the built CLI, in a scratch directory holding the files the examples
 * name, against a private Redis. Long-running commands (worker, results --follow, dashboard)
 * are stopped with SIGTERM once they are up and must exit 0. This machine has no internet:
 * commands naming public URLs are checked for a well-formed run (no usage error, the one
 * error style), not for fetched content.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, SAMPLES_DIR, assertBuilt, uniquePrefix } from '../pipeline/harness.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

/** The shell lines of the sh blocks between "## Command line" and the next "## " heading. */
export function readmeCliCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('\n## Command line'), readme.indexOf('\n## ', readme.indexOf('\n## Command line') + 5));
  const commands: string[] = [];
  for (const block of section.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      const command = line.replace(/\s+#\s.*$/, '').trim();
      if (command && !command.startsWith('#')) commands.push(command);
    }
  }
  return commands;
}

/** Commands that serve until stopped, and the stderr text that says they are up. */
const SERVERS: Array<[RegExp, RegExp]> = [
  [/newsint worker\b/, /serving/],
  [/newsint results --follow/, /./],
  [/newsint dashboard\b/, /newsint dashboard: http/],
];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(command: string, cwd: string, env: Record<string, string>, readyOn?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    // A server command is one simple command: `exec` makes it the process that gets SIGTERM, as from a terminal.
    const child = spawn('/bin/sh', ['-c', readyOn && /^(npx )?newsint /.test(command) ? `exec ${command}` : command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      // The whole process group: sh and the newsint it started.
      process.kill(-child.pid!, 'SIGTERM');
    };
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (readyOn && readyOn.test(stderr)) setTimeout(stop, 500);
    });
    // `results --follow` prints nothing until it has records: stop it once it had time to start.
    const timer = readyOn ? setTimeout(stop, 8_000) : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe("README's Command line section", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const commands = readmeCliCommands(readme);
  let redis: TestRedis;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'newsint-readme-'));
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    // `npx newsint` and `newsint` both run the built CLI.
    writeFileSync(join(bin, 'newsint'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = newsint ] && shift\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    mkdirSync(join(dir, 'samples'));
    for (const f of ['telecom-breach-confirmed.html', 'joint-advisory-volt-typhoon.html']) copyFileSync(join(SAMPLES_DIR, f), join(dir, 'samples', f));
    copyFileSync(join(SAMPLES_DIR, 'telecom-breach-confirmed.html'), join(dir, 'saved-page.html'));
    writeFileSync(join(dir, 'urls.txt'), '# articles to read\nhttps://example.com/news/1\n\nhttps://example.com/news/2  # second\n');
    env = {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '',
      REDIS_URL: redis.url,
      NEWSINT_PREFIX: uniquePrefix('readme'),
      NEWSINT_CONTACT_URL: 'https://intel.example.org/crawler',
      NEWSINT_TIMEOUT: '2s',
      NEWSINT_TOTAL_TIMEOUT: '3s',
      NEWSINT_LOG_FORMAT: 'json',
      NEWSINT_METRICS_PORT: '',
    };
  });
  afterAll(async () => {
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has commands for each pipeline command', () => {
    for (const name of ['extract', 'schedule add', 'enqueue', 'worker', 'status', 'results', 'dashboard', 'config']) {
      expect(commands.some((c) => c.includes(`newsint ${name}`)), name).toBe(true);
    }
  });

  it('runs every command as written', { timeout: 300_000 }, async () => {
    const outcomes: string[] = [];
    for (const command of commands) {
      const server = SERVERS.find(([pattern]) => pattern.test(command));
      const r = await run(command, dir, env, server?.[1]);
      const context = `${command}\nstdout: ${r.stdout.slice(0, 400)}\nstderr: ${r.stderr.slice(0, 800)}`;
      if (/REDIS_URL=redis:\/\/(?!127\.)/.test(command)) {
        // A Redis of another machine (the multi-machine example): one clear line, exit 2.
        expect(r.code, context).toBe(2);
        expect(r.stderr.trim(), context).toMatch(/^newsint: REDIS_UNAVAILABLE: cannot reach Redis at redis:\/\/\S+: start Redis or set REDIS_URL$/);
        outcomes.push(`${command} -> 2 (that Redis is not reachable from here)`);
        continue;
      }
      expect(r.code, context).not.toBe(2); // never a usage error
      expect(r.stderr, context).not.toMatch(/\n\s+at /); // never a stack trace
      // urls.txt holds public URLs too (as a user's list would).
      const needsNetwork = (/https?:\/\/(?!127\.)/.test(command.replace(/--(url|feed|sitemap) \S+/g, '')) || command.includes('urls.txt')) && /extract|curl/.test(command);
      if (server) expect(r.code, context).toBe(0);
      else if (needsNetwork) {
        // Offline here: each URL input fails on its own line, in the one error style.
        for (const line of r.stderr.split('\n').filter((l) => l.startsWith('newsint: http'))) expect(line).toMatch(/^newsint: \S+: [A-Z_]+: /);
      } else expect(r.code, context).toBe(0);
      outcomes.push(`${command} -> ${r.code ?? r.signal}`);
    }
    console.info(`README CLI commands run: ${outcomes.length}\n${outcomes.join('\n')}`);
    expect(outcomes.length).toBe(commands.length);
  });
});
