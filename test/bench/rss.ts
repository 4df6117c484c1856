/**
 * Resident memory of a process with all its descendants (extraction children included), read
 * from Linux /proc: what a worker process really costs its machine. Elsewhere it reads 0.
 */
import { readFileSync } from 'node:fs';

function childrenOf(pid: number): number[] {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim();
    return tasks ? tasks.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** `read` summed over `pid` and every process below it. */
function overTree(pid: number, read: (pid: number) => number): number {
  let sum = 0;
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    sum += read(p);
    todo.push(...childrenOf(p));
  }
  return sum;
}

/** MB resident in `pid` and every process below it. */
export function treeRssMb(pid: number): number {
  return overTree(pid, rssKb) / 1024;
}

/** Samples treeRssMb(pid) every `everyMs` until stopped; keeps the peak and every sample. */
export function sampleRss(pid: number, everyMs = 100): { stop(): { peakMb: number; samples: number[] } } {
  const samples: number[] = [];
  const take = () => samples.push(treeRssMb(pid));
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakMb: Math.max(...samples), samples };
    },
  };
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux we meet). */
const TICKS = 100;

function cpuTicks(pid: number): number {
  try {
    // Fields after the ")" of the command name: utime and stime are the 12th and 13th.
    const rest = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ').pop()!.split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system, every thread) used so far by `pid` and every process below it. */
export function treeCpuSeconds(pid: number): number {
  return overTree(pid, cpuTicks) / TICKS;
}
