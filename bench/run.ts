/**
 * `npm run bench`: Bindery against the physical limit (nginx serving the file itself) and the naive way,
 * side by side in one run, every server rendered from deploy/. `--quick` is the CI smoke version;
 * `--lighthouse` adds Lighthouse scores through npx when lighthouse is not installed.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { startApp, type RunningApp } from "../tests/helpers/app-server";
import { DEMO, signIn } from "../tests/helpers/http-session";
import { startStack, type Stack } from "../tests/helpers/servers/stack";
import { startWebServer } from "../tests/helpers/servers/web-server";
import { StoreDb } from "../tests/helpers/store-db";
import { PROJECT_ROOT, prepareTestEnvironment } from "../tests/helpers/test-env";
import { concurrentLarge, type ConcurrentLargeResult } from "./concurrent-large";
import { addBacklist, BACKLIST_SIZE } from "./backlist";
import { createBenchFiles, type BenchFile } from "./fixtures";
import { measureRow, type RowResult, type RowSpec } from "./measure";
import { findLighthouse, LIGHTHOUSE_SKIPPED } from "./lighthouse";
import { pageTimings, type PageResult } from "./pages";
import { startDjangoPeer } from "./peer";
import { postgresRows } from "./postgres-app";
import { rssMB } from "./process-stats";
import { renderReport, type BenchReport } from "./report";
import { storeRows } from "./store";
import { stampedCopyPath } from "./stamped-copy";
import { measureStamping } from "./stamping";
import { BURST_ROW, STAMPED_ROW } from "./targets";

const quick = process.argv.includes("--quick");
const settings = { threads: 2, connections: 32, seconds: quick ? 2 : 8 };
const runs = quick ? 1 : 3;
const LARGE = quick ? 32 * 1024 * 1024 : 256 * 1024 * 1024;
const sizes = [
  { label: "10KB", bytes: 10 * 1024 },
  { label: "1MB", bytes: 1024 * 1024 },
  { label: quick ? "32MB" : "256MB", bytes: LARGE },
];

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

async function main() {
  if (!existsSync(path.join(PROJECT_ROOT, ".next/standalone/server.js"))) {
    log("Building the app…");
    execFileSync("npm", ["run", "build", "--silent"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  }
  // The production build refuses the bench routes unless forced: only the benchmark does that.
  process.env.BENCH_ROUTES = "1";
  process.env.BENCH_ROUTES_FORCE = "1";
  const store = prepareTestEnvironment("bench");
  const db = new StoreDb(store.env.DATABASE_URL);
  const files = await createBenchFiles(db, store.env, sizes);
  const [small, medium, large] = files;
  const cleanups: (() => Promise<void>)[] = [];
  const rows: RowResult[] = [];
  let burstRss: BenchReport["burstRss"] = null;
  const measure = async (spec: RowSpec) => {
    log(`  ${spec.name} · ${spec.file}`);
    rows.push(await measureRow(spec, settings, runs));
  };

  try {
    // First, while no server runs: the download store alone on each database.
    log("The download store alone:");
    const storeAlone = await storeRows(quick ? 300 : 5000, quick ? 3 : 5, log);

    log("Starting nginx, Apache, lighttpd and Caddy in front of the app…");
    const stacks: Record<string, Stack> = {};
    for (const server of ["nginx", "apache", "lighttpd", "caddy"] as const) {
      stacks[server] = await startStack(server, store);
      cleanups.push(() => stacks[server].stop());
    }
    const nodeApp: RunningApp = await startApp({ ...store.env, SENDFILE_BACKEND: "node", DOWNLOAD_RATE_LIMIT: "0" });
    cleanups.push(() => nodeApp.stop());
    const nginx = stacks.nginx;

    const forFiles = async (
      name: string,
      base: string,
      app: RunningApp | null,
      pick: (f: BenchFile) => string,
      which = files,
    ) => {
      for (const file of which) {
        await measure({
          name,
          file: file.label,
          url: `${base}${pick(file)}`,
          appPid: app?.serverPid(),
          upstreamPort: app && base !== app.url ? app.port : undefined,
        });
      }
    };

    log("Rows:");
    await forFiles("Limit: nginx static file", nginx.url, null, (f) => f.staticPath);
    await forFiles("Bindery + nginx (signed link)", nginx.url, nginx.app, (f) => f.downloadPath);
    const cookie = await signIn(nginx.url, DEMO.reader.email, DEMO.reader.password);
    await measure({
      name: "Bindery + nginx (session cookie)",
      file: small.label,
      url: `${nginx.url}/api/downloads/${small.grantId}`,
      appPid: nginx.app.serverPid(),
      upstreamPort: nginx.app.port,
      headers: { cookie },
    });
    // A buyer's stamped copy of a ~10 KB PDF: made by the first request, then sent like any file.
    const stampedPath = await stampedCopyPath(db, store.env, nginx.url);
    await measure({
      name: STAMPED_ROW,
      file: small.label,
      url: `${nginx.url}${stampedPath}`,
      appPid: nginx.app.serverPid(),
      upstreamPort: nginx.app.port,
    });
    for (const server of ["apache", "lighttpd", "caddy"] as const) {
      const stack = stacks[server];
      await forFiles(
        `Bindery + ${server === "apache" ? "Apache" : server === "caddy" ? "Caddy" : "lighttpd"}`,
        stack.url,
        stack.app,
        (f) => f.downloadPath,
      );
    }
    await forFiles("Bindery alone (node backend)", nodeApp.url, nodeApp, (f) => f.downloadPath);
    await forFiles(
      "Naive: read whole file, return it",
      nodeApp.url,
      nodeApp,
      (f) => f.downloadPath.replace("/api/downloads/", "/api/bench/naive/"),
      [small, medium],
    );
    // A launch: many more clients than the app has workers, for a minute. Memory must stay flat.
    const rssBefore = rssMB(nginx.app.serverPid());
    // Once the crowd is in (10 s), again at the end: flat means no growth between the two.
    let rssLoaded = Number.NaN;
    const loaded = setTimeout(() => (rssLoaded = rssMB(nginx.app.serverPid())), quick ? 2_000 : 10_000);
    rows.push(
      await measureRow(
        {
          name: `${BURST_ROW} for ${quick ? 5 : 60} s`,
          file: small.label,
          url: `${nginx.url}${small.downloadPath}`,
          appPid: nginx.app.serverPid(),
          upstreamPort: nginx.app.port,
        },
        { ...settings, connections: 200, seconds: quick ? 5 : 60 },
        1,
      ),
    );
    clearTimeout(loaded);
    burstRss = { beforeMB: rssBefore, loadedMB: rssLoaded, afterMB: rssMB(nginx.app.serverPid()) };
    await measure({
      name: "App floor: 204, no database (via nginx)",
      file: "-",
      url: `${nginx.url}/api/bench/floor`,
      appPid: nginx.app.serverPid(),
      upstreamPort: nginx.app.port,
    });

    log("The same downloads with the store on PostgreSQL…");
    const postgresNote = await postgresRows(measure);
    if (postgresNote) log(postgresNote);

    let peerNote = "";
    // Django's defaults (a connection per request, an fsync per commit), then tuned as a shop would.
    for (const tuned of [false, true]) {
      try {
        const peer = await startDjangoPeer(store.env, { tuned });
        const peerNginx = await startWebServer({
          server: "nginx",
          env: store.env,
          app: `127.0.0.1:${peer.port}`,
          dir: path.join(store.dir, `nginx-peer${tuned ? "-tuned" : ""}`),
        }).catch(async (error: unknown) => {
          await peer.stop();
          throw error;
        });
        try {
          for (const file of [small, large]) {
            await measure({
              name: `Peer${tuned ? ", tuned" : ""}: Django + gunicorn (2 workers) + nginx`,
              file: file.label,
              url: `http://127.0.0.1:${peerNginx.port}${file.downloadPath}`,
              appPid: peer.pid,
              upstreamPort: peer.port,
            });
          }
        } finally {
          await peerNginx.stop();
          await peer.stop();
        }
      } catch (error) {
        peerNote = `Django peer not run: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
        log(peerNote);
        break;
      }
    }

    log(`Pages through nginx, with ${BACKLIST_SIZE} more books…`);
    await addBacklist(db);
    const lighthouse = quick ? null : findLighthouse(process.argv);
    if (!quick && !lighthouse) log(LIGHTHOUSE_SKIPPED);
    const cartBook = await db.prisma.product.findUniqueOrThrow({ where: { slug: "atlas-of-small-harbors" } });
    const visitors = { reader: cookie, cart: `bindery_cart=${cartBook.id}` };
    const pages: PageResult[] = await pageTimings(
      nginx.url,
      settings,
      runs,
      nginx.app.serverPid(),
      lighthouse,
      visitors,
    );

    log("Stamping a 300-page PDF and a 5 MB EPUB…");
    const stamping = await measureStamping();

    log(`${quick ? 4 : 8} concurrent large downloads…`);
    const concurrent: ConcurrentLargeResult[] = [];
    const n = quick ? 4 : 8;
    concurrent.push(
      await concurrentLarge(
        "node backend (app streams)",
        `${nodeApp.url}${large.downloadPath}`,
        nodeApp.serverPid(),
        n,
        large.bytes,
      ),
    );
    concurrent.push(
      await concurrentLarge(
        "nginx offload",
        `${nginx.url}${large.downloadPath}`,
        nginx.app.serverPid(),
        n,
        large.bytes,
      ),
    );

    const report: BenchReport = {
      date: new Date().toISOString(),
      quick,
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? "?",
        memoryGB: Math.round(os.totalmem() / 1024 ** 3),
      },
      versions: versions(),
      settings: { ...settings, runs },
      rows,
      storeAlone,
      pages,
      concurrent,
      burstRss,
      stamping,
      notes: [postgresNote ?? "", peerNote].filter(Boolean),
    };
    const { table, markdown } = renderReport(report);
    process.stdout.write(`${table}\n`);
    mkdirSync(path.join(PROJECT_ROOT, "bench-results"), { recursive: true });
    writeFileSync(
      path.join(PROJECT_ROOT, "bench-results", `${report.date.replace(/[:.]/g, "-")}${quick ? "-quick" : ""}.json`),
      JSON.stringify(report, null, 2),
    );
    if (!quick) writeFileSync(path.join(PROJECT_ROOT, "docs/benchmarks.md"), markdown);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await db.close();
    rmSync(store.dir, { recursive: true, force: true });
  }
}

function versions(): Record<string, string> {
  const version = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
        .trim()
        .split("\n")[0];
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr;
      return stderr ? stderr.trim().split("\n")[0] : "not installed";
    }
  };
  return {
    node: process.version,
    next: JSON.parse(
      execFileSync("node", ["-p", "JSON.stringify(require('next/package.json').version)"], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
      }),
    ),
    nginx: execFileSync("sh", ["-c", "nginx -v 2>&1"], { encoding: "utf8" }).trim(),
    apache: version("apache2", ["-v"]),
    lighttpd: version("lighttpd", ["-v"]),
    caddy: version("caddy", ["version"]),
    // Debian's interpreter, the one gunicorn runs (another python3 may come first on PATH).
    django: version("/usr/bin/python3", ["-c", "import django; print('Django ' + django.get_version())"]),
    gunicorn: version("gunicorn", ["--version"]),
    wrk: version("sh", ["-c", "wrk -v 2>&1 | head -1"]),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
