// `npm run db:backup [-- <file or folder>]`: a consistent copy of the shop's database while it takes
// orders. SQLite → a `.db` file (VACUUM INTO), PostgreSQL → a `.dump` (pg_dump --format=custom). Without
// a target it goes to backups/bindery-<UTC time>.<ext>. Restoring: README, "Backups".
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { absolutizePaths, loadDotEnv } from "./lib/env-file.mjs";
import { backupPostgres } from "./lib/db-backup-postgres.mjs";
import { backupSqlite } from "./lib/db-backup-sqlite.mjs";
import { discard, formatSize, publish, resolveTarget, temporaryPath } from "./lib/db-backup-target.mjs";
import { assertSqliteNative } from "./lib/sqlite-native.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fail = (message) => {
  console.error(`db:backup failed: ${message}`);
  process.exit(1);
};

// A backup holds every customer's address and password hash: only its owner may read it. pg_dump
// inherits the mask, and the default backups/ folder is created private too.
process.umask(0o077);
const args = process.argv.slice(2);
if (args.length > 1) fail("expected at most one argument, the target file or folder");
loadDotEnv(root);
absolutizePaths(root);
const url = process.env.DATABASE_URL ?? "";
const kind = url.startsWith("file:") ? "sqlite" : /^postgres(ql)?:\/\//.test(url) ? "postgresql" : undefined;
if (kind === undefined) fail("DATABASE_URL must start with file: or postgresql://");
if (kind === "sqlite") assertSqliteNative(path.join(root, "package.json"), "db:backup failed");

let temporary;
let child;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    child?.kill("SIGTERM");
    if (temporary) discard(temporary);
    console.error(`db:backup stopped by ${signal}; no backup was written`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

try {
  const defaultDir = path.join(root, "backups");
  if (args[0] === undefined) mkdirSync(defaultDir, { recursive: true });
  // npm runs scripts from the project root; a relative target means relative to where the owner typed it.
  const cwd = process.env.npm_lifecycle_event === "db:backup" ? (process.env.INIT_CWD ?? process.cwd()) : process.cwd();
  const target = resolveTarget(args[0], { defaultDir, extension: kind === "sqlite" ? ".db" : ".dump", cwd });
  temporary = temporaryPath(target);
  discard(temporary);
  if (kind === "sqlite") backupSqlite(root, url.slice("file:".length), temporary);
  else await backupPostgres(url, temporary, (spawned) => (child = spawned));
  publish(temporary, target);
  temporary = undefined;
  console.log(`${target} (${formatSize(statSync(target).size)})`);
} catch (error) {
  if (temporary) discard(temporary);
  // BackupError says what went wrong in the owner's terms; anything else still gets one line, no stack.
  fail(error instanceof Error ? error.message : String(error));
}
