/**
 * Finding processes a test run left behind. The global setup puts a random marker in the
 * environment; every process started during the run (vitest's pool workers, worker processes,
 * redis-servers, extraction children) inherits it, even after its parent died and it was
 * re-parented. Linux /proc only; elsewhere the check finds nothing.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export const RUN_MARKER_ENV = 'NEWSINT_TEST_RUN';

export interface MarkedProcess {
  pid: number;
  cmdline: string;
}

/**
 * Processes other than this one whose initial environment carries `${RUN_MARKER_ENV}=marker`,
 * or whose working directory names the marker: redis-server overwrites its environment with
 * its process title, so the servers the run starts are found by their directory instead.
 */
export function markedProcesses(marker: string): MarkedProcess[] {
  const needle = `${RUN_MARKER_ENV}=${marker}`;
  const found: MarkedProcess[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  for (const dir of pids) {
    const pid = Number(dir);
    if (pid === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${dir}/environ`, 'latin1').split('\0');
      if (!env.includes(needle) && !cwdOf(dir).includes(marker)) continue;
      const cmdline = readFileSync(`/proc/${dir}/cmdline`, 'latin1').split('\0').join(' ').trim();
      const state = /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${dir}/stat`, 'latin1'))?.[1];
      if (state === 'Z') continue; // a zombie holds no resources; its parent reaps it
      found.push({ pid, cmdline });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

function cwdOf(pid: string): string {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return '';
  }
}

/** The marker of this run, for names of directories that the run's servers work in. */
export function runMarker(): string {
  return process.env[RUN_MARKER_ENV] ?? 'norun';
}

/** vitest's own pool workers are not leaks; anything else still running at teardown is. */
export function leakedProcesses(marker: string): MarkedProcess[] {
  return markedProcesses(marker).filter((p) => !/node_modules\/vitest\/|node_modules\/tinypool\//.test(p.cmdline));
}
