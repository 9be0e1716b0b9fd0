import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface LoadResult {
  requestsPerSec: number;
  mbPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
}

export interface LoadSettings {
  threads: number;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!match) return Number.NaN;
  const n = Number(match[1]);
  return { us: n / 1000, ms: n, s: n * 1000, m: n * 60_000 }[match[2] as "us" | "ms" | "s" | "m"];
}

function toMB(value: string): number {
  const match = /^([\d.]+)(B|KB|MB|GB)$/.exec(value.trim());
  if (!match) return 0;
  const n = Number(match[1]);
  return { B: n / 1e6, KB: (n * 1024) / 1e6, MB: (n * 1024 * 1024) / 1e6, GB: (n * 1024 ** 3) / 1e6 }[
    match[2] as "B" | "KB" | "MB" | "GB"
  ];
}

/** One wrk run (Debian's wrk) with the same settings for every row; parses its text report. */
export async function wrk(url: string, settings: LoadSettings): Promise<LoadResult> {
  const headerArgs = Object.entries(settings.headers ?? {}).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  // A generous timeout: a 256 MB response takes seconds under load and is not an error.
  const args = [
    "-t",
    String(settings.threads),
    "-c",
    String(settings.connections),
    "-d",
    `${settings.seconds}s`,
    "--timeout",
    "60s",
    "--latency",
    ...headerArgs,
    url,
  ];
  const { stdout } = await run("wrk", args, { maxBuffer: 1 << 20 });
  const number = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const errors =
    (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) +
    number(/Non-2xx or 3xx responses: (\d+)/);
  return {
    requestsPerSec: number(/Requests\/sec:\s+([\d.]+)/),
    mbPerSec: toMB(/Transfer\/sec:\s+(\S+)/.exec(stdout)?.[1] ?? "0B"),
    p50Ms: toMs(/ 50%\s+(\S+)/.exec(stdout)?.[1] ?? "NaN"),
    p99Ms: toMs(/ 99%\s+(\S+)/.exec(stdout)?.[1] ?? "NaN"),
    errors,
    requests: number(/(\d+) requests in/),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
