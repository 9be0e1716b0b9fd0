/**
 * `npm run bench:lighthouse`: the four pages with Lighthouse targets (catalog, book, cart with one book,
 * library signed in), set up as `npm run bench` sets them up — the built app behind real nginx, the seeded
 * store plus the 10,000-book backlist, the same visitor cookies — in minutes instead of the full run.
 * Prints performance, accessibility and the metrics behind them (median of `--runs=N`, default 1) and the
 * audits that explain LCP; the JSON reports stay in bench-results/lighthouse/ for reading.
 *
 *   --runs=3            runs per page (median reported)
 *   --only=cart,book    some of the pages: catalog, book, cart, library
 *   --no-backlist       the demo catalog only
 *   --serve             keep the stack running afterwards (Ctrl-C stops it), for manual runs
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO, signIn } from "../tests/helpers/http-session";
import { startStack } from "../tests/helpers/servers/stack";
import { StoreDb } from "../tests/helpers/store-db";
import { PROJECT_ROOT, prepareTestEnvironment } from "../tests/helpers/test-env";
import { addBacklist } from "./backlist";
import {
  categoryScore,
  findLighthouse,
  LIGHTHOUSE_VERSION,
  lighthouseReport,
  type LighthouseResult,
} from "./lighthouse";
import { PAGES, type Visitors } from "./pages";
import { median } from "./wrk";

const SHORT: Record<string, string> = {
  "Catalog page /": "catalog",
  "Book page": "book",
  "Cart (one book)": "cart",
  "Library, signed in": "library",
};

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3);
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function audit(report: LighthouseResult, id: string) {
  return report.audits?.[id];
}

/** The lines that say where a page's time went: LCP element and phases, blocking resources, bytes. */
function explain(report: LighthouseResult): string[] {
  const lines: string[] = [];
  const items = (id: string) =>
    ((audit(report, id)?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []) as Record<
      string,
      unknown
    >[];
  const element = items("largest-contentful-paint-element");
  const node = (element[0]?.items as { node?: { snippet?: string } }[] | undefined)?.[0]?.node ?? element[0]?.node;
  if (node) lines.push(`    LCP element: ${String((node as { snippet?: string }).snippet ?? "?").slice(0, 110)}`);
  const phases = (element[1]?.items as { phase?: string; timing?: number }[] | undefined) ?? [];
  if (phases.length)
    lines.push(`    LCP phases: ${phases.map((p) => `${p.phase} ${Math.round(p.timing ?? 0)} ms`).join(", ")}`);
  const blocking = items("render-blocking-insight").length
    ? items("render-blocking-insight")
    : items("render-blocking-resources");
  for (const item of blocking)
    lines.push(
      `    render-blocking: ${String(item.url)} ${Math.round(Number(item.totalBytes ?? 0) / 1024)} KB, ` +
        `${Math.round(Number(item.wastedMs ?? 0))} ms`,
    );
  const weight = audit(report, "total-byte-weight");
  if (weight) lines.push(`    total bytes: ${Math.round((weight.numericValue ?? 0) / 1024)} KB`);
  const network = items("network-requests");
  const byType = new Map<string, number>();
  for (const request of network)
    byType.set(
      String(request.resourceType),
      (byType.get(String(request.resourceType)) ?? 0) + Number(request.transferSize ?? 0),
    );
  lines.push(
    `    transferred: ${[...byType].map(([type, bytes]) => `${type} ${Math.round(bytes / 1024)} KB`).join(", ")} ` +
      `(${network.length} requests)`,
  );
  const unused = audit(report, "unused-javascript");
  if (unused?.details) lines.push(`    unused JS: ${unused.displayValue ?? "–"}`);
  const bootup = audit(report, "bootup-time");
  if (bootup) lines.push(`    JS execution: ${bootup.displayValue ?? "–"}`);
  return lines;
}

async function main() {
  const runner = findLighthouse(["--lighthouse"]);
  if (!runner) throw new Error("unreachable");
  if (!existsSync(path.join(PROJECT_ROOT, ".next/standalone/server.js"))) {
    log("Building the app…");
    execFileSync("npm", ["run", "build", "--silent"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  }
  const runs = Number(option("runs") ?? 1);
  const only = option("only")?.split(",");
  const pages = PAGES.filter((page) => page.lighthouseTarget && (!only || only.includes(SHORT[page.name])));
  const store = prepareTestEnvironment("lighthouse");
  const db = new StoreDb(store.env.DATABASE_URL);
  const outDir = path.join(PROJECT_ROOT, "bench-results", "lighthouse");
  mkdirSync(outDir, { recursive: true });
  log(`Lighthouse ${LIGHTHOUSE_VERSION} (${runner.join(" ")}), ${runs} run(s) per page`);
  const stack = await startStack("nginx", store);
  try {
    const reader = await signIn(stack.url, DEMO.reader.email, DEMO.reader.password);
    if (!process.argv.includes("--no-backlist")) {
      log("Adding the 10,000-book backlist…");
      await addBacklist(db);
    }
    const cartBook = await db.prisma.product.findUniqueOrThrow({ where: { slug: "atlas-of-small-harbors" } });
    const visitors: Visitors = { reader, cart: `bindery_cart=${cartBook.id}` };
    const rows: string[] = [];
    for (const page of pages) {
      const headers: Record<string, string> = page.visitor ? { cookie: visitors[page.visitor] } : {};
      const url = `${stack.url}${page.path}`;
      // The benchmark loads each page with wrk before Lighthouse: caches are warm.
      for (let i = 0; i < 3; i++) await (await fetch(url, { headers })).arrayBuffer();
      const reports: LighthouseResult[] = [];
      for (let run = 0; run < runs; run++) {
        const report = await lighthouseReport(runner, url, headers);
        writeFileSync(path.join(outDir, `${SHORT[page.name]}-${run + 1}.json`), JSON.stringify(report, null, 1));
        reports.push(report);
      }
      const metric = (id: string) => Math.round(median(reports.map((r) => audit(r, id)?.numericValue ?? NaN)));
      const row =
        `${SHORT[page.name].padEnd(8)} ` +
        `perf ${String(median(reports.map((r) => categoryScore(r, "performance")))).padStart(3)}` +
        `  a11y ${String(median(reports.map((r) => categoryScore(r, "accessibility")))).padStart(3)}` +
        `  LCP ${metric("largest-contentful-paint")} ms  TBT ${metric("total-blocking-time")} ms` +
        `  FCP ${metric("first-contentful-paint")} ms  SI ${metric("speed-index")} ms` +
        `  (perf per run: ${reports.map((r) => categoryScore(r, "performance")).join(", ")})`;
      rows.push(row);
      log(row);
      for (const line of explain(reports[reports.length - 1])) log(line);
    }
    process.stdout.write(`\n${rows.join("\n")}\nReports: ${outDir}\n`);
    if (process.argv.includes("--serve")) {
      log(`\nServing ${stack.url} (cart cookie: ${visitors.cart}; reader cookie: ${reader}). Ctrl-C stops.`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    }
  } finally {
    await stack.stop();
    await db.close();
    rmSync(store.dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
