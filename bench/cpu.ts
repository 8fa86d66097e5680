// CPU time by process group, read from /proc (Linux), so a benchmark can say where each request's time went.
import { readFileSync, readdirSync } from "node:fs";

type Proc = { pid: number; ppid: number; comm: string; ticks: number };
export type CpuSnapshot = { procs: Map<number, Proc>; self: number };
export type CpuSpent = { server: number; postgres: number; senders: number };

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

export function cpuSnapshot(): CpuSnapshot {
  const procs = new Map<number, Proc>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      procs.set(Number(entry), {
        pid: Number(entry),
        ppid: Number(fields[1]),
        comm: stat.slice(stat.indexOf("(") + 1, close),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // the process ended between the listing and the read
    }
  }
  const usage = process.cpuUsage();
  return { procs, self: (usage.user + usage.system) / 1000 };
}

/**
 * CPU milliseconds spent between two snapshots by the app server's process tree, Postgres's processes (backends come
 * and go: a new one counts whole, one that ended in between is lost) and this process, the senders.
 */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot, serverPid: number): CpuSpent {
  const inServer = (p: Proc): boolean => p.pid === serverPid || (after.procs.has(p.ppid) && inServer(after.procs.get(p.ppid)!));
  const spent = (p: Proc) => (p.ticks - (before.procs.get(p.pid)?.ticks ?? 0)) * TICK_MS;
  let server = 0;
  let postgres = 0;
  for (const p of after.procs.values()) {
    if (inServer(p)) server += spent(p);
    else if (p.comm === "postgres") postgres += spent(p);
  }
  return { server, postgres, senders: after.self - before.self };
}
