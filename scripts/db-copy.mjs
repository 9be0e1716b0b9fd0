// `npm run db:copy -- <from-url> <to-url>`: copies a SQLite shop, running or not, into an empty PostgreSQL
// database, every table, in one transaction that commits only when every table's row count matches.
// The steps around it: "Moving to PostgreSQL" in the README.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyDatabase } from "./lib/db-copy/copy.mjs";
import { connectPostgresTarget } from "./lib/db-copy/postgres-target.mjs";
import { formatCounts } from "./lib/db-copy/report.mjs";
import { schemaDifferences } from "./lib/db-copy/schema-match.mjs";
import { openSqliteSource } from "./lib/db-copy/sqlite-source.mjs";
import { postgresUrl, redact, sqliteFile } from "./lib/db-copy/urls.mjs";
import { assertSqliteNative } from "./lib/sqlite-native.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fail = (message) => {
  console.error(`db:copy: ${message}`);
  process.exit(1);
};

const [from, to, ...extra] = process.argv.slice(2);
if (!from || !to || extra.length > 0) fail("usage: npm run db:copy -- file:<sqlite file> postgresql://<target>");
assertSqliteNative(path.join(root, "package.json"), "Cannot copy");

/** `prisma migrate deploy` with the PostgreSQL migrations: creates the schema, or does nothing if it is there. */
function migrate(url) {
  try {
    execFileSync(
      path.join(root, "node_modules/.bin/prisma"),
      ["migrate", "deploy", "--config", "prisma.postgresql.config.ts"],
      { cwd: root, stdio: "pipe", encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
    );
  } catch (error) {
    const { stdout = "", stderr = "" } = error;
    throw new Error(`prisma migrate deploy failed:\n${stdout}${stderr}`);
  }
}

let source;
let target;
try {
  const file = sqliteFile(from, root);
  const url = postgresUrl(to);
  source = openSqliteSource(file);
  target = await connectPostgresTarget(url);

  const sqliteTables = source.tables();
  const occupied = await target.tablesWithRows([...sqliteTables.keys()]);
  if (occupied.length > 0) {
    const list = occupied.map(({ table, rows }) => `${table} ${rows}`).join(", ");
    fail(`refusing to copy: ${redact(url)} already holds Bindery rows (${list}); the target must be empty`);
  }

  console.log(`Applying the PostgreSQL migrations to ${redact(url)} (prisma migrate deploy)…`);
  migrate(url);

  const differences = schemaDifferences(sqliteTables, await target.readTables());
  if (differences.length > 0) {
    fail(`the two schemas differ (run npm run db:migrate on the source first): ${differences.join("; ")}`);
  }

  console.log(`Copying ${file} → ${redact(url)}…`);
  const { counts, committed } = await copyDatabase(source, target, (table) => console.log(`  copied ${table}`));
  console.log(formatCounts(counts));
  if (!committed) fail("row counts differ: rolled back, the target is as it was");
  const total = counts.reduce((sum, row) => sum + row.target, 0);
  console.log(`Copied ${total} rows in ${counts.length} tables, committed.`);
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}; nothing was copied`);
} finally {
  source?.close();
  await target?.end();
}
