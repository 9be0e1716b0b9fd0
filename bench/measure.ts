import { connectionsTo } from "./connections";
import { cpuSeconds, sampleRss } from "./process-stats";
import { median, wrk, type LoadResult, type LoadSettings } from "./wrk";

export interface RowSpec {
  name: string;
  file: string;
  url: string;
  /** The app (or peer) process whose CPU and memory the row reports; none for the limit row. */
  appPid?: number;
  /** Port of the app behind a proxy: counts the connections the proxy opened to it. */
  upstreamPort?: number;
  headers?: Record<string, string>;
}

export interface RowResult extends LoadResult {
  name: string;
  file: string;
  appCpuSeconds: number | null;
  appCpuMsPerRequest: number | null;
  appPeakRssMB: number | null;
  upstreamConnections: number | null;
  runs: number;
}

/** Runs one row `runs` times with the same wrk settings and keeps the median of each figure. */
export async function measureRow(row: RowSpec, settings: LoadSettings, runs: number): Promise<RowResult> {
  const results = [];
  let cpu = 0;
  let peak = 0;
  let connections = 0;
  for (let i = 0; i < runs; i++) {
    const cpuBefore = row.appPid ? cpuSeconds(row.appPid) : 0;
    const connectionsBefore = row.upstreamPort ? connectionsTo(row.upstreamPort) : 0;
    const stopSampling = row.appPid ? sampleRss(row.appPid) : () => 0;
    results.push(await wrk(row.url, { ...settings, headers: row.headers }));
    peak = Math.max(peak, stopSampling());
    cpu += row.appPid ? cpuSeconds(row.appPid) - cpuBefore : 0;
    connections = Math.max(connections, row.upstreamPort ? connectionsTo(row.upstreamPort) - connectionsBefore : 0);
  }
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  return {
    name: row.name,
    file: row.file,
    requestsPerSec: median(results.map((r) => r.requestsPerSec)),
    mbPerSec: median(results.map((r) => r.mbPerSec)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    requests,
    appCpuSeconds: row.appPid ? cpu : null,
    appCpuMsPerRequest: row.appPid && requests ? (cpu * 1000) / requests : null,
    appPeakRssMB: row.appPid ? peak : null,
    upstreamConnections: row.upstreamPort ? connections : null,
    runs,
  };
}
