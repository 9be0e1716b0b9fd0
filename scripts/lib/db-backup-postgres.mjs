// PostgreSQL backups with `pg_dump --format=custom`: pg_dump reads everything in one repeatable-read
// transaction, so the dump is the database as of its start while the shop keeps writing, and
// `pg_restore` can restore it whole or table by table.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { BackupError } from "./db-backup-target.mjs";

// Query parameters Prisma understands and libpq refuses ("invalid URI query parameter").
const PRISMA_ONLY_PARAMS = [
  "schema",
  "connection_limit",
  "pool_timeout",
  "socket_timeout",
  "pgbouncer",
  "statement_cache_size",
  "sslaccept",
  "sslidentity",
  "max_connection_lifetime",
  "max_idle_connection_lifetime",
];

/** pg_dump from `pg_config --bindir`, else Debian's newest versioned folder, else whatever PATH has. */
export function findPgDump() {
  const reported = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dirs = reported.status === 0 ? [reported.stdout.trim()] : [];
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((version) => path.join(debian, version, "bin")));
  }
  const found = dirs.map((dir) => path.join(dir, "pg_dump")).find((file) => existsSync(file));
  return found ?? "pg_dump";
}

/**
 * pg_dump's connection: the URL without the password (command lines are visible to every local user)
 * and without Prisma's own parameters; the password goes in PGPASSWORD, Prisma's `schema` in --schema.
 */
export function pgDumpConnection(databaseUrl) {
  const url = new URL(databaseUrl);
  const env = {};
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = "";
  const schema = url.searchParams.get("schema");
  for (const name of PRISMA_ONLY_PARAMS) url.searchParams.delete(name);
  // A firewall that drops packets would otherwise leave a nightly backup hanging for minutes.
  if (!url.searchParams.has("connect_timeout")) env.PGCONNECT_TIMEOUT ??= "15";
  return { dbname: url.toString(), env, schemaArgs: schema ? [`--schema=${schema}`] : [] };
}

/** pg_dump's first error line, without its "pg_dump: error: " prefix. */
export function firstErrorLine(stderr) {
  const lines = stderr.split("\n").map((line) => line.trim());
  const line = lines.find((candidate) => candidate.includes("error:")) ?? lines.find(Boolean) ?? "no output";
  return line.replace(/^pg_dump: error: /, "");
}

/** Dumps `databaseUrl` into `temporary`; `onChild` receives the process so a signal can stop it. */
export function backupPostgres(databaseUrl, temporary, onChild = () => {}) {
  const { dbname, env, schemaArgs } = pgDumpConnection(databaseUrl);
  const pgDump = findPgDump();
  const args = ["--format=custom", "--no-password", `--file=${temporary}`, ...schemaArgs, `--dbname=${dbname}`];
  return new Promise((resolve, reject) => {
    const child = spawn(pgDump, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    onChild(child);
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => {
      const missing = error.code === "ENOENT";
      reject(new BackupError(missing ? "pg_dump not found: install postgresql-client" : error.message));
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`pg_dump failed: ${firstErrorLine(stderr)}`));
    });
  });
}
