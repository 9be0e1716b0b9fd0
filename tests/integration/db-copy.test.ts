import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "@prisma/client";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { DOWNLOAD_EVENTS, fillEveryTable, HUGE_WINDOW, ODD_DATES } from "../helpers/db-copy-fixtures";
import { startPostgres, type PostgresCluster } from "../helpers/postgres";
import { prisma as prismaCli } from "../helpers/prisma-cli";
import { PROJECT_ROOT, prepareTestEnvironment } from "../helpers/test-env";

// `npm run db:copy` for real: a seeded SQLite store with rows in every table, kept "running" (a write
// transaction open on it), copied into a fresh PostgreSQL database by the script itself.

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the script; `onOutput` hears its stdout as it comes. */
function dbCopy(from: string, to: string, onOutput: (text: string) => void = () => {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, "scripts/db-copy.mjs"), from, to],
      { cwd: PROJECT_ROOT, env: process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdout?.on("data", (chunk: Buffer) => onOutput(chunk.toString()));
  });
}

/** A client that reads timestamps as the UTC instants Prisma stores in them, and int8 as BigInt. */
function pgClient(url: string) {
  return new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === pg.types.builtins.TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
        if (oid === pg.types.builtins.INT8) return (text: string) => BigInt(text);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
}

const MODELS = Prisma.dmmf.datamodel.models.map((model) => model.dbName ?? model.name).sort();
type Row = Record<string, unknown>;
const canonical = (row: Row) =>
  JSON.stringify(
    Object.keys(row)
      .sort()
      .map((key) => [key, row[key]]),
    (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value),
  );
const sorted = (rows: Row[]) => [...rows].sort((a, b) => canonical(a).localeCompare(canonical(b)));

let cluster: PostgresCluster | undefined;
let storeEnv: Record<string, string> = {};
let sqliteUrl = "";
let targetUrl = "";
let copy: Run;
let inFlightCopied = -1;
let sqlite: PrismaClient;
let target: pg.Client;

async function pgCount(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

async function rowCounts(client: pg.Client) {
  const counts: Record<string, number> = {};
  for (const table of MODELS) {
    counts[table] = Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  }
  return counts;
}

beforeAll(async () => {
  const [store, started] = await Promise.all([
    Promise.resolve().then(() => prepareTestEnvironment("db-copy")),
    startPostgres(),
  ]);
  cluster = started;
  storeEnv = store.env;
  sqliteUrl = store.env.DATABASE_URL;
  targetUrl = await cluster.createDatabase("copy_target");
  sqlite = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteUrl, timeout: 5000 }) });
  const sql = new Database(sqliteUrl.slice("file:".length));
  sql.pragma("busy_timeout = 5000");
  // As the app runs it.
  sql.pragma("journal_mode = WAL");
  await fillEveryTable(sqlite, sql);

  // The shop keeps selling during the copy: a write is under way when the copy starts, and commits once the
  // copy has opened its snapshot (it says so before migrating, seconds before it reads any table).
  sql.exec("BEGIN IMMEDIATE");
  sql.prepare(`INSERT INTO "ProcessedStripeEvent" (id, type) VALUES ('evt_in_flight', 'charge.refunded')`).run();
  let output = "";
  copy = await dbCopy(sqliteUrl, targetUrl, (text) => {
    output += text;
    if (sql.inTransaction && output.includes("Applying the PostgreSQL migrations")) sql.exec("COMMIT");
  });
  if (sql.inTransaction) throw new Error(`the copy never got as far as migrating:\n${copy.stdout}${copy.stderr}`);
  inFlightCopied = await pgCount(
    targetUrl,
    `SELECT count(*) AS n FROM "ProcessedStripeEvent" WHERE id = 'evt_in_flight'`,
  );
  // Back to the state the copy saw, so the comparisons below hold the source to exactly what was copied.
  sql.prepare(`DELETE FROM "ProcessedStripeEvent" WHERE id = 'evt_in_flight'`).run();
  sql.close();

  target = pgClient(targetUrl);
  await target.connect();
}, 300_000);

afterAll(async () => {
  await target?.end();
  await sqlite?.$disconnect();
  cluster?.stop();
});

describe("npm run db:copy", () => {
  it("copies every table of the schema, with as many rows on both sides, and prints both counts", async () => {
    expect(copy.stderr).toBe("");
    expect(copy.code).toBe(0);
    const sqliteTables = (
      await sqlite.$queryRawUnsafe<{ name: string }[]>(
        `SELECT name FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
      )
    ).map((row) => row.name);
    const { rows } = await target.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    expect(MODELS.length).toBeGreaterThanOrEqual(13);
    expect(sqliteTables.sort()).toEqual(MODELS);
    expect(rows.map((row) => row.name).sort()).toEqual(MODELS);

    const copied = await rowCounts(target);
    for (const table of MODELS) {
      const source = Number(
        (await sqlite.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`))[0]?.n,
      );
      expect(source, `${table} has rows to copy`).toBeGreaterThan(0);
      expect(copied[table], table).toBe(source);
      expect(copy.stdout).toMatch(new RegExp(`^${table} +${source} +${source}$`, "m"));
    }
    expect(copied.DownloadEvent).toBe(DOWNLOAD_EVENTS + ODD_DATES.length);
  });

  it("every row of every table reads back equal, field by field (dates to the ms, booleans, nulls)", async () => {
    let compared = 0;
    for (const model of Prisma.dmmf.datamodel.models) {
      const delegate = (sqlite as unknown as Record<string, { findMany(): Promise<Row[]> }>)[
        model.name.charAt(0).toLowerCase() + model.name.slice(1)
      ];
      const before = await delegate.findMany();
      const { rows: after } = await target.query<Row>(`SELECT * FROM "${model.dbName ?? model.name}"`);
      expect(before.length, model.name).toBeGreaterThan(0);
      expect(sorted(after), model.name).toEqual(sorted(before));
      compared += after.length;
    }
    expect(compared).toBeGreaterThan(DOWNLOAD_EVENTS);
  });

  it("converts each SQLite DateTime spelling, booleans, BigInt and non-ASCII text as the app reads them", async () => {
    for (const { id, instant } of ODD_DATES) {
      const { rows } = await target.query(`SELECT "createdAt" FROM "DownloadEvent" WHERE id = $1`, [id]);
      expect(rows[0]?.createdAt.toISOString(), id).toBe(instant);
    }
    const { rows: books } = await target.query(`SELECT title, published, "coverPath" FROM "Product" ORDER BY title`);
    expect(books.map((book) => book.title)).toContain("Ωmega — Les Misérables 日本語");
    expect(new Set(books.map((book) => book.published))).toEqual(new Set([true, false]));
    const { rows: windows } = await target.query(
      `SELECT "windowEndsAt" FROM "RateLimit" WHERE key = 'sign-in:far-future'`,
    );
    expect(windows[0]?.windowEndsAt).toBe(HUGE_WINDOW);
    const { rows: tokens } = await target.query(`SELECT "usedAt" FROM "AccountToken" ORDER BY "expiresAt"`);
    expect(tokens.map((token) => token.usedAt?.toISOString() ?? null)).toEqual(["2026-11-30T23:59:59.999Z", null]);
    const { rows: roles } = await target.query(
      `SELECT role::text AS role FROM "User" WHERE email = 'admin@example.com'`,
    );
    expect(roles[0]?.role).toBe("ADMIN");
  });

  it("copies the snapshot it started from: a write committed meanwhile neither blocks the copy nor enters it", () => {
    expect(copy.code).toBe(0);
    expect(inFlightCopied).toBe(0);
  });

  it("refuses a target that already holds rows, in one line, and leaves it as it was", async () => {
    const before = await rowCounts(target);
    const again = await dbCopy(sqliteUrl, targetUrl);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(/refusing to copy: .* already holds Bindery rows \(.*DownloadEvent 1238.*\)/);
    expect(await rowCounts(target)).toEqual(before);
  });

  it("rolls back and exits non-zero when a table's count differs after the copy", async () => {
    if (!cluster) throw new Error("no cluster");
    const url = await cluster.createDatabase("copy_lossy");
    await prismaCli("postgresql", url, ["migrate", "deploy"]);
    const lossy = pgClient(url);
    await lossy.connect();
    try {
      // A target that silently drops some rows, as a misbehaving trigger or rule would.
      await lossy.query(`
        CREATE FUNCTION drop_exhausted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
        CREATE TRIGGER drop_exhausted BEFORE INSERT ON "DownloadEvent" FOR EACH ROW
          WHEN (NEW.outcome = 'EXHAUSTED') EXECUTE FUNCTION drop_exhausted();`);
      const run = await dbCopy(sqliteUrl, url);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^DownloadEvent +1238 +\d+ +DIFFERS$/m);
      expect(run.stderr).toMatch(/row counts differ: rolled back/);
      const counts = await rowCounts(lossy);
      expect(Object.keys(counts)).toEqual(MODELS);
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    } finally {
      await lossy.end();
    }
  }, 240_000);

  // The built app started on the copy (DATABASE_URL=postgresql://…).
  it("the copied shop serves on PostgreSQL: the reader signs in and downloads, counted there", async () => {
    const { rows } = await target.query<{ id: string; downloadsUsed: number; sha256: string }>(
      `
        SELECT g.id, g."downloadsUsed", f.sha256 FROM "DownloadGrant" g
        JOIN "OrderItem" i ON i.id = g."orderItemId" JOIN "Order" o ON o.id = i."orderId"
        JOIN "User" u ON u.id = o."userId" JOIN "ProductFile" f ON f.id = g."productFileId"
        WHERE u.email = $1 AND g."revokedAt" IS NULL ORDER BY g.id LIMIT 1`,
      [DEMO.reader.email],
    );
    const grant = rows[0];
    if (!grant) throw new Error("the reader has no grant in the copy");
    const app = await startApp({ ...storeEnv, DATABASE_URL: targetUrl });
    try {
      const cookie = await signIn(app.url, DEMO.reader.email, DEMO.reader.password);
      const response = await fetch(`${app.url}/api/downloads/${grant.id}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      const body = new Uint8Array(await response.arrayBuffer());
      expect(createHash("sha256").update(body).digest("hex")).toBe(grant.sha256);
      const after = await target.query(`SELECT "downloadsUsed" FROM "DownloadGrant" WHERE id = $1`, [grant.id]);
      expect(after.rows[0]?.downloadsUsed).toBe(grant.downloadsUsed + 1);
    } finally {
      await app.stop();
    }
  }, 120_000);
});
