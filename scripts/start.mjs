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

// A small young generation: streaming a download allocates a chunk buffer per read, and with V8's
// default semi-space (16 MB) that garbage alone grew the server by ~46 MB during a 200 MB download;
// with 2 MB it grows by ~7 MB, at no measurable cost to page rendering (docs/benchmarks.md).
const heapFlags = /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? "") ? [] : ["--max-semi-space-size=2"];

const child = spawn(
  process.execPath,
  [...heapFlags, "--require", path.join(root, "scripts/server-preload.cjs"), server],
  {
    stdio: "inherit",
    env: process.env,
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
