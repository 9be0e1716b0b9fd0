// `npm start`: the production server from Next.js's standalone output, with the server preload
// (scripts/server-preload.cjs).
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseProviderOf } from "./lib/database.mjs";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";
import { assertSqliteNative } from "./lib/sqlite-native.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const server = path.join(root, ".next/standalone/server.js");
if (!existsSync(server)) {
  console.error("No production build found. Run `npm run build` first.");
  process.exit(1);
}
loadDotEnv(root);
absolutizePaths(root);
// On SQLite the server loads the build's own copy of better-sqlite3: check that one.
if (databaseProviderOf(process.env.DATABASE_URL) === "sqlite") assertSqliteNative(server);
process.env.NODE_ENV = "production";
// Loopback by default: the app port is for the web server in front, never for the public.
process.env.HOSTNAME ??= "127.0.0.1";
process.env.PORT ??= "3000";

// A small young generation when the app streams files itself (SENDFILE_BACKEND=node, the default):
// each read allocates a chunk buffer, and with V8's default semi-space (16 MB) that garbage alone grew
// the server by ~46 MB during a 200 MB download; with 2 MB it grows by ~7 MB. Behind a web server that
// sends the files, no file bytes pass through the app and the small young generation only costs CPU:
// garbage collection took 19 % of the download path's time with 2 MB and 9 % with V8's default, and
// signed-link downloads through nginx ran ~20 % faster (npm run bench:profile, docs/benchmarks.md).
const streamsFiles = (process.env.SENDFILE_BACKEND ?? "node") === "node";
const heapFlags =
  streamsFiles && !/--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? "") ? ["--max-semi-space-size=2"] : [];

// Flags Node refuses in NODE_OPTIONS (`--cpu-prof` for `npm run bench:profile`), for the server only.
const extraFlags = (process.env.BINDERY_SERVER_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);

const child = spawn(
  process.execPath,
  [...heapFlags, ...extraFlags, "--require", path.join(root, "scripts/server-preload.cjs"), server],
  {
    stdio: "inherit",
    env: process.env,
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
