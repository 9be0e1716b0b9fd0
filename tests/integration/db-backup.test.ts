import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/free-port";
import { postgresBinDir, startPostgres, type PostgresCluster } from "../helpers/postgres";
import { prisma } from "../helpers/prisma-cli";
import { PROJECT_ROOT, prepareTestEnvironment } from "../helpers/test-env";

// `npm run db:backup` while a separate process keeps committing orders: the copy must open, be intact, and
// hold every order committed before the backup started, and the writer must never have been refused.

const tmp = mkdtempSync(path.join(os.tmpdir(), "bindery-backup-"));
let cluster: PostgresCluster | undefined;
const cleanups: (() => void)[] = [];

afterAll(() => {
  for (const cleanup of cleanups) cleanup();
  cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real script, through npm as an owner would type it, or node directly. */
function backup(databaseUrl: string, target: string, via: "npm" | "node" = "node"): Run {
  const [command, args] =
    via === "npm"
      ? ["npm", ["run", "--silent", "db:backup", "--", target]]
      : [process.execPath, [path.join(PROJECT_ROOT, "scripts/db-backup.mjs"), target]];
  const result = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The one file a successful run wrote into `dir`, checked against the path and size it printed. */
function writtenFile(run: Run, dir: string, extension: string): string {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(new RegExp(`^bindery-\\d{8}T\\d{6}Z\\${extension}$`));
  const file = path.join(dir, files[0]);
  // Customers' addresses and password hashes: unreadable by other local users.
  expect(statSync(file).mode & 0o077).toBe(0);
  expect(run.stdout.trim()).toMatch(new RegExp(`^${file.replaceAll(".", "\\.")} \\(\\d+(\\.\\d)? [KMG]?B\\)$`));
  return file;
}

interface WriterReport {
  committed: number;
  errors: string[];
}

/** Starts tests/helpers/order-writer.mjs against `databaseUrl`; resolves once its first order is committed. */
async function startWriter(databaseUrl: string) {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "tests/helpers/order-writer.mjs"), databaseUrl], {
    cwd: PROJECT_ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  cleanups.push(() => child.kill());
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  expect(first.value).toBe("ready");
  return {
    async stop(): Promise<WriterReport> {
      child.stdin.end("stop\n");
      const [report] = await Promise.all([lines.next(), child.exitCode === null ? once(child, "exit") : null]);
      return JSON.parse(String(report.value)) as WriterReport;
    },
  };
}

const writerId = (n: number) => `wrt_${String(n).padStart(6, "0")}`;

/** The writer's orders in a copy are exactly wrt_000001…wrt_<count>: a prefix, nothing missing in between. */
function expectPrefix(count: number, maxId: string | null) {
  expect(maxId).toBe(count === 0 ? null : writerId(count));
}

describe("db:backup on SQLite", () => {
  it("copies a store that keeps taking orders: intact, with every order committed before it started", async () => {
    const { env } = prepareTestEnvironment("backup");
    const file = env.DATABASE_URL.slice("file:".length);
    const live = new Database(file);
    cleanups.push(() => live.close());
    // What the app does on its first connection; the file keeps it.
    expect(live.pragma("journal_mode = WAL", { simple: true })).toBe("wal");
    // Enough rows that the copy takes a while, so the writer keeps committing during it.
    const filler = live.prepare(
      `INSERT INTO "Order" (id, email, status, currency, subtotalCents, totalCents, createdAt, updatedAt)
       VALUES (?, 'filler@example.com', 'PAID', 'usd', 500, 500,
               '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    live.transaction(() => {
      for (let i = 0; i < 40_000; i++) filler.run(`fil_${i}`);
    })();
    const books = live.prepare(`SELECT count(*) AS n FROM Product`).get() as { n: number };
    expect(books.n).toBeGreaterThan(0);

    const writers = live.prepare(`SELECT count(*) AS n, max(id) AS maxId FROM "Order" WHERE id LIKE 'wrt_%'`);
    const writer = await startWriter(env.DATABASE_URL);
    const before = writers.get() as { n: number; maxId: string };
    expect(before.n).toBeGreaterThan(0);

    const dir = path.join(tmp, "sqlite");
    mkdirSync(dir);
    const run = backup(env.DATABASE_URL, dir, "npm");
    const afterBackup = (writers.get() as { n: number }).n;
    const report = await writer.stop();

    expect(report.errors).toEqual([]);
    // The writer kept committing while the backup ran.
    expect(afterBackup).toBeGreaterThan(before.n);
    expect(live.pragma("journal_mode", { simple: true })).toBe("wal");

    const copy = new Database(writtenFile(run, dir, ".db"), { readonly: true, fileMustExist: true });
    cleanups.push(() => copy.close());
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    // One self-contained file: rollback mode, nothing to carry beside it.
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    const copied = copy.prepare(`SELECT count(*) AS n, max(id) AS maxId FROM "Order" WHERE id LIKE 'wrt_%'`).get() as {
      n: number;
      maxId: string | null;
    };
    expect(copied.n).toBeGreaterThanOrEqual(before.n);
    expect(copied.n).toBeLessThanOrEqual(afterBackup);
    expectPrefix(copied.n, copied.maxId);
    expect(copy.prepare(`SELECT count(*) AS n FROM "Order" WHERE id LIKE 'fil_%'`).get()).toEqual({ n: 40_000 });
    expect(copy.prepare(`SELECT count(*) AS n FROM Product`).get()).toEqual(books);
  }, 120_000);
});

describe("db:backup on PostgreSQL", () => {
  it("dumps a database that keeps taking orders, and pg_restore brings back every order committed before", async () => {
    cluster = await startPostgres();
    const shop = await cluster.createDatabase("shop");
    await prisma("postgresql", shop, ["migrate", "deploy"]);
    const client = new pg.Client({ connectionString: shop });
    await client.connect();
    cleanups.push(() => void client.end());
    await client.query(
      `INSERT INTO "Order" (id, email, status, "subtotalCents", "totalCents", "updatedAt")
       SELECT 'fil_' || n, 'filler@example.com', 'PAID', 500, 500, now() FROM generate_series(1, 40000) AS n`,
    );
    const writerRows = `SELECT count(*)::int AS n, max(id) AS "maxId" FROM "Order" WHERE id LIKE 'wrt_%'`;
    const count = async (pool: pg.Client) => (await pool.query(writerRows)).rows[0] as { n: number; maxId: string };

    const writer = await startWriter(shop);
    const before = await count(client);
    expect(before.n).toBeGreaterThan(0);
    const dir = path.join(tmp, "postgres");
    mkdirSync(dir);
    const run = backup(shop, dir);
    const afterBackup = (await count(client)).n;
    const report = await writer.stop();
    expect(report.errors).toEqual([]);
    expect(afterBackup).toBeGreaterThan(before.n);
    const dump = writtenFile(run, dir, ".dump");

    const bin = postgresBinDir();
    expect(bin).toBeDefined();
    const pgRestore = (args: string[]) => {
      const result = spawnSync(path.join(bin ?? "", "pg_restore"), ["--no-owner", "--exit-on-error", ...args, dump], {
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    };

    // Into a fresh database.
    const restoredUrl = await cluster.createDatabase("restored");
    pgRestore([`--dbname=${restoredUrl}`]);
    const restored = new pg.Client({ connectionString: restoredUrl });
    await restored.connect();
    cleanups.push(() => void restored.end());
    const copied = await count(restored);
    expect(copied.n).toBeGreaterThanOrEqual(before.n);
    expect(copied.n).toBeLessThanOrEqual(afterBackup);
    expectPrefix(copied.n, copied.maxId);
    // Functions and triggers came back too: the audit log is still append-only.
    await restored.query(`INSERT INTO "AuditLog" (id, action, "targetType", "targetId") VALUES ('a1', 'x', 'y', 'z')`);
    await expect(restored.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/AuditLog is append-only/);

    // Over the live database, as README's "Backups" says: the orders written after the backup are gone.
    await client.end();
    pgRestore(["--clean", "--if-exists", "--single-transaction", `--dbname=${shop}`]);
    const again = new pg.Client({ connectionString: shop });
    await again.connect();
    cleanups.push(() => void again.end());
    expect(await count(again)).toEqual(copied);
  }, 240_000);
});

describe("db:backup refuses bad input in one line and leaves no file", () => {
  const expectOneLineFailure = (run: Run, pattern: RegExp, dir: string) => {
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(pattern);
    expect(readdirSync(dir)).toEqual([]);
  };

  it("an unreachable PostgreSQL server", async () => {
    const dir = mkdtempSync(path.join(tmp, "unreachable-"));
    const url = `postgresql://postgres@127.0.0.1:${await freePort()}/shop?schema=public`;
    expectOneLineFailure(backup(url, dir), /^db:backup failed: pg_dump failed: .*Connection refused/, dir);
  });

  it("a SQLite file that does not exist", () => {
    const dir = mkdtempSync(path.join(tmp, "missing-db-"));
    const url = `file:${path.join(tmp, "no-such.db")}`;
    expectOneLineFailure(backup(url, dir), /^db:backup failed: no database file at .*no-such\.db\n$/, dir);
  });

  it("a target folder that does not exist", () => {
    const dir = mkdtempSync(path.join(tmp, "no-folder-"));
    const source = path.join(dir, "..", "source.db");
    new Database(source).close();
    const run = backup(`file:${source}`, path.join(dir, "missing", "copy.db"));
    expectOneLineFailure(run, /^db:backup failed: the target folder .*missing does not exist\n$/, dir);
  });

  it("an existing backup under the target name: left untouched", () => {
    const dir = mkdtempSync(path.join(tmp, "exists-"));
    const source = path.join(dir, "..", "exists-source.db");
    const db = new Database(source);
    db.exec("CREATE TABLE t (x)");
    db.close();
    const target = path.join(dir, "copy.db");
    writeFileSync(target, "an older backup");
    const run = backup(`file:${source}`, target);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^db:backup failed: .*copy\.db already exists; it was left as it was\n$/);
    expect(readdirSync(dir)).toEqual(["copy.db"]);
    expect(statSync(target).size).toBe("an older backup".length);
    expect(existsSync(source)).toBe(true);
  });
});
