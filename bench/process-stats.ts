import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // CLK_TCK on Linux x86_64

/** A process and all its descendants (gunicorn's workers, start.mjs's server). */
function tree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    for (const task of safeList(`/proc/${all[i]}/task`)) {
      const children = safeRead(`/proc/${all[i]}/task/${task}/children`).trim();
      if (children) all.push(...children.split(/\s+/).map(Number));
    }
  }
  return all;
}

const safeList = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};
const safeRead = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
};

/** User + system CPU seconds used so far by a process tree. */
export function cpuSeconds(pid: number): number {
  return tree(pid).reduce((sum, p) => {
    const fields = safeRead(`/proc/${p}/stat`).split(") ")[1]?.split(" ") ?? [];
    return sum + (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / TICKS_PER_SECOND;
  }, 0);
}

/** Resident memory of a process tree, in MB. */
export function rssMB(pid: number): number {
  return tree(pid).reduce(
    (sum, p) => sum + Number(/VmRSS:\s+(\d+)/.exec(safeRead(`/proc/${p}/status`))?.[1] ?? 0) / 1024,
    0,
  );
}

/** Samples RSS every 50 ms until stopped; returns the peak. */
export function sampleRss(pid: number): () => number {
  let peak = rssMB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMB(pid))), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMB(pid));
  };
}
