import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../tests/helpers/test-env";
import type { ConcurrentLargeResult } from "./concurrent-large";
import type { RowResult } from "./measure";
import type { PageResult } from "./pages";
import type { StoreResult } from "./store";
import { targetLines } from "./targets";
import type { StampingResult } from "./stamping";

export interface BenchReport {
  date: string;
  quick: boolean;
  machine: { cores: number; cpu: string; memoryGB: number };
  versions: Record<string, string>;
  settings: { threads: number; connections: number; seconds: number; runs: number };
  rows: RowResult[];
  /** The download store alone, per database: µs per call. */
  storeAlone: StoreResult[];
  pages: PageResult[];
  concurrent: ConcurrentLargeResult[];
  /** The app's memory before and right after the 200-connection burst. */
  /** The app's RSS before the 200-connection row, 10 s into it, and at its end. */
  burstRss: { beforeMB: number; loadedMB: number; afterMB: number } | null;
  /** Time to stamp a buyer's copy (lib/stamping), median of three, or null when not measured. */
  stamping: StampingResult | null;
  notes: string[];
}

const fixed = (n: number | null, digits = 0) => (n === null || Number.isNaN(n) ? "–" : n.toFixed(digits));
const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "–");

function table(header: string[], lines: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...lines.map((l) => `| ${l.join(" | ")} |`),
  ].join("\n");
}

export function renderReport(report: BenchReport): { table: string; markdown: string } {
  const limitFor = (file: string) => report.rows.find((r) => r.name.startsWith("Limit") && r.file === file);
  const floor = report.rows.find((r) => r.name.startsWith("App floor"));
  const rowsTable = table(
    [
      "row",
      "file",
      "req/s",
      "MB/s",
      "p50 ms",
      "p99 ms",
      "errors",
      "vs limit (MB/s)",
      "vs floor (req/s)",
      "app CPU s",
      "app CPU ms/req",
      "app peak RSS MB",
      "upstream conns",
    ],
    report.rows.map((r) => [
      r.name,
      r.file,
      fixed(r.requestsPerSec),
      fixed(r.mbPerSec, 1),
      fixed(r.p50Ms, 2),
      fixed(r.p99Ms, 2),
      String(r.errors),
      r.name.startsWith("Limit") || r.file === "-" ? "–" : ratio(r.mbPerSec, limitFor(r.file)?.mbPerSec),
      r.name.startsWith("Limit") ? "–" : ratio(r.requestsPerSec, floor?.requestsPerSec),
      fixed(r.appCpuSeconds, 2),
      fixed(r.appCpuMsPerRequest, 2),
      fixed(r.appPeakRssMB, 0),
      r.upstreamConnections === null ? "–" : String(r.upstreamConnections),
    ]),
  );
  const pagesTable = table(
    ["page", "req/s", "p50 ms", "p99 ms", "errors", "Lighthouse performance", "Lighthouse accessibility"],
    report.pages.map((p) => [
      p.name,
      fixed(p.requestsPerSec),
      fixed(p.p50Ms, 1),
      fixed(p.p99Ms, 1),
      String(p.errors),
      p.lighthouse ? String(p.lighthouse.performance) : "–",
      p.lighthouse ? String(p.lighthouse.accessibility) : "–",
    ]),
  );
  const concurrentTable = table(
    ["what", "downloads × size", "seconds", "app RSS before MB", "peak MB", "after MB", "growth MB"],
    report.concurrent.map((c) => [
      c.name,
      `${c.downloads} × ${Math.round(c.bytesEach / 1024 / 1024)} MB`,
      fixed(c.seconds, 1),
      fixed(c.rssBeforeMB),
      fixed(c.rssPeakMB),
      fixed(c.rssAfterMB),
      fixed(c.rssPeakMB - c.rssBeforeMB),
    ]),
  );
  const storeTable = table(
    [
      "download store alone",
      "findGrant µs",
      "count + its log row µs",
      "log row alone µs",
      "findGrant + count + log row µs",
      "note",
    ],
    report.storeAlone.map((s) => [
      s.database,
      fixed(s.findGrantUs),
      fixed(s.countedUs),
      fixed(s.logUs),
      fixed(s.pathUs),
      s.note ?? "",
    ]),
  );
  const { settings, machine } = report;
  const header = [
    `Run ${report.date}${report.quick ? " (quick mode: numbers not comparable)" : ""} ` +
      `on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB.`,
    `Load: wrk -t${settings.threads} -c${settings.connections} -d${settings.seconds}s, ` +
      `${settings.runs} run(s) per row, median reported; everything on 127.0.0.1.`,
    `Versions: ${Object.entries(report.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join("; ")}.`,
    ...report.notes,
  ].join("\n");
  const targets = targetLines(report)
    .map((line) => `- ${line}`)
    .join("\n");
  const text = [header, rowsTable, storeTable, pagesTable, concurrentTable, `Targets:\n${targets}`].join("\n\n");
  const intro = [
    "Made by `npm run bench` (bench/run.ts). Each row is the same wrk load against one way of serving the",
    "file; ratios compare MB/s with the limit row for the same file (nginx serving it as a static file, no app)",
    "and requests/s with the app floor (a Next.js route answering 204 with no database work). The download store",
    "table times the store's own calls, one after another with no HTTP in between (bench/store.ts); a counted",
    "download writes its count and its log row in one call, as the app does.",
  ].join("\n");
  const markdown = `# Benchmarks\n\n${intro}\n\n${text}\n`;
  return { table: text, markdown: `${markdown}${analysis()}` };
}

/** The hand-written reading of the figures (bench/analysis.md), kept below each new run's tables. */
function analysis(): string {
  const file = path.join(PROJECT_ROOT, "bench/analysis.md");
  return existsSync(file) ? `\n${readFileSync(file, "utf8")}` : "";
}
