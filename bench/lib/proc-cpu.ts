/**
 * CPU time of processes from /proc (Linux): how much work a run cost, which a busy shared host changes far less than
 * wall time. Elsewhere (no /proc) every figure is null and the report leaves the column out.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).

/** CPU µs per visit from a run's CPU ms; null when the CPU time was not read or nothing was accepted. */
export function cpuUsPerVisit(cpuMs: number | null | undefined, visits: number): number | null {
  return cpuMs == null || visits === 0 ? null : (cpuMs * 1000) / visits;
}

/** utime + stime of one process, in ms; null when it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Summed CPU ms of every live process whose command name is `comm` (e.g. all of a PostgreSQL's backends). Backends
 *  that exit between two readings take their time with them, so use it around work on long-lived connections. */
export function commandCpuMs(comm: string): number | null {
  let entries: string[];
  try { entries = readdirSync('/proc'); } catch { return null; }
  let total = 0;
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (readFileSync(`/proc/${e}/comm`, 'utf8').trim() !== comm) continue;
    } catch { continue; }
    total += processCpuMs(Number(e)) ?? 0;
  }
  return total;
}
