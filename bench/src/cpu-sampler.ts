import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU time (user + system) of processes, read from /proc/<pid>/stat around a measured run, so
 * that the benchmark can tell which process spent how much CPU per request. Linux only; where
 * /proc cannot tell, the figure is undefined (shown as n/a), never an error.
 */

let ticksPerSecond: number | undefined;

/** Clock ticks per second of the times in /proc/<pid>/stat (`getconf CLK_TCK`, read once; 100 if that fails). */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = NaN;
    }
    if (!(ticksPerSecond > 0)) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/** CPU time in ms (utime + stime, all threads) a process has used so far, or undefined if unreadable. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // fields 14 and 15 of proc(5)
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : undefined;
  } catch {
    return undefined;
  }
}

/** Pids of every process whose /proc/<pid>/comm is `postgres` (all PostgreSQL server processes on this machine). */
export function postgresPids(): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry) && readComm(entry) === 'postgres')
    .map(Number);
}

function readComm(pid: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Processes whose CPU time is summed under one name, e.g. "budgets" or "postgres". */
export interface ProcessGroup {
  name: string;
  /** Its processes; an undefined pid (a child that never started) makes the figure n/a. */
  pids: ReadonlyArray<number | undefined>;
  /**
   * True for pids found by listing /proc (see {@link postgresPids}): one that exits before it is
   * read is left out, instead of making the figure n/a.
   */
  listed?: boolean;
}

/** The CPU time of each process of each group at one moment; undefined for a group that could not be read. */
export type CpuSnapshot = Map<string, Map<number, number> | undefined>;

/** Reads the CPU time of every process of `groups` now. */
export function snapshotCpu(groups: readonly ProcessGroup[]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const group of groups) {
    let times: Map<number, number> | undefined = new Map();
    for (const pid of group.pids) {
      const ms = pid === undefined ? undefined : processCpuMs(pid);
      if (pid !== undefined && ms !== undefined) times.set(pid, ms);
      else if (!group.listed) {
        times = undefined;
        break;
      }
    }
    snapshot.set(group.name, times?.size ? times : undefined);
  }
  return snapshot;
}

/**
 * CPU ms each group used between two snapshots: per process the difference, a process that
 * appeared in between counted from zero (it started then), one that ended in between lost.
 * Undefined for a group either snapshot could not read.
 */
export function cpuUsedMs(
  before: CpuSnapshot,
  after: CpuSnapshot,
): Map<string, number | undefined> {
  const used = new Map<string, number | undefined>();
  for (const [name, end] of after) {
    const start = before.get(name);
    if (!start || !end) {
      used.set(name, undefined);
      continue;
    }
    let sum = 0;
    for (const [pid, ms] of end) sum += Math.max(0, ms - (start.get(pid) ?? 0));
    used.set(name, sum);
  }
  return used;
}
