// `npm run db:migrate`: `prisma migrate deploy` with the config of the database DATABASE_URL names
// (creating the SQLite folder if needed).
import { mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseProviderOf, prismaConfigArgs } from "./lib/database.mjs";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";
import { assertSqliteNative } from "./lib/sqlite-native.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
loadDotEnv(root);
absolutizePaths(root);
const url = process.env.DATABASE_URL;
const configArgs = prismaConfigArgs(url);
if (databaseProviderOf(url) === "sqlite") {
  // SQLite migrations run through the better-sqlite3 driver adapter (prisma.config.ts).
  assertSqliteNative(path.join(root, "package.json"), "Cannot migrate");
  mkdirSync(path.dirname(url.slice(5)), { recursive: true });
}
execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy", ...configArgs], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
