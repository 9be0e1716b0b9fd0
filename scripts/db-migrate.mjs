// `npm run db:migrate`: creates the SQLite folder if needed, then `prisma migrate deploy`.
import { mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";
import { assertSqliteNative } from "./lib/sqlite-native.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Migrations run through the better-sqlite3 driver adapter (prisma.config.ts).
assertSqliteNative(path.join(root, "package.json"), "Cannot migrate");
loadDotEnv(root);
absolutizePaths(root);
const url = process.env.DATABASE_URL;
if (url.startsWith("file:")) mkdirSync(path.dirname(url.slice(5)), { recursive: true });
execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
